export * from './nats-connection';
export * from './publics-transport.env';
export * from './queue-group-nats.server';
