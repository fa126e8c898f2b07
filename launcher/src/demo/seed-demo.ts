import type { DemoData } from '@emporium/contracts/demo/demo-catalog';
import type { RunningService } from '@emporium/platform/service/start-service';

/**
 * Hands the demo data to every service that seeds some of it. Each service
 * seeds only what it owns, idempotently, so this runs on every start and
 * only the first one writes much.
 */
export async function seedDemo(
  services: RunningService[],
  demo: DemoData,
  progress: (message: string) => void,
) {
  for (const service of services) {
    if (!service.instance.seedDemo) continue;
    const started = performance.now();
    await service.instance.seedDemo(demo, progress);
    progress(`${service.name}: demo data ready in ${Math.round(performance.now() - started)} ms`);
  }
}
