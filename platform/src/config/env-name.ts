/** `databaseUrl` → `DATABASE_URL`: the one mapping between settings and variable names. */
export function envNameOf(key: string): string {
  return key.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase();
}
