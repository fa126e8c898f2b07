import { type ChannelSender, contentOf } from '../channel.js';
import type { SmsProvider } from './sms-provider.js';

export function createSmsChannel(provider: SmsProvider): ChannelSender {
  return {
    channel: 'sms',
    async send(message) {
      await provider.send(message.recipient, contentOf(message, 'sms').text);
    },
  };
}
