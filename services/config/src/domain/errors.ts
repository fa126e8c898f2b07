import { defineErrors } from '@emporium/platform/http/errors';

export const configErrors = defineErrors({
  DOCUMENT_NOT_FOUND: { status: 404, title: 'No configuration document for this service and profile' },
  VERSION_MISMATCH: { status: 412, title: 'The document changed since the version named in If-Match' },
  PLAINTEXT_SECRET: {
    status: 400,
    title: 'Secrets must be references ({ secretRef: { env } } or { secretRef: { file } }), never values',
  },
  INVALID_SECRET_REF: {
    status: 400,
    title: 'A secret reference names exactly one of env (a variable name) or file (an absolute path)',
  },
  INVALID_DOCUMENT: { status: 400, title: 'The configuration document is not valid' },
});
