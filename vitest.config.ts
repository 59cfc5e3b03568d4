import { defineConfig } from 'vitest/config';

// Two projects: `unit` (pure code, no root needed) and `int` (real kernel, root; each file skips with a
// stated reason when not root). Integration files run one at a time: they share one machine's kernel.
export default defineConfig({
  test: {
    reporters: ['default', './scripts/summary-reporter.ts'],
    projects: [
      {
        test: {
          name: 'unit',
          include: ['src/**/*.test.ts'],
          exclude: ['src/**/*.int.test.ts'],
        },
      },
      {
        test: {
          name: 'int',
          include: ['src/**/*.int.test.ts'],
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
