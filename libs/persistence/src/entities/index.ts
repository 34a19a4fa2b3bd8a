// Read-model entities, registered with every DataSource.
export const ENTITIES: Function[] = [];
