// The SQLite pragmas of the Temporal dev server on a file: `npm start` (start-temporal.mjs) and the bench's `file`
// server (bench/support/temporal.mjs) take them from here, so that the bench measures what `npm start` runs.
// Temporal's dev server accepts only journal_mode and synchronous. Measured in README, Performance:
// - journal_mode=wal: a commit appends to temporal.db-wal instead of writing pages through a rollback journal.
//   It is kept in the file, so a temporal.db made without it is converted when opened.
// - synchronous=normal: with the WAL, a commit is no longer synced to disk, only each checkpoint is. The database
//   stays intact; a power cut or an OS crash (not a crash of the server) may lose the last commits — a fair price
//   for a development server's data, for about twice the throughput.
export const SQLITE_PRAGMAS = ['journal_mode=wal', 'synchronous=normal'];

/** `--sqlite-pragma` flags of `temporal server start-dev` for `pragmas`. */
export const sqlitePragmaFlags = (pragmas = SQLITE_PRAGMAS) => pragmas.flatMap((pragma) => ['--sqlite-pragma', pragma]);
