export * from './redis.env';
export * from './redis.module';
