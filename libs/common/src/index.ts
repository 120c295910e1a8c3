export * from './config/node-env';
export * from './config/validate-env';
export * from './logging/logging.module';
export * from './logging/redaction';
export * from './validation/validation-message';
export * from './database/column-transformers';
export * from './snowflake';
export * from './config/sandbox-credentials';
