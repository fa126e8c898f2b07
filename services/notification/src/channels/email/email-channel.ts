import nodemailer from 'nodemailer';
import { type ChannelSender, contentOf, PermanentSendError } from '../channel.js';

/**
 * Email over SMTP with nodemailer: `smtpUrl` is a real relay in production,
 * or the in-process server in embedded mode. A 5xx answer about the
 * recipient is permanent; connection failures and 4xx are retried.
 */
export function createEmailChannel(options: {
  smtpUrl: string;
  from: string;
  timeoutMs: number;
  /** The in-process server speaks plain SMTP on loopback. */
  plain?: boolean;
}): ChannelSender {
  const url = new URL(options.smtpUrl);
  const secure = url.protocol === 'smtps:';
  const transport = nodemailer.createTransport({
    host: url.hostname,
    port: url.port ? Number(url.port) : secure ? 465 : 587,
    secure,
    ...(url.username
      ? { auth: { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) } }
      : {}),
    connectionTimeout: options.timeoutMs,
    greetingTimeout: options.timeoutMs,
    socketTimeout: options.timeoutMs,
    ...(options.plain ? { ignoreTLS: true } : {}),
  });
  return {
    channel: 'email',
    async send(message) {
      const email = contentOf(message, 'email');
      try {
        await transport.sendMail({
          from: options.from,
          to: message.recipient,
          subject: email.subject,
          html: email.html,
          text: email.text,
          messageId: `<${message.id}@emporium.notification>`,
        });
      } catch (error) {
        const code = (error as { responseCode?: number }).responseCode;
        if (code !== undefined && code >= 500 && code < 600) {
          throw new PermanentSendError(`smtp refused the message (${code})`);
        }
        throw error;
      }
    },
    close: async () => transport.close(),
  };
}
