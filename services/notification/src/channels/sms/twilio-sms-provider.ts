import { PermanentSendError } from '../channel.js';
import type { SmsProvider } from './sms-provider.js';

export interface TwilioSettings {
  /** `https://api.twilio.com`, or a stand-in in tests. */
  baseUrl: string;
  accountSid: string;
  authToken: string;
  from: string;
  timeoutMs: number;
}

/**
 * Twilio's Messages API: a form-encoded POST to
 * `/2010-04-01/Accounts/{sid}/Messages.json` with basic auth (SID, token).
 * 4xx answers (bad number, unsubscribed recipient) are permanent except 429;
 * 5xx and network errors are retried by the dispatcher.
 */
export function createTwilioSmsProvider(settings: TwilioSettings): SmsProvider {
  const url = `${settings.baseUrl.replace(/\/+$/, '')}/2010-04-01/Accounts/${encodeURIComponent(settings.accountSid)}/Messages.json`;
  const authorization = `Basic ${Buffer.from(`${settings.accountSid}:${settings.authToken}`).toString('base64')}`;
  return {
    name: 'twilio',
    async send(to, body) {
      const response = await fetch(url, {
        method: 'POST',
        headers: {
          authorization,
          'content-type': 'application/x-www-form-urlencoded',
          accept: 'application/json',
        },
        body: new URLSearchParams({ To: to, From: settings.from, Body: body }),
        signal: AbortSignal.timeout(settings.timeoutMs),
      });
      const answer = (await response.json().catch(() => ({}))) as {
        sid?: string;
        code?: number;
        message?: string;
      };
      if (response.ok && answer.sid) return { providerId: answer.sid };
      const detail = `twilio answered ${response.status}${answer.code ? ` (code ${answer.code})` : ''}`;
      if (response.status >= 400 && response.status < 500 && response.status !== 429) {
        throw new PermanentSendError(detail);
      }
      throw new Error(detail);
    },
  };
}
