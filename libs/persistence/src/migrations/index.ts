import { ReadModels1764072000000 } from './1764072000000-read-models';

// Migrations in the order they run. Listed explicitly (no glob) so they work from source and from dist/.
export const MIGRATIONS: Function[] = [ReadModels1764072000000];
