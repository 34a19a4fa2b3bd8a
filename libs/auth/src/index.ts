export * from './auth.decorators';
export * from './auth.guard';
export * from './auth.module';
export * from './roles';
export * from './token-verifier';
export * from './partner-secrets';
export * from './webhook-signature';
export * from './person-keys';
