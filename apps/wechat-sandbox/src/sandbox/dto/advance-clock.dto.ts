import { IsInt, Max, Min } from 'class-validator';

export class AdvanceClockDto {
  @IsInt()
  @Min(1)
  @Max(86_400_000)
  ms!: number;
}
