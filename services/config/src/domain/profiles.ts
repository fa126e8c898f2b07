export const profiles = ['development', 'staging', 'production'] as const;

export type Profile = (typeof profiles)[number];

export function isProfile(value: string): value is Profile {
  return (profiles as readonly string[]).includes(value);
}
