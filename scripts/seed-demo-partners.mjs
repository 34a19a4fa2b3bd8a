// Registers the demo chain organisations of seeds/demo-partners.json through the admin API, and writes the
// simulator's partners file (ids, secrets, behaviour) to the data folder. Idempotent: known partners are
// updated; one whose secret the data folder lost gets a new one by rotation.
//
// Usage: npm run seed:demo-partners   (with `npm start` running; `npm start -- --demo` does it for you)
// Reads `.env` like `npm start`. Env: API_URL (http://localhost:$PORT, PORT default 3000), PARTNER_SIM_URL (where
// the API reaches the simulator: http://127.0.0.1:$PARTNER_SIM_PORT, PARTNER_SIM_PORT default 3100),
// TERUGKEER_DATA_DIR (.data), AUTH_JWT_SECRET (else the one `npm start` generated in the data folder).
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ApiUnreachableError, dataDirOf, fetchApi, jwtSecret, loadEnv, mintToken } from './lib/dev-auth.mjs';
import { ROOT, fail } from './lib/util.mjs';

export async function seedDemoPartners({ apiUrl, simUrl, dataDir, secret }) {
  const token = await mintToken(secret, { role: 'admin', org: '*', sub: 'demo-seeder', expiresIn: '5m' });
  const call = (method, url, body) =>
    fetchApi(apiUrl, url, {
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
  const env = loadEnv();
  try {
    const result = await seedDemoPartners({
      apiUrl: env.API_URL ?? `http://localhost:${env.PORT ?? 3000}`,
      simUrl: env.PARTNER_SIM_URL ?? `http://127.0.0.1:${env.PARTNER_SIM_PORT ?? 3100}`,
      dataDir: dataDirOf(env),
      secret: jwtSecret(env),
    });
    console.log(
      `${result.partners} demo partners registered; ${result.simulated} simulated (${path.relative(ROOT, result.file)})`,
    );
  } catch (error) {
    const hint = error instanceof ApiUnreachableError ? ': is `npm start` running? (API_URL sets another address)' : '';
    fail(`demo partners not registered: ${error.message}${hint}`);
  }
}
