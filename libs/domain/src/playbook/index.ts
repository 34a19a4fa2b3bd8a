export * from './default-playbook';
export * from './offsets';
export * from './playbook';
