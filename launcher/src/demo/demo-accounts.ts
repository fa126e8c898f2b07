import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { DemoAccounts } from '@emporium/contracts/demo/demo-catalog';

export interface AccountSettings {
  adminEmail?: string | undefined;
  adminPassword?: string | undefined;
  /** Where generated credentials are kept so a restart prints the same ones; undefined when ephemeral. */
  file?: string | undefined;
}

const generatePassword = () => randomBytes(12).toString('base64url');

/**
 * The demo admin and customer. The admin's email and password come from
 * ADMIN_EMAIL / ADMIN_PASSWORD when set; otherwise they are generated once,
 * kept (mode 600) beside the data they unlock, and printed at every start.
 * Nothing here is a fixed credential.
 */
export function resolveDemoAccounts(settings: AccountSettings): DemoAccounts {
  const saved =
    settings.file && existsSync(settings.file)
      ? (JSON.parse(readFileSync(settings.file, 'utf8')) as DemoAccounts)
      : undefined;
  const accounts: DemoAccounts = saved ?? {
    admin: { email: 'admin@emporium.local', password: generatePassword(), name: 'Demo Admin' },
    customer: { email: 'customer@emporium.local', password: generatePassword(), name: 'Demo Customer' },
  };
  if (!saved && settings.file) {
    mkdirSync(dirname(settings.file), { recursive: true });
    writeFileSync(settings.file, JSON.stringify(accounts, null, 2), { mode: 0o600 });
    chmodSync(settings.file, 0o600);
  }
  return {
    ...accounts,
    admin: {
      ...accounts.admin,
      email: settings.adminEmail ?? accounts.admin.email,
      password: settings.adminPassword ?? accounts.admin.password,
    },
  };
}
