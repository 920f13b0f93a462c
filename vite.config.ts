import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

const BROWSER_TESTS = 'tests/browser/**/*.test.ts';

export default defineConfig({
  plugins: [sveltekit()],
  build: {
    // Rolldown's plugin-timing report is noise in `npm start` and CI logs.
    rolldownOptions: { checks: { bundlerTimings: false } },
  },
  test: {
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 120_000,
    env: { TZ: 'Asia/Shanghai' },
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['tests/**/*.test.ts'], exclude: [BROWSER_TESTS, '**/node_modules/**'] },
      },
      {
        extends: true,
        test: {
          name: 'browser',
          include: [BROWSER_TESTS],
          // Builds the site and serves it once for every scenario; runs only when a browser test is selected.
          globalSetup: ['tests/browser/setup.ts'],
          // One Chromium at a time on a 2-core machine, after the unit tests are done.
          maxWorkers: 1,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
