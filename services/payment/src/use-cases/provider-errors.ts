import type { AppError } from '@emporium/platform/http/errors';
import { paymentErrors } from '../domain/errors.js';
import { ProviderRejectedError, ProviderUnavailableError } from '../providers/payment-provider.js';

/** A provider's failure as the API reports it; anything else is rethrown untouched. */
export function providerProblem(error: unknown): AppError {
  if (error instanceof ProviderUnavailableError) {
    return paymentErrors.PROVIDER_UNAVAILABLE(error.message, { provider: error.provider });
  }
  if (error instanceof ProviderRejectedError) {
    return paymentErrors.PROVIDER_REJECTED(error.message, {
      provider: error.provider,
      providerCode: error.providerCode,
    });
  }
  throw error;
}
