// @ts-check
/**
 * Lint rules, and the layering of src/ made enforceable (see docs/architecture.md):
 *   model ← anchoring ← editor;  model ← io, store, db;  ui may import anything, nothing imports ui.
 * `no-restricted-imports` replaces (does not merge) its options when several config objects match a
 * file, so every folder below gets one complete list, built from the named pieces here.
 */
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import { defineConfig, globalIgnores } from 'eslint/config';

const TS = ['**/*.ts', '**/*.tsx', '**/*.mts', '**/*.cts'];

/** Import-source patterns, matched as regular expressions against the string in `from '...'`. */
const ban = {
  react: { regex: '^react(-dom)?(/|$)', message: 'React belongs in src/ui only.' },
  dexie: { regex: '^dexie(/|$)', message: 'Dexie belongs in src/db only.' },
  dexieHooks: { regex: '^dexie-react-hooks(/|$)', message: 'dexie-react-hooks belongs in src/ui only.' },
  prosemirror: { regex: '^prosemirror-', message: 'This layer is independent of ProseMirror.' },
  prosemirrorButModel: {
    regex: '^prosemirror-(?!model(/|$))',
    message: 'src/anchoring may use prosemirror-model only (no view, state or commands).',
  },
  prosemirrorView: { regex: '^prosemirror-view(/|$)', message: 'The ProseMirror view belongs in src/editor and src/ui.' },
  /** Relative imports of sibling folders of src/, e.g. `../ui/App` or `./ui/App` from a file in src/. */
  folders: (/** @type {string[]} */ names, /** @type {string} */ message) => ({
    regex: `^(\\.{1,2}/)+(${names.join('|')})(/|$)`,
    message,
  }),
};

const NOT_UI = 'Nothing outside src/ui (and src/main.tsx) imports src/ui: the UI depends on the core, never the reverse.';

/** One `no-restricted-imports` rule entry for a folder of src/. */
const restrict = (/** @type {{ regex: string, message: string }[]} */ ...patterns) => ({
  'no-restricted-imports': ['error', { patterns }],
});

/** Browser globals that the pure layers must receive as parameters instead of reaching for. */
const DOM_GLOBALS = ['document', 'window', 'navigator', 'localStorage', 'indexedDB', 'File', 'Blob', 'DOMParser', 'HTMLElement'];

export default defineConfig([
  globalIgnores(['dist/', 'coverage/', 'node_modules/']),

  js.configs.recommended,
  { files: TS, extends: [tseslint.configs.recommended] },

  // Where code runs decides which globals exist.
  { files: ['src/**', 'tests/browser/**'], languageOptions: { globals: globals.browser } },
  {
    files: ['*.{js,mjs,cjs,ts}', 'scripts/**', 'bench/**', 'tests/**'],
    ignores: ['tests/browser/**'],
    languageOptions: { globals: globals.node },
  },
  // e2e tests pass callbacks to page.evaluate(), which run in the page.
  { files: ['public/sw.js'], languageOptions: { globals: globals.serviceworker } },
  // e2e tests and benchmarks pass functions to page.evaluate: they run in the page.
  { files: ['tests/e2e/**', 'bench/**'], languageOptions: { globals: globals.browser } },

  { files: ['src/ui/**/*.{ts,tsx}'], extends: [reactHooks.configs.flat.recommended] },

  // ---- Import boundaries. The catch-all comes first; the per-folder lists below replace it. ----
  {
    files: ['src/**/*.{ts,tsx}'],
    ignores: ['src/ui/**', 'src/main.tsx'],
    rules: restrict(ban.folders(['ui'], NOT_UI)),
  },
  {
    files: ['src/model/**/*.{ts,tsx}'],
    rules: restrict(
      ban.folders(['anchoring', 'editor', 'store', 'db', 'io', 'ui'], 'src/model is the bottom layer: it imports nothing else from src/.'),
      ban.react,
      ban.dexie,
      ban.dexieHooks,
      ban.prosemirror,
    ),
  },
  {
    files: ['src/anchoring/**/*.{ts,tsx}'],
    rules: restrict(
      ban.folders(['editor', 'ui', 'db', 'store', 'io'], 'src/anchoring may import src/model only.'),
      ban.react,
      ban.dexie,
      ban.dexieHooks,
      ban.prosemirrorButModel,
    ),
  },
  {
    files: ['src/workers/**/*.{ts,tsx}'],
    rules: restrict(
      ban.folders(['editor', 'ui', 'db', 'store'], 'src/workers may import src/io, src/anchoring and src/model only.'),
      ban.react,
      ban.dexie,
      ban.dexieHooks,
      ban.prosemirror,
    ),
  },
  {
    files: ['src/io/**/*.{ts,tsx}'],
    rules: restrict(
      ban.folders(['editor', 'ui', 'db', 'store', 'anchoring'], 'src/io may import src/model only.'),
      ban.react,
      ban.dexie,
      ban.dexieHooks,
      ban.prosemirror,
    ),
  },
  {
    files: ['src/editor/**/*.{ts,tsx}'],
    rules: restrict(
      ban.folders(['ui'], NOT_UI),
      ban.folders(['db'], 'src/editor does not touch the database; the UI passes data in.'),
      ban.react,
      ban.dexie,
      ban.dexieHooks,
    ),
  },
  {
    files: ['src/store/**/*.{ts,tsx}', 'src/db/**/*.{ts,tsx}'],
    rules: restrict(ban.folders(['ui'], NOT_UI), ban.react, ban.dexieHooks, ban.prosemirrorView),
  },

  // ---- The pure layers run anywhere (Node tests, workers): no browser globals. ----
  {
    files: ['src/model/**/*.{ts,tsx}', 'src/anchoring/**/*.{ts,tsx}', 'src/io/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-globals': [
        'error',
        ...DOM_GLOBALS.map((name) => ({
          name,
          message: `${name} is a browser global; src/model, src/anchoring and src/io stay pure (take it as a parameter).`,
        })),
      ],
    },
  },
]);
