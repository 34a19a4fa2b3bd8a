// What `npm start` reads from the environment (and `.env`): the data folder, the ports, the demo switch.
import { loadEnv, dataDirOf } from './dev-auth.mjs';
import { StartError } from './supervisor.mjs';
import { portAnswers } from './util.mjs';

export function startConfig(argv = process.argv) {
  // A .env file next to package.json fills in what the environment does not set.
  const env = loadEnv();
  return {
    env,
    dataDir: dataDirOf(env),
    port: Number(env.PORT ?? 3000),
    temporalDevPort: Number(env.TEMPORAL_DEV_PORT ?? 7233),
    temporalUiPort: Number(env.TEMPORAL_UI_PORT ?? 8233),
    embeddedPgPort: Number(env.EMBEDDED_PG_PORT ?? 54329),
    namespace: env.TEMPORAL_NAMESPACE ?? 'default',
    partnerSimPort: Number(env.PARTNER_SIM_PORT ?? 3100),
    maildevSmtpPort: Number(env.MAILDEV_SMTP_PORT ?? 1025),
    maildevWebPort: Number(env.MAILDEV_WEB_PORT ?? 1080),
    /** `npm start -- --demo` (or TERUGKEER_DEMO=1): demo partners, served by the partner simulator. */
    demo: argv.includes('--demo') || env.TERUGKEER_DEMO === '1',
  };
}

/** Refuses to start when something already holds a port this start needs; before anything is started. */
export async function ensurePortsFree(config) {
  const wanted = [{ port: config.port, what: 'the API', variable: 'PORT' }];
  if (config.demo)
    wanted.push({ port: config.partnerSimPort, what: 'the partner simulator', variable: 'PARTNER_SIM_PORT' });
  if (!config.env.SMTP_URL) {
    wanted.push({ port: config.maildevSmtpPort, what: 'the mail catcher (SMTP)', variable: 'MAILDEV_SMTP_PORT' });
    wanted.push({ port: config.maildevWebPort, what: "the mail catcher's inbox", variable: 'MAILDEV_WEB_PORT' });
  }
  for (const { port, what, variable } of wanted) {
    if (await portAnswers(port))
      throw new StartError(`Port ${port} is already in use, so ${what} cannot start; set ${variable} to another port.`);
  }
}
