import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { PartnerSimulator, type SimulatedPartner } from './partner-simulator';

/**
 * `node dist/apps/partner-sim/src/main.js` — runs the simulated chain organisations of a partners file
 * (PARTNER_SIM_PARTNERS, default demo-partners.json in TERUGKEER_DATA_DIR (.data): `[{ "id", "secret",
 * "behaviour" }]`, as `npm run seed:demo-partners` writes it) on PARTNER_SIM_PORT (default 3100) — the same
 * defaults the seed script builds the partners' webhook URLs and that file's place from.
 */
async function main() {
  // Empty counts as unset, as in scripts/start.mjs (an `.env` copied from `.env.example` has empty values).
  const setting = (name: string) => process.env[name] || undefined;
  const file = path.resolve(
    setting('PARTNER_SIM_PARTNERS') ?? path.join(setting('TERUGKEER_DATA_DIR') ?? '.data', 'demo-partners.json'),
  );
  const port = Number(setting('PARTNER_SIM_PORT') ?? 3100);
  if (!existsSync(file)) {
    console.error(
      `partner-sim: no partners file at ${file}; register demo partners first (npm run seed:demo-partners)`,
    );
    process.exit(1);
  }
  const partners = JSON.parse(readFileSync(file, 'utf8')) as SimulatedPartner[];
  const simulator = new PartnerSimulator({
    partners,
    seed: Number(process.env.PARTNER_SIM_SEED ?? 42),
    log: (line) => console.log(`partner-sim ${line}`),
  });
  const url = await simulator.listen(port);
  console.log(`partner-sim: ${partners.length} partners answering at ${url}/webhooks/<id>`);
  const stop = () => void simulator.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

void main();
