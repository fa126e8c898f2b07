import type { DemoData } from '@emporium/contracts/demo/demo-catalog';
import { findUserByEmail, insertUser } from '../db/users.repo.js';
import { hashPassword } from '../domain/password-hash.js';
import { normalizeEmail, roles } from '../domain/user.js';
import type { UserDeps } from '../use-cases/deps.js';

/**
 * Creates the demo admin and customer when their email is not registered yet,
 * with verified emails. An existing account is left alone (its password
 * included), so this is safe on every start and hashes only on the first.
 */
export async function seedDemoAccounts(
  deps: UserDeps,
  demo: DemoData,
  progress: (message: string) => void,
): Promise<void> {
  const accounts = [
    { ...demo.accounts.admin, roles: [roles.admin] },
    { ...demo.accounts.customer, roles: [roles.customer] },
  ];
  let created = 0;
  for (const account of accounts) {
    const email = normalizeEmail(account.email);
    if (await findUserByEmail(deps.db, email)) continue;
    const inserted = await insertUser(deps.db, {
      email,
      passwordHash: await hashPassword(account.password),
      name: account.name,
      roles: account.roles,
      emailVerifiedAt: new Date(),
    });
    if (inserted) created += 1;
  }
  progress(`user: ${created} demo accounts created, ${accounts.length - created} already there`);
}
