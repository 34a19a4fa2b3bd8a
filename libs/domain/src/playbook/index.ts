export * from './default-playbook';
export * from './default-playbook-v2';
export * from './offsets';
export * from './playbook';
export * from './playbook-checks';
export * from './playbook-diff';
export * from './playbook-schema';
