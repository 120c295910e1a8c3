export * from './publics/code2session.dto';
export * from './publics/health-ping.dto';
export * from './publics/publics-error';
export * from './publics/publics.constants';
export * from './customer/customer-error';
export * from './customer/customer.constants';
export * from './customer/introspect.dto';
export * from './customer/user.dto';
