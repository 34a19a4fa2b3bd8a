// Where the benchmark finds the built apps and keeps its results.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
/** A file of the build (`npm run build` writes dist/). */
export const dist = (file) => path.join(ROOT, 'dist', file);
