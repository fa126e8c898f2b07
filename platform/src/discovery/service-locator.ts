/**
 * Where to reach another service. Providers (static list here; registry and
 * DNS join them) answer with one base URL per call, balancing across the
 * healthy instances they know.
 */
export interface ServiceLocator {
  resolve(service: string): Promise<string>;
  /** Tells the locator an instance failed, so it can be skipped for a while. */
  reportFailure?(service: string, baseUrl: string): void;
}

export class UnknownServiceError extends Error {
  readonly code = 'ENOTFOUND';
  constructor(service: string) {
    super(`no known instance of service "${service}"`);
  }
}
