export * from './nats-connection';
export * from './publics-transport.env';
