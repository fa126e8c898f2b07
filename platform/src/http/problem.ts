import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { isDependencyFailure } from './dependency-failure.js';
import { AppError, platformErrors } from './errors.js';

export const problemContentType = 'application/problem+json';

export interface ProblemDocument {
  type: string;
  title: string;
  status: number;
  code: string;
  detail?: string;
  instance: string;
  requestId: string;
  [extension: string]: unknown;
}

export function problemOf(error: AppError, request: FastifyRequest): ProblemDocument {
  return {
    type: `https://emporium.dev/problems/${error.code.toLowerCase().replaceAll('_', '-')}`,
    title: error.title,
    status: error.status,
    code: error.code,
    ...(error.message !== error.title ? { detail: error.message } : {}),
    instance: request.url,
    requestId: String(request.id),
    ...error.extensions,
  };
}

export function sendProblem(reply: FastifyReply, error: AppError): FastifyReply {
  return reply.code(error.status).type(problemContentType).send(problemOf(error, reply.request));
}

/** Maps whatever was thrown to an AppError. Unknown errors become a 500 whose details stay in the log. */
export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  const fastifyError = error as FastifyError;
  if (fastifyError?.validation) {
    const errors = fastifyError.validation.map((issue) => ({
      in: fastifyError.validationContext ?? 'request',
      path: issue.instancePath || '/',
      message: issue.message ?? 'is invalid',
      ...(issue.params && 'additionalProperty' in issue.params
        ? { property: (issue.params as { additionalProperty: string }).additionalProperty }
        : {}),
    }));
    return platformErrors.VALIDATION_FAILED(fastifyError.message, { errors });
  }
  switch (fastifyError?.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return platformErrors.PAYLOAD_TOO_LARGE();
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return platformErrors.UNSUPPORTED_MEDIA_TYPE(fastifyError.message);
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return platformErrors.MALFORMED_BODY(fastifyError.message);
  }
  if (isDependencyFailure(error)) return platformErrors.DEPENDENCY_UNAVAILABLE();
  if (error instanceof SyntaxError || fastifyError?.statusCode === 400) {
    return platformErrors.MALFORMED_BODY(fastifyError.message);
  }
  if (fastifyError?.statusCode === 413) return platformErrors.PAYLOAD_TOO_LARGE();
  if (fastifyError?.statusCode === 415) return platformErrors.UNSUPPORTED_MEDIA_TYPE();
  return platformErrors.INTERNAL_ERROR();
}
