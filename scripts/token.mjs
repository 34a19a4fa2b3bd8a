// `npm run token -- --role casemanager --org PI-ALMELO [--sub alice] [--expires 8h]`
// Prints a development bearer token signed (HS256) with AUTH_JWT_SECRET, or with the secret that
// `npm start` generated in the data folder. Use: TOKEN=$(npm run -s token -- --role supervisor --org '*')
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { build } from './build.mjs';
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

let secret = process.env.AUTH_JWT_SECRET;
if (!secret) {
  const file = path.join(path.resolve(ROOT, process.env.TERUGKEER_DATA_DIR ?? '.data'), 'secrets.json');
  if (!existsSync(file))
    fail('No AUTH_JWT_SECRET set and no generated secret yet: run `npm start` once, or set AUTH_JWT_SECRET.');
  secret = JSON.parse(readFileSync(file, 'utf8')).authJwtSecret;
}

const { SignJWT } = await import('jose');
const token = await new SignJWT({ role: values.role, org: values.org })
  .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
  .setSubject(values.sub ?? `dev-${values.role}`)
  .setIssuedAt()
  .setExpirationTime(values.expires)
  .sign(new TextEncoder().encode(secret));
console.log(token);
