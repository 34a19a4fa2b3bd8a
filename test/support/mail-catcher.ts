import { freePort } from './ports';

/** The part of maildev 2's Node API used here (it ships no types). */
interface MailDevServer {
  listen(done: (error?: Error) => void): void;
  close(done: (error?: Error) => void): void;
}
type MailDevConstructor = new (config: Record<string, unknown>) => MailDevServer;

/** A mail as maildev's REST API (`GET /email`) answers it. */
export interface CaughtMail {
  id: string;
  subject: string;
  text: string;
  to: { address: string; name: string }[];
  headers: Record<string, string>;
}

/**
 * A real maildev (SMTP server + web inbox + REST API) on free local ports, as `npm start` runs it: the tests
 * send through SMTP like production does and read what arrived from the REST API.
 */
export async function startMailCatcher() {
  const [smtp, web] = [await freePort(), await freePort()];
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const MailDev = require('maildev') as MailDevConstructor;
  const server = new MailDev({ smtp, web, ip: '127.0.0.1', webIp: '127.0.0.1', silent: true });
  await new Promise<void>((resolve, reject) => server.listen((error) => (error ? reject(error) : resolve())));
  const inbox = `http://127.0.0.1:${web}`;
  return {
    smtpUrl: `smtp://127.0.0.1:${smtp}`,
    inbox,
    /** Every mail caught so far. */
    mails: async (): Promise<CaughtMail[]> => (await fetch(`${inbox}/email`)).json() as Promise<CaughtMail[]>,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
export type MailCatcher = Awaited<ReturnType<typeof startMailCatcher>>;
