// `npm start -- --demo`: registers the demo partners through the API, runs the partner simulator for the webhook
// ones, and registers the demo detentions not there yet.
import { spawn } from 'node:child_process';
import { seedDemoDetentions } from '../seed-demo-detentions.mjs';
import { seedDemoPartners } from '../seed-demo-partners.mjs';
import { jwtSecret } from './dev-auth.mjs';
import { StartError, track } from './supervisor.mjs';
import { ROOT, portAnswers, step, waitFor } from './util.mjs';

export async function startDemoPartners({ port, partnerSimPort, dataDir }, childEnv) {
  let secret;
  try {
    secret = jwtSecret(childEnv);
  } catch (error) {
    throw new StartError(`--demo mints tokens to register partners and detentions: ${error.message}`);
  }
  if (await portAnswers(partnerSimPort))
    throw new StartError(`Port ${partnerSimPort} is in use; set PARTNER_SIM_PORT.`);
  const url = `http://127.0.0.1:${partnerSimPort}`;
  step('registering the demo partners');
  const seeded = await seedDemoPartners({ apiUrl: `http://localhost:${port}`, simUrl: url, dataDir, secret });
  step('starting the partner simulator');
  track(
    'partner simulator',
    spawn(process.execPath, ['dist/apps/partner-sim/src/main.js'], {
      cwd: ROOT,
      env: { ...childEnv, PARTNER_SIM_PARTNERS: seeded.file, PARTNER_SIM_PORT: String(partnerSimPort) },
      stdio: 'inherit',
    }),
  );
  await waitFor('The partner simulator', () => portAnswers(partnerSimPort), { timeoutMs: 20_000 });
  step('registering the demo detentions not there yet');
  const detentions = await seedDemoDetentions({ apiUrl: `http://localhost:${port}`, secret });
  return { url, ...seeded, detentions };
}
