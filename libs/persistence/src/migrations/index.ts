// Migrations in the order they run. Listed explicitly (no glob) so they work from source and from dist/.
export const MIGRATIONS: Function[] = [];
