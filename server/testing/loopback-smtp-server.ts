import 'server-only';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

/**
 * A real SMTP server on loopback that refuses the first `refusals` messages with `code`, then accepts,
 * each answer `delayMs` after the message arrived (a slow mail server).
 */
export async function startSmtpServer(refusals = 0, code = 451) {
  const state = { delayMs: 0 };
  const received: string[] = [];
  const offered: string[] = []; // every message the server was handed, refused ones included
  let refused = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      let data = '';
      stream.on('data', (chunk: Buffer) => (data += chunk.toString()));
      stream.on('end', async () => {
        if (state.delayMs) await new Promise((resolve) => setTimeout(resolve, state.delayMs));
        offered.push(data);
        if (refused < refusals) {
          refused++;
          callback(Object.assign(new Error(code >= 500 ? 'Mailbox does not exist' : 'Try again later'), { responseCode: code }));
          return;
        }
        received.push(data);
        callback();
      });
    },
  });
  // A client killed mid-conversation (the multi-process test kills workers) resets its connection; the
  // server reports that as an 'error' event, which without a listener is an uncaught exception.
  server.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'ECONNRESET' && error.code !== 'EPIPE') console.error('loopback SMTP server:', error);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return Object.assign(state, { received, offered, url: `smtp://127.0.0.1:${port}`, close: () => new Promise<void>((resolve) => server.close(() => resolve())) });
}

export const messageIdOf = (message: string) => /^Message-ID: (.+)$/im.exec(message)?.[1]?.trim();
