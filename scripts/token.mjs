// `npm run token -- --role casemanager --org PI-ALMELO [--sub alice] [--expires 8h]`
// Prints a development bearer token signed (HS256) with the secret the API verifies with: AUTH_JWT_SECRET from
// the environment or `.env` (as `npm start` reads them), else the secret `npm start` generated in the data folder
// (TERUGKEER_DATA_DIR, default .data). Use: TOKEN=$(npm run -s token -- --role supervisor --org '*')
import { existsSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { build } from './build.mjs';
import { jwtSecret, loadEnv, mintToken } from './lib/dev-auth.mjs';
import { ROOT, fail } from './lib/util.mjs';

const { values } = parseArgs({
  options: {
    role: { type: 'string' },
    org: { type: 'string' },
    sub: { type: 'string' },
    expires: { type: 'string', default: '8h' },
  },
});

const rolesModule = path.join(ROOT, 'dist/libs/auth/src/roles.js');
if (!existsSync(rolesModule)) await build({ quiet: true });
const { ROLES } = await import(pathToFileURL(rolesModule).href);

if (!values.role || !ROLES.includes(values.role)) fail(`--role must be one of: ${ROLES.join(', ')}`);
if (!values.org)
  fail(`--org is required: a prison code (PI-ALMELO), a CBS code (GM0363), RN/SVG/LJR, a partner id, or '*'`);

let secret;
try {
  secret = jwtSecret(loadEnv());
} catch (error) {
  fail(error.message);
}
const token = await mintToken(secret, {
  role: values.role,
  org: values.org,
  sub: values.sub ?? `dev-${values.role}`,
  expiresIn: values.expires,
});
console.log(token);
