export * from './app-config';
export * from './config.module';
export * from './logging.module';
export * from './key-ring';
export * from './mail-config';
export * from './retention-config';
export * from './temporal-deadlines';
