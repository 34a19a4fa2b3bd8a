export * from './audit-log';
export * from './data-source-options';
export * from './detention-projector';
export * from './entities';
export * from './persistence.module';
export * from './readiness-summary';
