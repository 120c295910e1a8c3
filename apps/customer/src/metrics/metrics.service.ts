import { PublicsPattern } from '@app/contracts';
import { Injectable } from '@nestjs/common';
import { Counter, Histogram, Registry } from 'prom-client';

/**
 * How a request ended: `success`, or the error code customer answered with (a
 * CustomerErrorCode or a publics contract code), a fixed set.
 */
export type Outcome = string;

/** customer's instruments. */
@Injectable()
export class MetricsService {
  private readonly logins: Counter<'outcome'>;
  private readonly loginDuration: Histogram;
  private readonly publicsCalls: Histogram<'pattern' | 'outcome'>;
  private readonly usersCreated: Counter;

  constructor(registry: Registry) {
    this.logins = new Counter({
      name: 'login_requests_total',
      help: 'POST /login answers, by outcome (success or the error code answered)',
      labelNames: ['outcome'],
      registers: [registry],
    });
    this.loginDuration = new Histogram({
      name: 'login_duration_seconds',
      help: 'Duration of POST /login, from validation to the answer',
      registers: [registry],
    });
    this.publicsCalls = new Histogram({
      name: 'publics_rpc_duration_seconds',
      help: 'Duration of RPC calls to publics, by pattern and outcome (success or the error code)',
      labelNames: ['pattern', 'outcome'],
      registers: [registry],
    });
    this.usersCreated = new Counter({
      name: 'users_created_total',
      help: 'Users this instance created on their first login',
      registers: [registry],
    });
  }

  /** Starts timing a login; call the result once with how it ended. */
  startLogin(): (outcome: Outcome) => void {
    const stop = this.loginDuration.startTimer();
    return (outcome) => {
      stop();
      this.logins.inc({ outcome });
    };
  }

  /** Starts timing an RPC call to publics; call the result once with how it ended. */
  startPublicsCall(pattern: PublicsPattern): (outcome: Outcome) => void {
    const stop = this.publicsCalls.startTimer({ pattern });
    return (outcome) => {
      stop({ outcome });
    };
  }

  userCreated(): void {
    this.usersCreated.inc();
  }
}
