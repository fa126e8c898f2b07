import type { Logger } from '@emporium/platform/log/logger';
import type { NotificationSettings } from '../config.js';
import type { NotificationExecutor } from '../db/database.js';
import type { ChannelSender } from './channel.js';
import { createEmailChannel } from './email/email-channel.js';
import { type EmbeddedSmtpServer, startEmbeddedSmtpServer } from './email/embedded-smtp-server.js';
import { createPushChannel, type VapidDetails } from './push/push-channel.js';
import { createLogSmsProvider } from './sms/log-sms-provider.js';
import { createSmsChannel } from './sms/sms-channel.js';
import type { SmsProvider } from './sms/sms-provider.js';
import { createTwilioSmsProvider } from './sms/twilio-sms-provider.js';

export interface ConfiguredChannels {
  senders: Map<string, ChannelSender>;
  /** Set in embedded mode (no SMTP_URL). */
  embeddedSmtp: EmbeddedSmtpServer | undefined;
  close: () => Promise<void>;
}

function smsProviderOf(config: NotificationSettings, logger: Logger): SmsProvider {
  if (config.smsProvider === 'log') return createLogSmsProvider(logger);
  const { twilioAccountSid, twilioAuthToken, twilioFromNumber } = config;
  if (!twilioAccountSid || !twilioAuthToken || !twilioFromNumber) {
    throw new Error('SMS_PROVIDER=twilio needs TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN and TWILIO_FROM_NUMBER');
  }
  return createTwilioSmsProvider({
    baseUrl: config.twilioBaseUrl,
    accountSid: twilioAccountSid,
    authToken: twilioAuthToken,
    from: twilioFromNumber,
    timeoutMs: config.sendTimeoutMs,
  });
}

/** Email (SMTP_URL, or the in-process SMTP server), SMS (log or Twilio) and Web Push, from the config. */
export async function configureChannels(options: {
  config: NotificationSettings;
  db: NotificationExecutor;
  vapid: VapidDetails;
  logger: Logger;
}): Promise<ConfiguredChannels> {
  const { config, db, logger } = options;
  const sms = createSmsChannel(smsProviderOf(config, logger));
  const embeddedSmtp = config.smtpUrl
    ? undefined
    : await startEmbeddedSmtpServer({
        db,
        host: config.embeddedSmtpHost,
        port: config.embeddedSmtpPort,
        retentionDays: config.mailboxRetentionDays,
        logger: logger.child({ component: 'embedded-smtp' }),
      });
  const email = createEmailChannel({
    smtpUrl: config.smtpUrl ?? embeddedSmtp!.url,
    from: config.mailFrom,
    timeoutMs: config.sendTimeoutMs,
    plain: embeddedSmtp !== undefined,
  });
  const push = createPushChannel({ db, vapid: options.vapid, timeoutMs: config.sendTimeoutMs });
  const senders = new Map<string, ChannelSender>(
    [email, sms, push].map((sender) => [sender.channel, sender]),
  );
  return {
    senders,
    embeddedSmtp,
    close: async () => {
      await email.close?.();
      await embeddedSmtp?.close();
    },
  };
}
