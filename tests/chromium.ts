/** Where Debian puts Chromium, and the launch flags that work here: one source for tests and benchmark. */
export { CHROMIUM_ARGS, CHROMIUM_PATH } from '../scripts/chromium.mjs';
