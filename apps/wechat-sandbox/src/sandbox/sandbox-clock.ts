import { Injectable } from '@nestjs/common';

/** The sandbox's notion of now: the real clock plus however far tests moved it forward. */
@Injectable()
export class SandboxClock {
  private offsetMs = 0;

  constructor(private readonly realNow: () => number = Date.now) {}

  now(): number {
    return this.realNow() + this.offsetMs;
  }

  advance(ms: number): number {
    this.offsetMs += ms;
    return this.now();
  }
}
