import type { Static } from 'typebox';
import type { PaymentConfig } from '../config.js';
import type { ProviderName } from '../domain/payment-enums.js';
import type { PaymentProvider } from './payment-provider.js';
import { createPayPalProvider } from './paypal/paypal-provider.js';
import { fetchTransport, resilientTransport } from './provider-http.js';
import { createSandboxProvider } from './sandbox/sandbox-provider.js';
import { createStripeProvider } from './stripe/stripe-provider.js';

/** The sandbox runs unless switched off, and in production only when switched on. */
export const sandboxEnabled = (config: Static<typeof PaymentConfig>) =>
  config.sandboxEnabled ?? config.emporiumProfile !== 'production';

/**
 * The providers this shop takes payments through: the sandbox unless
 * switched off, Stripe and PayPal when their credentials are configured.
 */
export function configuredProviders(
  config: Static<typeof PaymentConfig>,
  sandboxUrl: () => string,
): Map<ProviderName, PaymentProvider> {
  const providers = new Map<ProviderName, PaymentProvider>();
  const resilience = { timeoutMs: config.providerTimeoutMs, retries: 2 };
  if (sandboxEnabled(config)) {
    providers.set(
      'sandbox',
      createSandboxProvider({
        baseUrl: sandboxUrl,
        apiKey: config.sandboxApiKey,
        webhookSecret: config.sandboxWebhookSecret,
        webhookToleranceSeconds: config.webhookToleranceSeconds,
        transport: resilientTransport('sandbox', fetchTransport, resilience),
      }),
    );
  }
  if (config.stripeSecretKey && config.stripeWebhookSecret) {
    providers.set(
      'stripe',
      createStripeProvider({
        secretKey: config.stripeSecretKey,
        webhookSecret: config.stripeWebhookSecret,
        publishableKey: config.stripePublishableKey,
        webhookToleranceSeconds: config.webhookToleranceSeconds,
        timeoutMs: config.providerTimeoutMs,
      }),
    );
  }
  if (config.paypalClientId && config.paypalClientSecret && config.paypalWebhookId) {
    providers.set(
      'paypal',
      createPayPalProvider({
        apiUrl: config.paypalApiUrl.replace(/\/+$/, ''),
        clientId: config.paypalClientId,
        clientSecret: config.paypalClientSecret,
        webhookId: config.paypalWebhookId,
        transport: resilientTransport('paypal', fetchTransport, resilience),
      }),
    );
  }
  return providers;
}
