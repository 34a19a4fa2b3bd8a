export * from './default-playbook';
export * from './default-playbook-v2';
export * from './offsets';
export * from './playbook';
