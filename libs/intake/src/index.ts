export * from './detention-starter';
export * from './intake-backlog';
export * from './intake.module';
