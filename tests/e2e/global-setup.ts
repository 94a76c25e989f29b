/**
 * Global setup of the e2e project: builds the app for production into a temporary directory and
 * serves it on a loopback port (scripts/serve-app.mjs), so the tests drive exactly what users get.
 * Tests read the address with `inject('baseUrl')` (see harness.ts); a build failure is handed to
 * them too, as `appBuildError`, so unit and browser tests still run and count.
 */
import { rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';
import { buildApp, serveDir } from '../../scripts/serve-app.mjs';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Where the built app is served, e.g. `http://127.0.0.1:41234/`. */
    baseUrl: string;
    /** Why the app could not be built, or '' if it was. */
    appBuildError: string;
  }
}

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  let outDir = '';
  let appBuildError = '';
  try {
    outDir = await buildApp(ROOT);
  } catch (e) {
    appBuildError = e instanceof Error ? e.message : String(e);
  }
  project.provide('appBuildError', appBuildError);
  const server = outDir ? await serveDir(outDir) : null;
  project.provide('baseUrl', server?.url ?? 'http://127.0.0.1:9/');
  return async () => {
    await server?.close();
    if (outDir) await rm(outDir, { recursive: true, force: true });
  };
}
