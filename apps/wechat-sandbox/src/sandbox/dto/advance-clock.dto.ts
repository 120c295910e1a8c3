import { IsInt, Max, Min } from 'class-validator';

export const MAX_CLOCK_ADVANCE_MS = 86_400_000;

/** Body of `POST /sandbox/clock/advance`. */
export class AdvanceClockDto {
  @IsInt()
  @Min(1)
  @Max(MAX_CLOCK_ADVANCE_MS)
  ms!: number;
}

/** Answer of `POST /sandbox/clock/advance`. */
export interface AdvanceClockResponse {
  /** The sandbox's now, epoch milliseconds. */
  now: number;
}
