import type { AddressInfo } from 'node:net';
import type { Logger } from '@emporium/platform/log/logger';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import type { NotificationExecutor } from '../../db/database.js';
import { storeMail } from '../../db/mailbox.repo.js';

export interface EmbeddedSmtpServer {
  url: string;
  close: () => Promise<void>;
}

const maxMessageBytes = 10 * 1024 * 1024;

/**
 * The mail server of embedded mode (no SMTP_URL): a real SMTP server on
 * loopback that accepts every message and keeps it, parsed, in the mailbox
 * table admins read. Mail goes through the same nodemailer path as in
 * production; it simply never leaves the machine.
 */
export async function startEmbeddedSmtpServer(options: {
  db: NotificationExecutor;
  host: string;
  port: number;
  /** Mail older than this is dropped as new mail arrives, so a long-running shop's mailbox stays small. */
  retentionDays: number;
  logger: Logger;
}): Promise<EmbeddedSmtpServer> {
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    size: maxMessageBytes,
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((mail) => {
          if (stream.sizeExceeded) {
            throw Object.assign(new Error('message too large'), { responseCode: 552 });
          }
          return storeMail(options.db, options.retentionDays, {
            messageId: mail.messageId ?? null,
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            to: session.envelope.rcptTo.map((rcpt) => rcpt.address.toLowerCase()),
            subject: mail.subject ?? '',
            text: mail.text ?? null,
            html: typeof mail.html === 'string' ? mail.html : null,
            size: stream.byteLength,
          });
        })
        .then(() => callback())
        .catch((error: Error & { responseCode?: number }) => {
          if (error.responseCode) return callback(error);
          options.logger.warn({ err: error }, 'embedded smtp could not store a message');
          callback(Object.assign(new Error('temporary failure storing the message'), { responseCode: 451 }));
        });
    },
  });
  server.on('error', (error) => options.logger.warn({ err: error }, 'embedded smtp error'));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.server.address() as AddressInfo;
  const url = `smtp://${options.host}:${port}`;
  options.logger.info({ url }, 'embedded smtp server listening');
  return { url, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
