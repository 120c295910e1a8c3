import { IsOptional, Matches } from 'class-validator';

import { BaseEnv } from '../config/base.env';

/** The variables of an app that may share state through Redis; unset REDIS_URL keeps everything in process memory. */
export class RedisEnv extends BaseEnv {
  /** redis://[user:pass@]host:port[/db] or rediss://…; unset → in-memory state, one process only. */
  @IsOptional()
  @Matches(/^rediss?:\/\/[^/\s]+(\/\d{1,2})?$/, {
    message: 'REDIS_URL must look like redis://[user:password@]host:port[/db]',
  })
  REDIS_URL?: string;

  /** Prepended to every key, so that several deployments (or tests) share one Redis without meeting. */
  @Matches(/^[A-Za-z0-9:_.-]{1,64}$/, {
    message: 'REDIS_KEY_PREFIX must be 1–64 characters of letters, digits, ":", "_", "." or "-"',
  })
  REDIS_KEY_PREFIX: string = 'wlp:';
}
