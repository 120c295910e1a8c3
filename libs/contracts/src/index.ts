export * from './publics/code2session.dto';
export * from './publics/health-ping.dto';
export * from './publics/publics-error';
export * from './publics/publics.constants';
export * from './publics/publics-nats';
