#!/usr/bin/env node
/**
 * Makes a fresh checkout runnable: installs npm dependencies when they are missing or older than the
 * lock file and, with --browser, makes sure Chromium is there for the browser and e2e tests.
 * Runs before anything is installed, so it uses Node's standard library only. One line when all is well.
 */
import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, lstatSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const wantBrowser = process.argv.includes('--browser');

/** Runs a command with its output streamed to ours; exits with its status if it fails. */
function run(command, args, env = process.env) {
  console.log(`ensure-deps: ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env, shell: process.platform === 'win32' });
  if (result.error) {
    console.error(`ensure-deps: could not run ${command}: ${result.error.message}`);
    process.exit(1);
  }
  if (result.status !== 0) {
    console.error(`ensure-deps: ${command} ${args.join(' ')} failed (${result.signal ?? `exit code ${result.status}`})`);
    process.exit(result.status || 1);
  }
}

const mtime = (path) => statSync(path).mtimeMs;
const isExecutable = (path) => {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
};

// ---- npm dependencies ----
const nodeModules = join(root, 'node_modules');
const lock = join(root, 'package-lock.json');
const installed = join(nodeModules, '.package-lock.json'); // npm's record of what it installed
const hasLock = existsSync(lock);
let reason = '';
if (!existsSync(nodeModules)) reason = 'node_modules is missing';
else if (hasLock && !existsSync(installed)) reason = 'node_modules was not installed by npm';
else if (hasLock && mtime(lock) > mtime(installed)) reason = 'package-lock.json changed since the last install';

let summary = 'dependencies up to date';
if (reason && lstatSync(nodeModules, { throwIfNoEntry: false })?.isSymbolicLink()) {
  // npm ci would empty the directory the link points to, which belongs to another checkout.
  console.log(`ensure-deps: ${reason}, but node_modules is a symlink; not reinstalling (run npm ci where it points)`);
  summary = 'dependencies not reinstalled';
} else if (reason) {
  console.log(`ensure-deps: ${reason}; installing dependencies`);
  // Under `npm test --silent` npm passes its log level on; the install should still report progress.
  const env = { ...process.env };
  delete env.npm_config_loglevel;
  run('npm', hasLock ? ['ci'] : ['install'], env);
  summary = 'dependencies installed';
}

// ---- Chromium ----
let chromium = '';
if (wantBrowser) {
  chromium = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
  if (!isExecutable(chromium)) {
    const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
    const hasApt = () => spawnSync('sh', ['-c', 'command -v apt-get'], { stdio: 'ignore' }).status === 0;
    // The Debian package installs /usr/bin/chromium; it cannot help when CHROMIUM_PATH points elsewhere.
    if (chromium === '/usr/bin/chromium' && isRoot && hasApt()) {
      console.log(`ensure-deps: no Chromium at ${chromium}; installing the Debian package`);
      const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
      run('apt-get', ['update'], env);
      run('apt-get', ['install', '-y', 'chromium'], env);
    }
    if (!isExecutable(chromium)) {
      console.error(
        `Marginalia's browser tests need Chromium at ${chromium}. Install it with: sudo apt-get install -y chromium ` +
          '(Debian/Ubuntu), or set CHROMIUM_PATH to a Chromium/Chrome binary.',
      );
      process.exit(1);
    }
  }
}

console.log(`ensure-deps: ${summary}${chromium ? `; Chromium at ${chromium}` : ''}`);
