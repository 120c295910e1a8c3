import { setTimeout as sleep } from 'node:timers/promises';

import { OnModuleDestroy } from '@nestjs/common';
import { NatsContext, NatsOptions, ServerNats } from '@nestjs/microservices';
import type { Msg, NatsConnection, NatsError, Subscription } from 'nats';

export interface QueueGroupNatsServerOptions {
  /** NATS_SUBJECT_PREFIX: the deployment's subjects, shared with its callers. */
  subjectPrefix: string;
  /** Every instance of the app joins this queue group: NATS hands each request to one of them. */
  queue: string;
  nats: NonNullable<NatsOptions['options']>;
  /** The longest a graceful shutdown waits for requests under way to be answered. */
  drainTimeoutMs: number;
}

/** How long stopping the subscriptions may take when NATS is unreachable. */
const UNSUBSCRIBE_TIMEOUT_MS = 2000;

/** Waits for the promise, or for ms at most, leaving no timer behind. */
async function atMost(promise: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)));
  try {
    await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Nest's NATS server, made for running many instances of an app side by side:
 * - every pattern is subscribed as `<prefix>.<pattern>` in one queue group, so
 *   NATS hands each request to exactly one instance (without the group, every
 *   instance would run every request: a login code exchanged twice);
 * - on shutdown it first stops receiving (the other instances take the new
 *   requests), then answers every request it has taken, then closes.
 */
export class QueueGroupNatsServer extends ServerNats implements OnModuleDestroy {
  private readonly subjectPrefix: string;
  private readonly queue: string;
  private readonly drainTimeoutMs: number;
  private readonly queueSubscriptions: Subscription[] = [];
  private unanswered = 0;
  private stoppedReceiving?: Promise<void>;
  private closing?: Promise<void>;
  private connected = false;

  constructor(options: QueueGroupNatsServerOptions) {
    super(options.nats);
    this.subjectPrefix = options.subjectPrefix;
    this.queue = options.queue;
    this.drainTimeoutMs = options.drainTimeoutMs;
    this.status.subscribe((status) => (this.connected = status === 'connected'));
  }

  /** Connected to NATS with its subscriptions live. */
  get isReceiving(): boolean {
    return (
      this.connected && this.queueSubscriptions.length > 0 && this.stoppedReceiving === undefined
    );
  }

  override bindEvents(client: NatsConnection): void {
    for (const pattern of this.messageHandlers.keys()) {
      const handle = this.getMessageHandler(pattern) as (
        error: NatsError | null,
        message: Msg,
      ) => Promise<unknown>;
      const subscription = client.subscribe(`${this.subjectPrefix}.${pattern}`, {
        queue: this.queue,
        callback: (error, message) => {
          this.unanswered += 1;
          handle(error, message).catch((failure: unknown) => {
            this.unanswered -= 1;
            this.logger.error(failure);
          });
        },
      });
      this.queueSubscriptions.push(subscription);
    }
  }

  override getPublisher(
    message: Msg,
    id: string,
    context: NatsContext,
  ): (response: { isDisposed?: boolean }) => unknown {
    const publish = super.getPublisher(message, id, context) as (response: unknown) => unknown;
    return (response) => {
      // Nest marks the last packet of an answer isDisposed (an error or the one result).
      if (response.isDisposed === true) this.unanswered -= 1;
      return publish(response);
    };
  }

  /** First step of a shutdown: unsubscribe, and process what NATS had already sent. */
  async onModuleDestroy(): Promise<void> {
    await this.stopReceiving();
  }

  override close(): Promise<void> {
    this.closing ??= this.closeOnce();
    return this.closing;
  }

  private async closeOnce(): Promise<void> {
    await this.stopReceiving();
    const deadline = Date.now() + this.drainTimeoutMs;
    while (this.unanswered > 0 && Date.now() < deadline) await sleep(20);
    if (this.unanswered > 0) {
      this.logger.warn(`Closing with ${this.unanswered} request(s) still unanswered`);
    }
    if (this.connected) {
      await atMost(this.unwrap<NatsConnection>().flush(), UNSUBSCRIBE_TIMEOUT_MS);
    }
    await super.close();
    this.connected = false;
  }

  private stopReceiving(): Promise<void> {
    this.stoppedReceiving ??= atMost(
      Promise.allSettled(this.queueSubscriptions.map((subscription) => subscription.drain())),
      UNSUBSCRIBE_TIMEOUT_MS,
    );
    return this.stoppedReceiving;
  }
}
