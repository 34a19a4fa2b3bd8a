export * from './detention-starter';
export * from './intake.module';
