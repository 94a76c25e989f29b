/**
 * Builds the app for production into a temporary directory and serves it on a loopback port: what
 * the end-to-end tests (tests/e2e/global-setup.ts) and the benchmark (bench/run.mjs) drive. Plain
 * JavaScript so the benchmark can run it without a TypeScript loader; types in serve-app.d.mts.
 */
import { createReadStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, resolve, sep } from 'node:path';
import { build } from 'vite';

const CONTENT_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

/** Builds `root` with NODE_ENV=production (React's production build) into a new temporary directory. */
export async function buildApp(root) {
  const outDir = await mkdtemp(join(tmpdir(), 'marginalia-dist-'));
  const before = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({ root, mode: 'production', logLevel: 'warn', build: { outDir, emptyOutDir: true, ...(process.env.BENCH_NO_MINIFY ? { minify: false } : {}) } });
  } catch (e) {
    await rm(outDir, { recursive: true, force: true });
    throw e;
  } finally {
    if (before === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = before;
  }
  return outDir;
}

/** Serves `dir` on 127.0.0.1 at a free port; paths without an extension get index.html. Resolves to { url, close }. */
export async function serveDir(dir) {
  const fileFor = async (pathname) => {
    let decoded;
    try {
      decoded = decodeURIComponent(pathname);
    } catch {
      return null;
    }
    const path = resolve(dir, `.${decoded.endsWith('/') ? `${decoded}index.html` : decoded}`);
    if (path !== dir && !path.startsWith(dir + sep)) return null;
    const info = await stat(path).catch(() => null);
    return info?.isFile() ? path : null;
  };
  const server = createServer((req, res) => {
    const { pathname } = new URL(req.url ?? '/', 'http://localhost');
    fileFor(pathname)
      .then((found) => {
        const file = found ?? (extname(pathname) ? null : join(dir, 'index.html'));
        if (!file) return void res.writeHead(404).end();
        res.writeHead(200, { 'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
        createReadStream(file).on('error', () => res.destroy()).pipe(res);
      })
      .catch(() => res.destroy());
  });
  await new Promise((done, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', done);
  });
  return {
    url: `http://127.0.0.1:${server.address().port}/`,
    close: () => {
      server.closeAllConnections();
      return new Promise((done) => server.close(() => done()));
    },
  };
}
