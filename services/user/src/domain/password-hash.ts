import { type Algorithm, hash, type Options, verify } from '@node-rs/argon2';

/**
 * argon2id with the OWASP Password Storage Cheat Sheet's first configuration:
 * 19 MiB of memory, 2 iterations, 1 degree of parallelism. The parameters are
 * written into each PHC string, so raising them later only affects new hashes.
 */
export const argon2idOptions: Options = {
  // `Algorithm` is an ambient const enum, which isolatedModules cannot read: 2 is Argon2id.
  algorithm: 2 as Algorithm,
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
};

export function hashPassword(password: string): Promise<string> {
  return hash(password, argon2idOptions);
}

/** False for a wrong password and for a hash that cannot be parsed: never throws on user input. */
export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}
