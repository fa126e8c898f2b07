import { randomBytes } from 'node:crypto';
import type { Logger } from '@emporium/platform/log/logger';
import { type CryptoKey, exportJWK, generateKeyPair, importJWK, type JSONWebKeySet, type JWK } from 'jose';
import type { UserDb } from '../db/database.js';
import {
  hasCurrentKey,
  insertSigningKey,
  listPublishedKeys,
  lockSigningKeys,
  retireCurrentKeys,
  type SigningKeyRow,
} from '../db/signing-keys.repo.js';
import type { KeyEncryption } from '../domain/key-encryption.js';

export const signingAlgorithm = 'EdDSA';

export interface SigningKey {
  kid: string;
  privateKey: CryptoKey;
}

/**
 * The access-token signing keys, shared by every replica through the
 * database. One key is current (the newest not retired); rotation retires it
 * and adds a new current key. A retired key stays published for
 * `publishAfterRetirementMs` (token lifetime + clock skew + this cache's
 * refresh), so every token it signed can be verified until it expires.
 */
export interface KeyRing {
  current(): Promise<SigningKey>;
  /** The JWKS: public halves of every published key. `fresh` rereads the database. */
  publicKeys(options?: { fresh?: boolean }): Promise<JSONWebKeySet>;
  /** Makes a new current key; returns its id. */
  rotate(): Promise<string>;
}

interface Snapshot {
  rows: SigningKeyRow[];
  loadedAt: number;
}

export async function createKeyRing(options: {
  db: UserDb;
  encryption: KeyEncryption;
  publishAfterRetirementMs: number;
  /** How long a replica keeps using what it read before rereading (a rotation reaches every replica within it). */
  refreshMs: number;
  logger: Logger;
}): Promise<KeyRing> {
  const { db, encryption } = options;
  const decrypted = new Map<string, CryptoKey>();
  let snapshot: Snapshot | undefined;
  let loading: Promise<Snapshot> | undefined;

  const load = () => {
    loading ??= listPublishedKeys(db, options.publishAfterRetirementMs)
      .then((rows) => {
        snapshot = { rows, loadedAt: Date.now() };
        return snapshot;
      })
      .finally(() => {
        loading = undefined;
      });
    return loading;
  };
  const rowsOf = async (fresh = false) =>
    (!fresh && snapshot && Date.now() - snapshot.loadedAt < options.refreshMs ? snapshot : await load()).rows;

  async function privateKeyOf(row: SigningKeyRow): Promise<CryptoKey> {
    const known = decrypted.get(row.kid);
    if (known) return known;
    let jwk: JWK;
    try {
      jwk = JSON.parse(encryption.decrypt(row.privateKeyCiphertext, row.kid)) as JWK;
    } catch {
      throw new Error(
        `signing key ${row.kid} cannot be decrypted with the configured signingKeyEncryptionKey ` +
          '(was the key-encryption key changed? restore it, or rotate keys from a replica that has it)',
      );
    }
    const key = (await importJWK(jwk, signingAlgorithm)) as CryptoKey;
    decrypted.set(row.kid, key);
    return key;
  }

  /** Adds a new current key, retiring the previous one; with `onlyIfNone`, only when there is none. */
  async function addKey(onlyIfNone: boolean): Promise<string | undefined> {
    const kid = `${new Date().toISOString().slice(0, 10)}-${randomBytes(6).toString('hex')}`;
    const { publicKey, privateKey } = await generateKeyPair(signingAlgorithm, {
      crv: 'Ed25519',
      extractable: true,
    });
    const privateJwk = await exportJWK(privateKey);
    const publicJwk = { ...(await exportJWK(publicKey)), kid, alg: signingAlgorithm, use: 'sig' };
    return db.transaction(async (tx) => {
      // Replicas take turns: on a first start only one of them creates the key.
      await lockSigningKeys(tx);
      if (onlyIfNone && (await hasCurrentKey(tx))) return undefined;
      await retireCurrentKeys(tx);
      await insertSigningKey(tx, {
        kid,
        algorithm: signingAlgorithm,
        publicJwk,
        privateKeyCiphertext: encryption.encrypt(JSON.stringify(privateJwk), kid),
      });
      return kid;
    });
  }

  const first = await addKey(true);
  if (first) options.logger.info({ kid: first }, 'signing key created');

  const ring: KeyRing = {
    async current() {
      const rows = await rowsOf();
      const row =
        rows.find((r) => r.retiredAt === null) ?? (await rowsOf(true)).find((r) => r.retiredAt === null);
      if (!row) throw new Error('no current signing key');
      return { kid: row.kid, privateKey: await privateKeyOf(row) };
    },
    async publicKeys({ fresh = false } = {}) {
      const rows = await rowsOf(fresh);
      return { keys: rows.map((row) => row.publicJwk as JWK) };
    },
    async rotate() {
      const kid = (await addKey(false))!;
      await load();
      options.logger.info({ kid }, 'signing key rotated');
      return kid;
    },
  };
  // Fail at boot, not at the first login, when the current key cannot be read.
  await ring.current();
  return ring;
}
