import { defineConfig } from 'vitest/config';
import { playwright } from '@vitest/browser-playwright';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './tests/chromium.ts';

/**
 * Three projects:
 * - unit: pure logic in Node (model, anchoring, io, store);
 * - browser: code that needs a real browser (Dexie on Chromium's IndexedDB, ProseMirror views);
 * - e2e: the built app driven by playwright-core, one fresh browser profile per test.
 */
export default defineConfig({
  test: {
    projects: [
      {
        test: { name: 'unit', include: ['tests/unit/**/*.test.ts'], environment: 'node' },
      },
      {
        // Bundled up front, so a first run does not reload the page when a test first meets them.
        optimizeDeps: { include: ['@mozilla/readability', 'dompurify', 'mammoth', 'approx-string-match', 'fast-check'] },
        test: {
          name: 'browser',
          include: ['tests/browser/**/*.test.ts'],
          browser: {
            enabled: true,
            headless: true,
            provider: playwright({ launchOptions: { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS } }),
            instances: [{ browser: 'chromium' }],
          },
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['tests/e2e/global-setup.ts'],
          testTimeout: 60_000,
          // One retry, in a fresh browser profile, for a test that failed on a loaded machine. A test that
          // passed only on its retry is printed with "(retry x1)", so instability stays visible.
          retry: 1,
          // The machine is shared with the unit and browser projects: give the UI time to settle.
          expect: { poll: { timeout: 5_000 } },
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
