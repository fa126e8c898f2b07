import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair } from 'jose';
import Provider from 'oidc-provider';

export interface TestAccount {
  email: string;
  email_verified: boolean;
  name: string;
}

export interface OidcTestProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** The account the next sign-in completes as (the provider's login screen, answered automatically). */
  signInAs: (accountId: string) => void;
  accounts: Map<string, TestAccount>;
  close: () => Promise<void>;
}

/** A free loopback port, for a server whose URL must be known before it starts. */
export async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

/**
 * A real OpenID provider (panva's oidc-provider, the certified implementation
 * openid-client is built against) on a loopback port, with one confidential
 * client. Its login interaction completes at once as the chosen account, and
 * consent is pre-granted for the client (as for a first-party app), so a test
 * drives the whole authorization-code flow with plain HTTP requests.
 */
export async function startOidcTestProvider(redirectUri: string): Promise<OidcTestProvider> {
  const port = await freePort();
  const issuer = `http://127.0.0.1:${port}`;
  const clientId = 'emporium-test';
  const clientSecret = 'emporium-test-secret-with-enough-length';
  const accounts = new Map<string, TestAccount>();
  let current: string | undefined;
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: [redirectUri],
        response_types: ['code'],
        grant_types: ['authorization_code'],
      },
    ],
    jwks: { keys: [{ ...(await exportJWK(privateKey)), kid: 'test-rs256', alg: 'RS256', use: 'sig' }] },
    cookies: { keys: ['oidc-test-cookie-key'] },
    ttl: {
      Interaction: 600,
      Session: 3_600,
      Grant: 3_600,
      AccessToken: 600,
      IdToken: 600,
      AuthorizationCode: 60,
    },
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
    features: { devInteractions: { enabled: false } },
    interactions: { url: (_ctx: unknown, interaction: { uid: string }) => `/interaction/${interaction.uid}` },
    findAccount: async (_ctx: unknown, sub: string) => {
      const account = accounts.get(sub);
      return account ? { accountId: sub, claims: async () => ({ sub, ...account }) } : undefined;
    },
    // First-party client: consent is granted up front, so the only interaction is the login.
    loadExistingGrant: async (ctx: {
      oidc: { client: { clientId: string }; session: { accountId: string }; provider: Provider };
    }) => {
      const grant = new ctx.oidc.provider.Grant({
        clientId: ctx.oidc.client.clientId,
        accountId: ctx.oidc.session.accountId,
      });
      grant.addOIDCScope('openid email profile');
      await grant.save();
      return grant;
    },
  });
  const handle = provider.callback();
  const server: Server = createServer(async (req, res) => {
    if (req.url?.startsWith('/interaction/')) {
      try {
        const details = await provider.interactionDetails(req, res);
        if (details.prompt.name !== 'login' || !current)
          throw new Error(`unexpected prompt ${details.prompt.name}`);
        await provider.interactionFinished(
          req,
          res,
          { login: { accountId: current } },
          { mergeWithLastSubmission: false },
        );
      } catch (error) {
        res.writeHead(500).end(String(error));
      }
      return;
    }
    handle(req, res);
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    issuer,
    clientId,
    clientSecret,
    accounts,
    signInAs: (accountId) => {
      current = accountId;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/**
 * Follows redirects by hand like a browser: cookies kept per name (all on
 * 127.0.0.1), each `Location` resolved against the current URL. Stops at the
 * first response that is not a redirect, or at a URL `stopAt` matches.
 */
export async function browse(
  start: string,
  options: { stopAt?: (url: URL) => boolean; maxSteps?: number; jar?: Map<string, string> } = {},
): Promise<{ response: Response; url: URL; jar: Map<string, string>; visited: URL[] }> {
  const jar = options.jar ?? new Map<string, string>();
  const visited: URL[] = [];
  let url = new URL(start);
  for (let step = 0; step < (options.maxSteps ?? 15); step += 1) {
    visited.push(url);
    const cookie = [...jar].map(([name, value]) => `${name}=${value}`).join('; ');
    const response = await fetch(url, { redirect: 'manual', headers: cookie ? { cookie } : {} });
    for (const line of response.headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(';');
      const [name, ...value] = pair!.split('=');
      const expired = attributes.some((a) => /^\s*(max-age=0|expires=thu, 01 jan 1970)/i.test(a));
      if (expired) jar.delete(name!.trim());
      else jar.set(name!.trim(), value.join('='));
    }
    const location = response.headers.get('location');
    if (response.status < 300 || response.status >= 400 || !location) return { response, url, jar, visited };
    const next = new URL(location, url);
    if (options.stopAt?.(next)) {
      await response.body?.cancel();
      return { response, url: next, jar, visited: [...visited, next] };
    }
    await response.body?.cancel();
    url = next;
  }
  throw new Error(`too many redirects from ${start}`);
}
