/**
 * `npm run build:bundle -w @kiosk/kiosk-daemon` (run by the root build after `tsc -b`): the
 * daemon's tsc output (dist/main.js) with the project's rooms and zod, yaml and xstate bundled by
 * rolldown into dist/bundle/ (main.js, the boot chunk, the lazy chunks); Nest and every other
 * package stay outside and load from node_modules as they do unbundled. The lazy loads stay lazy:
 * a dynamic import becomes its own chunk, loaded when it is first called; createRequire(...)('x')
 * calls are left as they are and resolve from node_modules. A `new URL('…', import.meta.url)` in
 * a bundled file is rewritten to point from the bundle to the same file its source pointed to
 * (profiles, the UI's dist, package.json).
 */
import { rmSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'rolldown';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const OUT = resolve(ROOT, 'dist/bundle');
/** packages bundled with the rooms; anything else that is not a relative path stays external */
const BUNDLED = [/^@kiosk\//, /^zod(\/|$)/, /^yaml(\/|$)/, /^xstate(\/|$)/];
const ENTRY = resolve(ROOT, 'dist/main.js');
/** modules that only a dynamic import reaches; the simulator's contract is also imported statically */
const LAZY_ONLY = /[\\/]host-simulator[\\/]dist[\\/](?!contract)/;
const URL_REF = /new URL\((['"])([^'"]+)\1,\s*import\.meta\.url\)/g;

/** Rewrites `new URL('rel', import.meta.url)` so that it names the same file from dist/bundle/. */
const keepFileUrls = {
  name: 'keep-file-urls',
  transform(code, id) {
    if (!code.includes('import.meta.url')) return null;
    const from = dirname(id);
    const out = code.replace(URL_REF, (_all, quote, rel) => {
      const target = resolve(from, rel);
      let moved = relative(OUT, target).split('\\').join('/');
      if (!moved.startsWith('.')) moved = `./${moved}`;
      if (rel.endsWith('/') && !moved.endsWith('/')) moved += '/';
      return `new URL(${quote}${moved}${quote}, import.meta.url)`;
    });
    return out === code ? null : { code: out, map: null };
  },
};

rmSync(OUT, { recursive: true, force: true });
const started = Date.now();
await build({
  input: ENTRY,
  platform: 'node',
  external: (id, importer) => {
    if (id.startsWith('node:')) return true;
    if (id.startsWith('.') || id.startsWith('/') || id.startsWith('\0')) return false;
    if (importer === undefined) return false;
    return !BUNDLED.some((re) => re.test(id));
  },
  plugins: [keepFileUrls],
  treeshake: true,
  output: {
    dir: OUT,
    format: 'esm',
    entryFileNames: '[name].js',
    chunkFileNames: '[name]-[hash].js',
    // Everything the entry loads at boot goes into one chunk beside main.js. Otherwise a module
    // reached both statically and by a dynamic import (\`import('@kiosk/device-drivers')\` in the
    // host connection) can land in main.js, and its lazy chunk would import main.js, whose top-level
    // await is still pending: the import would never settle. The host simulator (loaded only when
    // it is embedded) stays in its own chunk.
    codeSplitting: {
      groups: [{ name: 'boot', test: (id) => id !== ENTRY && !LAZY_ONLY.test(id) }],
    },
    sourcemap: true,
  },
});
process.stdout.write(`kiosk-daemon: bundle written to dist/bundle/ in ${Date.now() - started} ms\n`);
