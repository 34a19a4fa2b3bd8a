export * from './data-converter';
export * from './detention-starter';
export * from './encryption-codec';
export * from './temporal-client.module';
