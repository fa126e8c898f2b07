import type { RequestContext } from '@emporium/platform/http/request-context';
import { deleteInstance } from '../db/instances.repo.js';
import { registryErrors } from '../domain/errors.js';
import type { RegistryDeps } from './deps.js';

export async function deregisterInstance(deps: RegistryDeps, ctx: RequestContext, id: string): Promise<void> {
  if (!(await deleteInstance(deps.db, id))) {
    throw registryErrors.INSTANCE_NOT_FOUND(`instance ${id} is not registered`);
  }
  ctx.logger.info({ instanceId: id }, 'instance deregistered');
}
