/** Sends one text message; resolves with the provider's id for it. */
export interface SmsProvider {
  name: string;
  send: (to: string, body: string) => Promise<{ providerId: string }>;
}
