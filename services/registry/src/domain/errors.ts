import { defineErrors } from '@emporium/platform/http/errors';

export const registryErrors = defineErrors({
  INSTANCE_NOT_FOUND: {
    status: 404,
    title: 'No such instance: it expired or was never registered; register again',
  },
});
