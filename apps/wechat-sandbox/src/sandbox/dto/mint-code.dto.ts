import { IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';

export class MintCodeDto {
  /** Any name for the pretend WeChat user; the same name always gets the same openid. */
  @IsString()
  @Length(1, 128)
  user!: string;

  /** Answer this WeChat errcode instead of a session… */
  @IsOptional()
  @IsInt()
  errcode?: number;

  /** …for this many exchanges (default: all of them). */
  @IsOptional()
  @IsInt()
  @Min(1)
  failures?: number;

  /** Delay every answer for this code. */
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(60_000)
  delayMs?: number;
}

export interface MintCodeResponse {
  code: string;
  openid: string;
}
