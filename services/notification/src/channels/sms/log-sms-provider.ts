import { randomUUID } from 'node:crypto';
import type { Logger } from '@emporium/platform/log/logger';
import type { SmsProvider } from './sms-provider.js';

/** Development: the message goes to the log (number masked), nothing leaves the machine. */
export function createLogSmsProvider(logger: Logger): SmsProvider {
  return {
    name: 'log',
    async send(to, body) {
      const providerId = randomUUID();
      logger.info({ to: `${to.slice(0, 4)}…${to.slice(-2)}`, body, providerId }, 'sms logged');
      return { providerId };
    },
  };
}
