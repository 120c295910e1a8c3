import { IsIn } from 'class-validator';

import { LOG_LEVELS, LogLevel, NodeEnv } from './node-env';

/** What every app's env class has: which environment it runs in and how much it logs. */
export class BaseEnv {
  @IsIn(Object.values(NodeEnv))
  NODE_ENV: NodeEnv = NodeEnv.Production;

  @IsIn(LOG_LEVELS)
  LOG_LEVEL: LogLevel = 'info';
}
