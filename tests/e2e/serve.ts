/**
 * The browser tests' server: a real SMTP server that writes each mail it
 * receives to `E2E_MAIL_FILE`, and the portal with SMTP_URL pointing at it
 * and its JSON log written to `E2E_LOG_FILE`, so that tests can read what
 * left the system. Stops both on SIGTERM.
 */
import { spawn } from 'node:child_process';
import { appendFileSync, createWriteStream } from 'node:fs';
import { SMTPServer } from 'smtp-server';

const mailFile = process.env.E2E_MAIL_FILE!;
const logFile = process.env.E2E_LOG_FILE!;
const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS'],
  logger: false,
  onData(stream, _session, callback) {
    let raw = '';
    stream.on('data', (chunk: Buffer) => (raw += chunk.toString('utf8')));
    stream.on('end', () => {
      appendFileSync(mailFile, `${raw}\n----- end of mail -----\n`);
      callback();
    });
  },
});
await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', () => resolve()));
const port = (smtp.server.address() as { port: number }).port;

const log = createWriteStream(logFile, { flags: 'a' });
const server = spawn(process.execPath, ['server/main.ts'], {
  env: { ...process.env, SMTP_URL: `smtp://127.0.0.1:${port}`, OUTBOX_INTERVAL_MS: '500' },
  stdio: ['ignore', 'pipe', 'pipe'],
});
server.stdout.pipe(log);
server.stderr.pipe(process.stderr);
server.on('exit', (code) => {
  smtp.close(() => process.exit(code ?? 0));
});
for (const signal of ['SIGTERM', 'SIGINT'] as const) process.on(signal, () => server.kill('SIGTERM'));
