#!/usr/bin/env node
/**
 * The whole check, in order: ESLint, the TypeScript compiler, then Vitest (unit, browser and e2e
 * projects). Lint and typecheck count as one test each. Vitest's own console output is kept; its JSON
 * report is read to count tests, and a test file that failed without a failed test in it (it threw at
 * import, or a hook failed) counts as one failure, as does a Vitest run that wrote no report.
 * The last line printed is always `N passed, N failed[, N skipped]`; the exit code is 1 if anything
 * failed or no test ran.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Path of an installed package's executable, from its package.json `bin`. */
function bin(pkg, name = pkg) {
  const dir = join(root, 'node_modules', pkg);
  const { bin } = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  return join(dir, typeof bin === 'string' ? bin : bin[name]);
}

/** Runs a package's CLI (`[package, bin name]`) with Node, output streamed; returns its exit status (null if none). */
function step(label, [pkg, name], args) {
  console.log(`\n── ${label} ──`);
  const started = Date.now();
  let status = null;
  let how = 'did not start';
  try {
    const result = spawnSync(process.execPath, [bin(pkg, name), ...args], { cwd: root, stdio: 'inherit' });
    if (result.error) console.error(`${label}: ${result.error.message}`);
    status = result.status;
    how = result.signal ? `killed by ${result.signal}` : `exit code ${status}`;
  } catch (e) {
    console.error(`${label}: could not start ${pkg}: ${e instanceof Error ? e.message : e}`);
  }
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(`${label}: ${status === 0 ? 'passed' : `FAILED (${how})`} in ${seconds}s`);
  return status;
}

const counts = { passed: 0, failed: 0, skipped: 0 };
const problems = [];
const tally = (ok, what) => {
  if (ok) counts.passed++;
  else {
    counts.failed++;
    problems.push(what);
  }
};

const startedAll = Date.now();
tally(step('lint', ['eslint'], ['.']) === 0, 'lint (eslint .)');
tally(step('typecheck', ['typescript', 'tsc'], ['-p', 'tsconfig.json', '--noEmit']) === 0, 'typecheck (tsc --noEmit)');

const reportDir = mkdtempSync(join(tmpdir(), 'marginalia-vitest-'));
const reportFile = join(reportDir, 'report.json');
const vitestStatus = step('vitest', ['vitest'], ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${reportFile}`]);

let report = null;
try {
  if (existsSync(reportFile)) report = JSON.parse(readFileSync(reportFile, 'utf8'));
} catch (e) {
  console.error(`vitest: unreadable JSON report: ${e instanceof Error ? e.message : e}`);
}
rmSync(reportDir, { recursive: true, force: true });

if (!report || !Array.isArray(report.testResults)) {
  tally(false, `vitest wrote no report (exit code ${vitestStatus ?? 'none'}): it stopped before finishing`);
} else {
  let ran = 0;
  let failedHere = 0;
  for (const file of report.testResults) {
    const name = relative(root, String(file.name));
    const tests = Array.isArray(file.assertionResults) ? file.assertionResults : [];
    let failedInFile = 0;
    for (const t of tests) {
      if (t.status === 'passed') {
        counts.passed++;
        ran++;
      } else if (t.status === 'failed') {
        tally(false, `${name}: ${(t.ancestorTitles ?? []).concat(t.title).join(' > ')}`);
        failedInFile++;
        ran++;
      } else counts.skipped++; // skipped, pending, todo
    }
    failedHere += failedInFile;
    // A file that threw at import (or whose hooks failed) has no failed test of its own.
    if (file.status === 'failed' && failedInFile === 0) {
      const why = String(file.message ?? '').split('\n')[0];
      tally(false, `${name}: the file failed outside its tests${why ? ` (${why})` : ''}`);
      failedHere++;
    }
  }
  if (ran === 0) tally(false, `vitest ran no tests (exit code ${vitestStatus ?? 'none'}; see its output above)`);
  else if (vitestStatus !== 0 && failedHere === 0) {
    // For instance an unhandled error or rejection, which fails the run without failing a test.
    tally(false, `vitest exited with code ${vitestStatus ?? 'none'} although no test failed (see its output above)`);
  }
}

console.log(`\nTotal time ${((Date.now() - startedAll) / 1000).toFixed(1)}s.`);
if (problems.length) console.log(`Failures:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
console.log(`${counts.passed} passed, ${counts.failed} failed${counts.skipped ? `, ${counts.skipped} skipped` : ''}`);
process.exitCode = counts.failed > 0 ? 1 : 0;
