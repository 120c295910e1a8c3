export * from './snowflake-id';
export * from './snowflake.constants';
export * from './snowflake.generator';
