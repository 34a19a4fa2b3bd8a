export * from './connection-options';
export * from './data-converter';
export * from './deadline-retry';
export * from './encryption-codec';
export * from './temporal-client.module';
export * from './temporal-deadlines';
export * from './temporal-errors';
export * from './tracing';
