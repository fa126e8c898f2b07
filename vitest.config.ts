import { defineConfig } from 'vitest/config';

// Workspace packages export their TypeScript sources under the `source`
// condition, so tests run the code as written, with no build step.
const resolve = { conditions: ['source', 'node', 'development|production'] };

export default defineConfig({
  resolve,
  ssr: { resolve: { conditions: resolve.conditions } },
  test: {
    // Suites that boot PGlite cost ~0.5 GB each: two workers on a 2-core machine.
    maxWorkers: 2,
    testTimeout: 30_000,
    // Suites boot several services (and PGlite) in beforeAll: generous on a busy 2-core machine.
    hookTimeout: 120_000,
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['{platform,contracts,launcher,services/*}/src/**/*.test.ts'] },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['{platform,launcher,services/*}/test/**/*.int.test.ts'],
          exclude: ['launcher/test/distributed.int.test.ts'],
        },
      },
      {
        // Twelve processes booting at once starve any suite beside them on a 2-core
        // machine: `npm run test:int` and CI run this project after the others.
        extends: true,
        test: { name: 'distributed', include: ['launcher/test/distributed.int.test.ts'] },
      },
      {
        extends: true,
        test: { name: 'e2e', include: ['e2e/**/*.test.ts'], fileParallelism: false, testTimeout: 120_000 },
      },
    ],
  },
});
