import { loadConfig } from '@emporium/platform/config/load-config';
import { describe, expect, it } from 'vitest';
import { PaymentConfig } from '../config.js';
import { configuredProviders } from './configured-providers.js';

const configOf = (env: Record<string, string>) =>
  loadConfig(PaymentConfig, { service: 'payment', env: { DATABASE_URL: 'postgres://localhost/x', ...env } });
const namesOf = (env: Record<string, string>) => [...configuredProviders(configOf(env), () => '').keys()];

describe('configured providers', () => {
  it('runs the sandbox by default, but not in production unless switched on there', () => {
    expect(namesOf({})).toEqual(['sandbox']);
    expect(namesOf({ EMPORIUM_PROFILE: 'production' })).toEqual([]);
    expect(namesOf({ EMPORIUM_PROFILE: 'production', SANDBOX_ENABLED: 'true' })).toEqual(['sandbox']);
    expect(namesOf({ SANDBOX_ENABLED: 'false' })).toEqual([]);
  });

  it('adds Stripe and PayPal only when all their credentials are set', () => {
    expect(namesOf({ STRIPE_SECRET_KEY: 'sk_test_x' })).toEqual(['sandbox']);
    expect(namesOf({ STRIPE_SECRET_KEY: 'sk_test_x', STRIPE_WEBHOOK_SECRET: 'whsec_x' })).toEqual([
      'sandbox',
      'stripe',
    ]);
    const paypal = { PAYPAL_CLIENT_ID: 'id', PAYPAL_CLIENT_SECRET: 'secret', PAYPAL_WEBHOOK_ID: 'WH1' };
    expect(namesOf({ ...paypal, SANDBOX_ENABLED: 'false' })).toEqual(['paypal']);
    expect(namesOf({ PAYPAL_CLIENT_ID: 'id', PAYPAL_CLIENT_SECRET: 'secret' })).toEqual(['sandbox']);
  });
});
