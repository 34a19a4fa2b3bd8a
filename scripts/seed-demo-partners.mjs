// Registers the demo chain organisations of seeds/demo-partners.json through the admin API, and writes the
// simulator's partners file (ids, secrets, behaviour) to the data folder. Idempotent: known partners are
// updated; one whose secret the data folder lost gets a new one by rotation.
//
// Usage: npm run seed:demo-partners   (with `npm start` running; `npm start -- --demo` does it for you)
// Env: API_URL (http://localhost:3000), PARTNER_SIM_URL (http://127.0.0.1:3100), TERUGKEER_DATA_DIR (.data)
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT } from './lib/util.mjs';

export async function seedDemoPartners({ apiUrl, simUrl, dataDir, secret }) {
  const { SignJWT } = await import('jose');
  const token = await new SignJWT({ role: 'admin', org: '*' })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject('demo-seeder')
    .setExpirationTime('5m')
    .sign(new TextEncoder().encode(secret));
  const call = (method, url, body) =>
    fetch(`${apiUrl}${url}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: body && JSON.stringify(body),
    });
  const simFile = path.join(dataDir, 'demo-partners.json');
  const known = existsSync(simFile) ? JSON.parse(readFileSync(simFile, 'utf8')) : [];
  const { partners } = JSON.parse(readFileSync(path.join(ROOT, 'seeds/demo-partners.json'), 'utf8'));
  const simulated = [];
  for (const { webhook, behaviour, ...partner } of partners) {
    const fields = { ...partner, webhookUrl: webhook ? `${simUrl}/webhooks/${partner.id}` : null };
    let secretOf = known.find((k) => k.id === partner.id)?.secret;
    const created = await call('POST', '/api/v1/partners', fields);
    if (created.status === 201) {
      secretOf = (await created.json()).secret;
    } else if (created.status === 409) {
      const update = { ...fields };
      delete update.id;
      const updated = await call('PUT', `/api/v1/partners/${partner.id}`, update);
      if (!updated.ok)
        throw new Error(`updating demo partner ${partner.id}: HTTP ${updated.status} ${await updated.text()}`);
      if (!secretOf) secretOf = (await (await call('POST', `/api/v1/partners/${partner.id}/secret`)).json()).secret;
    } else {
      throw new Error(`registering demo partner ${partner.id}: HTTP ${created.status} ${await created.text()}`);
    }
    if (webhook) simulated.push({ id: partner.id, secret: secretOf, behaviour });
  }
  writeFileSync(simFile, JSON.stringify(simulated, null, 2), { mode: 0o600 });
  return { file: simFile, partners: partners.length, simulated: simulated.length };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const dataDir = path.resolve(ROOT, process.env.TERUGKEER_DATA_DIR ?? '.data');
  const secret =
    process.env.AUTH_JWT_SECRET ?? JSON.parse(readFileSync(path.join(dataDir, 'secrets.json'), 'utf8')).authJwtSecret;
  const result = await seedDemoPartners({
    apiUrl: process.env.API_URL ?? 'http://localhost:3000',
    simUrl: process.env.PARTNER_SIM_URL ?? 'http://127.0.0.1:3100',
    dataDir,
    secret,
  });
  console.log(
    `${result.partners} demo partners registered; ${result.simulated} simulated (${path.relative(ROOT, result.file)})`,
  );
}
