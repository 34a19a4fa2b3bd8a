// What the development scripts (start, token, the demo seeds) share to talk to a local API: the `.env` file,
// the data folder, the token secret the API verifies with, HS256 tokens, and calls that say plainly when the API
// is not there. Tokens carry what libs/auth/src/token-verifier.ts requires: `sub`, `exp`, a known `role`, `org`.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from './util.mjs';

/**
 * Reads a `.env` next to package.json into process.env (variables the environment already sets win), and returns
 * the environment without empty values, so `AUTH_JWT_SECRET=` in `.env` counts as unset (as `.env.example` has it).
 */
export function loadEnv() {
  const file = path.join(ROOT, '.env');
  if (existsSync(file)) process.loadEnvFile(file);
  return Object.fromEntries(Object.entries(process.env).filter(([, value]) => value !== ''));
}

/** The data folder of `npm start`: TERUGKEER_DATA_DIR (relative to the repository), else `.data`. */
export function dataDirOf(env) {
  return path.resolve(ROOT, env.TERUGKEER_DATA_DIR ?? '.data');
}

/** Where `npm start` keeps the secrets it generated for development. */
export function secretsFileOf(env) {
  return path.join(dataDirOf(env), 'secrets.json');
}

/**
 * The HS256 secret the API verifies tokens with: AUTH_JWT_SECRET, else the one `npm start` generated into the data
 * folder. Throws an Error with a message fit for the user when there is none, or when the API takes RS256 tokens.
 */
export function jwtSecret(env) {
  if (env.AUTH_JWKS_URL) {
    throw new Error(
      'AUTH_JWKS_URL is set, so the API accepts only RS256 tokens from that identity provider; get a token there',
    );
  }
  if (env.AUTH_JWT_SECRET) return env.AUTH_JWT_SECRET;
  const file = secretsFileOf(env);
  const shown = file.startsWith(process.cwd() + path.sep) ? path.relative(process.cwd(), file) : file;
  if (!existsSync(file)) {
    throw new Error(`no AUTH_JWT_SECRET set and no ${shown} yet: run \`npm start\` once, or set AUTH_JWT_SECRET`);
  }
  let secret;
  try {
    secret = JSON.parse(readFileSync(file, 'utf8')).authJwtSecret;
  } catch (error) {
    throw new Error(
      `${shown} cannot be read (${error.message.replace(/\s+/g, ' ')}); repair it, or set AUTH_JWT_SECRET`,
    );
  }
  if (!secret)
    throw new Error(`${shown} holds no authJwtSecret: run \`npm start\` once (it adds one), or set AUTH_JWT_SECRET`);
  return secret;
}

/** A bearer token as the identity provider would issue it, signed HS256 with `secret`. */
export async function mintToken(secret, { role, org, sub, expiresIn = '8h' }) {
  const { SignJWT } = await import('jose');
  return new SignJWT({ role, org })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(sub)
    .setIssuedAt()
    .setExpirationTime(expiresIn)
    .sign(new TextEncoder().encode(secret));
}

/** The API could not be reached at all (nothing listening, wrong host): not an HTTP error. */
export class ApiUnreachableError extends Error {}

/** fetch() on the API that turns "fetch failed" into a message naming the address and the cause. */
export async function fetchApi(apiUrl, urlPath, init) {
  try {
    return await fetch(`${apiUrl}${urlPath}`, init);
  } catch (error) {
    const cause = error.cause?.code ?? error.cause?.message ?? error.message;
    throw new ApiUnreachableError(`the API at ${apiUrl} does not answer (${cause})`);
  }
}
