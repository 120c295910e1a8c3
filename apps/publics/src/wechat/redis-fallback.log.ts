import { Logger } from '@nestjs/common';

/**
 * Logs that a store fell back to process memory once per Redis outage, not on
 * every call made during it, and that it uses Redis again once it does.
 */
export class RedisFallbackLog {
  private failing = false;

  constructor(
    private readonly logger: Logger,
    private readonly what: string,
  ) {}

  failed(error: unknown): void {
    if (this.failing) return;
    this.failing = true;
    this.logger.warn(
      { reason: error instanceof Error ? error.message : String(error) },
      `Redis failed while ${this.what}: using process memory until it answers again`,
    );
  }

  succeeded(): void {
    if (!this.failing) return;
    this.failing = false;
    this.logger.log(`Redis answers again: ${this.what} through it`);
  }
}
