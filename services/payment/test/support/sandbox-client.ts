import { httpClient } from '@emporium/platform/testing/http';

export const testCards = {
  succeeds: '4242424242424242',
  declined: '4000000000000002',
  insufficientFunds: '4000000000009995',
  disputedLater: '4000000000000259',
} as const;

export interface Simulation {
  duplicate?: boolean;
  reverse?: boolean;
  beforeResponse?: boolean;
  drop?: boolean;
}

/**
 * What a browser does with the sandbox: asks the payment service where the
 * gateway tokenises cards, and sends the card number there, never to the
 * payment service. Test controls (events sent, redelivery) are the sandbox's own.
 */
export async function sandboxClient(paymentUrl: string) {
  const providers = (await httpClient(paymentUrl)('GET', '/api/v1/payments/providers')).body;
  const tokenizeUrl: string = providers.items.find((p: { name: string }) => p.name === 'sandbox').client
    .tokenizeUrl;
  const base = tokenizeUrl.replace(/\/v1\/tokens$/, '');
  const send = httpClient(base, { authorization: 'Bearer sk_sandbox_emporium' });
  return {
    base,
    /** The sandbox's API, as the payment service calls it. */
    send,
    async tokenize(number: string, simulate: Simulation = {}, cvc = '737'): Promise<string> {
      const response = await send('POST', '/v1/tokens', {
        card: { number, exp_month: 12, exp_year: new Date().getUTCFullYear() + 2, cvc },
        simulate,
      });
      if (response.status !== 201) throw new Error(`tokenise failed: ${response.text}`);
      return response.body.id;
    },
    /** Every event the sandbox made for an intent, with its delivery attempts. */
    async events(paymentIntent: string) {
      return (await send('GET', `/v1/test/events?payment_intent=${paymentIntent}`)).body.data as Array<{
        id: string;
        type: string;
        deliveries: Array<{ status: number | 'error'; at: string }>;
      }>;
    },
    redeliver: (eventId: string) => send('POST', `/v1/test/events/${eventId}/deliver`),
  };
}
