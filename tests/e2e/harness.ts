/**
 * Helpers for e2e tests: a headless Chromium with a fresh profile (so IndexedDB starts empty), the
 * address of the built app, and the page errors seen so far, which a test asserts to be empty.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { afterEach, expect, inject, onTestFailed } from 'vitest';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../chromium';

export interface BrowserSession {
  context: BrowserContext;
  /** The profile's first tab. */
  page: Page;
  /** Uncaught exceptions and console errors of every tab of this profile, in order. */
  pageErrors: string[];
  /** Closes the browser and deletes its profile. */
  close(): Promise<void>;
}

/** The root URL of the built app, served by global-setup.ts; throws if the build failed. */
export function baseUrl(): string {
  const buildError = inject('appBuildError');
  if (buildError) throw new Error(`The app did not build, so it cannot be tested:\n${buildError}`);
  return inject('baseUrl');
}

/** A URL of the app, e.g. `appUrl('#/doc/1')`. */
export function appUrl(path = ''): string {
  return new URL(path, baseUrl()).href;
}

/** Launches Chromium with a new, empty profile in a temporary directory. */
export async function launchBrowser(): Promise<BrowserSession> {
  const profile = await mkdtemp(join(tmpdir(), 'marginalia-e2e-'));
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM_PATH,
      args: CHROMIUM_ARGS,
      headless: true,
      acceptDownloads: true,
      viewport: { width: 1280, height: 800 },
    });
  } catch (e) {
    await rm(profile, { recursive: true, force: true });
    throw e;
  }
  // Fail fast: an action waiting on something that never comes should not hang a test.
  context.setDefaultTimeout(10_000);
  const pageErrors: string[] = [];
  const watch = (page: Page) => {
    page.on('pageerror', (error) => pageErrors.push(`page error: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error') pageErrors.push(`console error: ${message.text()}`);
    });
  };
  context.pages().forEach(watch);
  context.on('page', watch);
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    pageErrors,
    async close() {
      await context.close().catch(() => undefined);
      await rm(profile, { recursive: true, force: true, maxRetries: 3 });
    },
  };
}

/**
 * For a test file: closes every browser a test opened when the test ends, and returns the function
 * that opens one (a fresh profile each time).
 */
export function browserPerTest(): () => Promise<BrowserSession> {
  const open: BrowserSession[] = [];
  afterEach(async () => {
    for (const session of open.splice(0)) await session.close();
  });
  return async () => {
    const session = await launchBrowser();
    open.push(session);
    // A failure is printed as it happens, so one that passes on its retry still says what went wrong.
    onTestFailed(({ task }) => {
      const attempt = (task.result?.retryCount ?? 0) + 1;
      const errors = (task.result?.errors ?? []).map((e) => e.message).join('\n');
      console.error(`e2e "${task.name}", attempt ${attempt}, failed at ${session.page.url()}:\n${errors}\npage errors: ${session.pageErrors.join(' | ') || 'none'}`);
    });
    return session;
  };
}

/** Open the Library and wait until it lists the sample articles; returns its table rows. */
export async function openLibrary(page: Page): Promise<Locator> {
  await page.goto(appUrl());
  const rows = page.getByRole('table').getByRole('row');
  await expect.poll(() => rows.count(), { timeout: 10_000 }).toBeGreaterThan(3);
  return rows;
}
