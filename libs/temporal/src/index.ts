export * from './connection-options';
export * from './data-converter';
export * from './encryption-codec';
export * from './temporal-client.module';
