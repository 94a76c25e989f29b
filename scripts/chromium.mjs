/**
 * Where Chromium is and the launch flags that work on this project's machines (no sandbox as root,
 * no background networking on a closed network). Shared by the tests and the benchmark; plain
 * JavaScript so the benchmark needs no TypeScript loader. Types in chromium.d.mts.
 */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
