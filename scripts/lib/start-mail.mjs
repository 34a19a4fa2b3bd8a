// E-mail for `npm start`: SMTP_URL when set; otherwise maildev, an SMTP server that keeps every mail for its web
// inbox (nothing leaves this machine), so that a newcomer sees the notifications.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { track } from './supervisor.mjs';
import { ROOT, portAnswers, step, waitFor } from './util.mjs';

/** Resolves `{ smtpUrl, inbox }`: where the API sends mail, and the catcher's web inbox when we run it. */
export async function startMailCatcher({ env, maildevSmtpPort, maildevWebPort }) {
  if (env.SMTP_URL) {
    step('using the mail server of SMTP_URL');
    return { smtpUrl: env.SMTP_URL, inbox: undefined };
  }
  step('starting the mail catcher (maildev)');
  track(
    'mail catcher',
    spawn(
      process.execPath,
      [
        path.join(ROOT, 'node_modules/maildev/bin/maildev'),
        ...['--smtp', String(maildevSmtpPort), '--web', String(maildevWebPort)],
        ...['--ip', '127.0.0.1', '--web-ip', '127.0.0.1', '--silent'],
      ],
      { cwd: ROOT, stdio: 'inherit' },
    ),
  );
  await waitFor('The mail catcher', () => portAnswers(maildevWebPort), { timeoutMs: 20_000 });
  return { smtpUrl: `smtp://127.0.0.1:${maildevSmtpPort}`, inbox: `http://localhost:${maildevWebPort}` };
}
