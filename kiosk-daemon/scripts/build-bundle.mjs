/**
 * `npm run build:bundle -w @kiosk/kiosk-daemon` (run by the root build after `tsc -b`): the
 * daemon's tsc output (dist/main.js) bundled by rolldown into dist/bundle/ (main.program.js, the
 * boot chunk, the lazy chunks), with the packages it loads: Nest, TypeORM, socket.io, pino,
 * prom-client, zod, yaml, xstate. dist/bundle/main.js is the entry a terminal starts (`npm start`,
 * the systemd unit): Node 20 then reads and compiles a few files instead of some 1,300
 * (bench/RESULTS.md). The chunks are CommonJS, compiled by the bundle's loader with V8's code cache
 * (bundle-code-cache.mjs, bundle-loader.cjs): a start after the first deserializes them instead.
 *
 * TypeORM's driver factory is cut down to the journal's two drivers (SQLite, PostgreSQL).
 * TypeORM's SQL formatter and file matcher, on roads the journal never takes, are left out.
 * iconv-lite's double-byte tables are required from node_modules when first used (`iconvTablesOutside`).
 * A package installed at the same version in several folders is bundled once (`onePackageCopy`).
 *
 * Left outside, loaded from node_modules as they are unbundled:
 * - native addons (they find their binary beside their own files) and the packages built around one;
 * - packages only an optional road reaches (`pg` for a PostgreSQL journal, `mqtt` for the fleet
 *   link, Nest's optional companions that are not installed);
 * - `createRequire(import.meta.url)('x')` calls, left as they are (mqtt: off the boot path).
 * The lazy loads stay lazy: a dynamic import becomes its own chunk, loaded when it is first
 * called (the host simulator with Fastify, only when the host is embedded). A
 * `new URL('…', import.meta.url)` in a bundled file is rewritten to point from the bundle to the
 * same file its source pointed to (profiles, the UI's dist, package.json).
 *
 * `--entry <file> --out <dir>` bundle another program the same way: the start-up benchmark bundles
 * its empty Nest app with it, so that both sides of the comparison are built alike.
 */
import { existsSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { build } from 'rolldown';
import {
  IMPORT_META_URL,
  dynamicImportsThroughLoader,
  entryTopLevel,
  programInput,
  writeLoader,
} from './bundle-code-cache.mjs';
import { buildingFolderFor, replaceBundle } from './bundle-folder.mjs';
import { bundleInputs } from './bundle-inputs.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const { values: args } = parseArgs({ options: { entry: { type: 'string' }, out: { type: 'string' } } });
const OUT = resolve(args.out ?? resolve(ROOT, 'dist/bundle'));
/** written beside OUT, then made the bundle OUT links to in one rename (bundle-folder.mjs) */
const BUILDING = buildingFolderFor(OUT);
const ENTRY = resolve(args.entry ?? resolve(ROOT, 'dist/main.js'));

/** native addons and the packages that wrap one: they load a binary relative to their own folder */
const NATIVE = [
  'better-sqlite3',
  'pcsclite',
  'serialport',
  '@serialport/bindings-cpp',
  '@napi-rs/canvas',
  '@lydell/node-pty',
  'bufferutil',
  'utf-8-validate',
  'bindings',
  'node-gyp-build',
];
/** reached only on an optional road: a PostgreSQL journal, the fleet link */
const OPTIONAL = ['pg', 'pg-native', 'mqtt'];
/** Nest's optional companions: loaded (and reported missing) only by features the daemon does not use */
const NEST_OPTIONAL = [
  '@nestjs/microservices',
  '@nestjs/platform-fastify',
  '@nestjs/axios',
  '@nestjs/mongoose',
  '@nestjs/sequelize',
  '@nestjs/typeorm',
  '@grpc/grpc-js',
  '@grpc/proto-loader',
  '@fastify/static',
  '@fastify/view',
  'class-transformer',
  'class-validator',
];
const OUTSIDE = [...NATIVE, ...OPTIONAL, ...NEST_OPTIONAL];
const isOutside = (id) =>
  OUTSIDE.some((name) => id === name || id.startsWith(`${name}/`)) ||
  id.startsWith('iconv-lite/encodings/tables/');
const URL_REF = /new URL\((['"])([^'"]+)\1,\s*import\.meta\.url\)/g;
/** the journal's `createRequire(import.meta.url)('typeorm')` (kept off Node's ES loader unbundled) */
const TYPEORM_REQUIRE = /createRequire\(import\.meta\.url\)\('typeorm'\)/;

/** Rewrites `new URL('rel', import.meta.url)` so that it names the same file from dist/bundle/. */
const keepFileUrls = {
  name: 'keep-file-urls',
  transform(code, id) {
    if (!code.includes('import.meta.url') || id.includes('node_modules')) return null;
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

/**
 * Unbundled, the journal requires TypeORM so that Node's ES loader does not list its CommonJS
 * exports; in the bundle it is one more bundled module, imported like the others.
 */
const bundleTypeorm = {
  name: 'bundle-typeorm',
  transform(code, id) {
    if (!TYPEORM_REQUIRE.test(code) || id.includes('node_modules')) return null;
    return {
      code: `import * as __typeorm from 'typeorm';\n${code.replace(TYPEORM_REQUIRE, '__typeorm')}`,
      map: null,
    };
  },
};

/**
 * The TypeORM drivers the journal can be configured with (`journal.driver`: sqlite, postgres; see
 * src/journal/journal.data-source.ts). TypeORM's DriverFactory requires all eighteen of its drivers
 * when it loads (MySQL, Oracle, SQL Server, SAP, Spanner, MongoDB… about 0.8 MB of the boot chunk,
 * compiled and run at every start). In the bundle it knows these two, each required when a data
 * source of its type is made; any other type fails as TypeORM fails for a driver it lacks.
 * A lazy one (PostgreSQL, some 140 kB with its query runner) is not required by the factory: the
 * journal loads it by a dynamic import before it makes its data source (`loadJournalDriver`), which
 * makes it a lazy chunk; the driver's module then registers itself with the factory.
 */
const TYPEORM_DRIVERS = [
  ['better-sqlite3', './better-sqlite3/BetterSqlite3Driver', 'BetterSqlite3Driver', false],
  ['postgres', './postgres/PostgresDriver', 'PostgresDriver', true],
];
const DRIVER_FACTORY = /\/typeorm\/driver\/DriverFactory\.js$/;
const driverFile = (path) => new RegExp(`/typeorm/driver/${path.slice(2)}\\.js$`);

const typeormDrivers = {
  name: 'typeorm-journal-drivers',
  transform(code, id) {
    const file = id.split('\\').join('/');
    const lazy = TYPEORM_DRIVERS.find(([, path, , isLazy]) => isLazy && driverFile(path).test(file));
    if (!lazy) return null;
    const [type, , name] = lazy;
    return {
      code: `${code}\nrequire("../DriverFactory").DriverFactory.loaded[${JSON.stringify(type)}] = ${name};\n`,
      map: null,
    };
  },
  load(id) {
    if (!DRIVER_FACTORY.test(id.split('\\').join('/'))) return null;
    // the shape this replaces: if TypeORM changes it, stop here rather than ship a factory that lies
    const original = readFileSync(id, 'utf8');
    for (const [type, path, name] of TYPEORM_DRIVERS) {
      const made = `case "${type}":\n                return new ${name}_1.${name}(dataSource);`;
      if (!original.includes(`require("${path}")`) || !original.includes(made)) {
        throw new Error(
          `kiosk-daemon bundle: TypeORM's DriverFactory no longer makes "${type}" as expected: update typeormDrivers`,
        );
      }
    }
    const cases = TYPEORM_DRIVERS.map(([type, path, name, lazy]) =>
      lazy
        ? `      case ${JSON.stringify(type)}: { const Driver = DriverFactory.loaded[${JSON.stringify(type)}]; if (!Driver) throw new Error(${JSON.stringify(`TypeORM's ${name} is in a lazy chunk of the kiosk bundle: load it (loadJournalDriver) before making a data source of type ${type}`)}); return new Driver(dataSource); }`
        : `      case ${JSON.stringify(type)}: return new (require(${JSON.stringify(path)}).${name})(dataSource);`,
    );
    const code = [
      '"use strict";',
      'Object.defineProperty(exports, "__esModule", { value: true });',
      'exports.DriverFactory = void 0;',
      'const MissingDriverError_1 = require("../error/MissingDriverError");',
      "/** The kiosk bundle's DriverFactory: the journal's drivers only (kiosk-daemon/scripts/build-bundle.mjs). */",
      'class DriverFactory {',
      '  create(dataSource) {',
      '    const { type } = dataSource.options;',
      '    switch (type) {',
      ...cases,
      `      default: throw new MissingDriverError_1.MissingDriverError(type, ${JSON.stringify(TYPEORM_DRIVERS.map(([t]) => t))});`,
      '    }',
      '  }',
      '}',
      '/** the lazy drivers, registered by their own modules when loaded */',
      'DriverFactory.loaded = {};',
      'exports.DriverFactory = DriverFactory;',
      '',
    ].join('\n');
    return { code, map: null };
  },
};

/**
 * Packages TypeORM reaches only on roads the journal never takes, left out of the bundle: its SQL
 * formatter (`@sqltools/formatter`, for a logger with `formatSql`; the journal sets no logger) and
 * its file matcher (`tinyglobby` with fdir and picomatch, for entities, migrations or subscribers
 * named by path pattern; the journal names its classes, so the matcher is called with no pattern).
 * About 135 kB of the boot chunk. Each is replaced by a module whose functions throw, naming the
 * road, so that a later change taking one fails loudly at its first call instead of silently.
 */
const TYPEORM_UNUSED = {
  '@sqltools/formatter': ['format'],
  tinyglobby: ['glob', 'globSync'],
};
const UNUSED_PREFIX = '\0kiosk-unused:';

const typeormUnusedRoads = {
  name: 'typeorm-unused-roads',
  resolveId(source, importer) {
    if (!Object.hasOwn(TYPEORM_UNUSED, source) || !importer) return null;
    if (!importer.split('\\').join('/').includes('/node_modules/typeorm/')) return null;
    return UNUSED_PREFIX + source;
  },
  load(id) {
    if (!id.startsWith(UNUSED_PREFIX)) return null;
    const name = id.slice(UNUSED_PREFIX.length);
    const message = `${name} is not in the kiosk daemon's bundle (kiosk-daemon/scripts/build-bundle.mjs, typeormUnusedRoads): TypeORM took a road the journal does not take`;
    return [
      '"use strict";',
      ...TYPEORM_UNUSED[name].map(
        (fn) => `exports.${fn} = function ${fn}() { throw new Error(${JSON.stringify(message)}); };`,
      ),
      '',
    ].join('\n');
  },
};

/**
 * iconv-lite's double-byte tables (GB18030 and GBK for the receipt printer, and Big5, Shift JIS,
 * EUC-JP, EUC-KR that nothing here uses; about 420 kB) are JSON files it requires only when a codec
 * of theirs is first used. Bundled, all of them were compiled at every boot; here they stay in
 * node_modules and are required from there when first used, by the same package they belong to: the
 * iconv-lite that the bundle's own folder resolves to must be the one bundled, or they stay bundled.
 */
const ICONV_TABLE = /require\((['"])\.\/tables\/([\w-]+\.json)\1\)/g;
const iconvTablesOutside = {
  name: 'iconv-tables-outside',
  transform(code, id) {
    const file = id.split('\\').join('/');
    if (!file.endsWith('/node_modules/iconv-lite/encodings/dbcs-data.js')) return null;
    const root = resolve(dirname(id), '..');
    let fromBundle;
    try {
      fromBundle = dirname(createRequire(resolve(OUT, 'boot.js')).resolve('iconv-lite/package.json'));
    } catch {
      return null;
    }
    if (fromBundle !== root) return null;
    const out = code.replace(
      ICONV_TABLE,
      (_all, quote, table) => `require(${quote}iconv-lite/encodings/tables/${table}${quote})`,
    );
    return out === code ? null : { code: out, map: null };
  },
};

/**
 * One copy of each package version. npm nests another copy of a package wherever its version
 * cannot be hoisted (mime-db 1.52.0 sits under engine.io, multer and Nest's socket.io adapter,
 * beside the hoisted 1.54.0; ajv 8.20.0 three times under Fastify's packages); unbundled, Node loads
 * every copy, and the bundle would compile and run each. A package at the same name and version in
 * several folders is bundled once, from the first of its folders in path order: the same files (a
 * registry version does not change), one module instance, as npm's own deduplication gives where
 * the tree lets it. Its own dependencies then resolve from that folder, within the ranges it asks.
 */
const REPO = resolve(ROOT, '..');
/** `name@version` → the folders it is installed in, sorted; read once per build */
let installedCopies;
function copiesOf(key) {
  if (!installedCopies) {
    installedCopies = new Map();
    const walk = (nodeModules) => {
      let entries = [];
      try {
        entries = readdirSync(nodeModules, { withFileTypes: true });
      } catch {
        return;
      }
      // symbolic links (the workspace's own rooms) are not directories here: left as they are
      for (const entry of entries) {
        if (!entry.isDirectory() || entry.name.startsWith('.')) continue;
        const dir = resolve(nodeModules, entry.name);
        if (!entry.name.startsWith('@')) add(entry.name, dir);
        else
          for (const s of readdirSync(dir, { withFileTypes: true })) {
            if (s.isDirectory()) add(`${entry.name}/${s.name}`, resolve(dir, s.name));
          }
      }
    };
    const add = (name, root) => {
      const version = versionAt(root);
      if (version)
        installedCopies.set(`${name}@${version}`, [
          ...(installedCopies.get(`${name}@${version}`) ?? []),
          root,
        ]);
      walk(resolve(root, 'node_modules'));
    };
    walk(resolve(REPO, 'node_modules'));
    for (const entry of readdirSync(REPO, { withFileTypes: true })) {
      if (entry.isDirectory() && !entry.name.startsWith('.') && entry.name !== 'node_modules') {
        walk(resolve(REPO, entry.name, 'node_modules'));
      }
    }
    for (const list of installedCopies.values()) list.sort();
  }
  return installedCopies.get(key) ?? [];
}
const versions = new Map();
function versionAt(root) {
  if (!versions.has(root)) {
    let version;
    try {
      version = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')).version;
    } catch {
      version = undefined;
    }
    versions.set(root, version);
  }
  return versions.get(root);
}
/** the packages bundled from another folder than the one they were found in (printed by the build) */
const deduplicated = new Set();

const onePackageCopy = {
  name: 'one-package-copy',
  async resolveId(source, importer, options) {
    if (!importer || /^[./\0]|^node:/.test(source)) return null;
    const resolved = await this.resolve(source, importer, { ...options, skipSelf: true });
    if (!resolved || resolved.external) return resolved;
    const file = resolved.id.split('\\').join('/');
    const at = file.lastIndexOf('/node_modules/');
    if (at < 0) return resolved;
    const parts = file.slice(at + '/node_modules/'.length).split('/');
    const name = parts[0].startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0];
    const root = file.slice(0, at + '/node_modules/'.length) + name;
    const version = versionAt(root);
    const first = version && copiesOf(`${name}@${version}`)[0];
    if (!first || first === root || !existsSync(first + file.slice(root.length))) return resolved;
    deduplicated.add(`${name}@${version}`);
    return { ...resolved, id: first + file.slice(root.length) };
  },
};

/**
 * The modules the entry reaches by static imports and requires: they form the boot chunk. What only
 * a dynamic import reaches (the host simulator with Fastify) stays in lazy chunks.
 */
const bootModules = new Set();
const staticGraph = {
  name: 'static-graph',
  buildEnd() {
    const queue = [ENTRY];
    while (queue.length > 0) {
      const id = queue.pop();
      if (bootModules.has(id)) continue;
      bootModules.add(id);
      queue.push(...(this.getModuleInfo(id)?.importedIds ?? []));
    }
  },
};

/** The ids rolldown reported it could not resolve and left outside: only the optional ones may be. */
const unresolved = new Set();

rmSync(BUILDING, { recursive: true, force: true });
process.once('exit', () => rmSync(BUILDING, { recursive: true, force: true }));
const started = Date.now();
/** what the bundle is made of, written beside it (bundle-inputs.mjs) */
const inputs = bundleInputs(REPO);
await build({
  input: programInput(ENTRY),
  platform: 'node',
  external: (id, importer) => {
    if (id.startsWith('node:')) return true;
    if (id.startsWith('.') || id.startsWith('/') || id.startsWith('\0')) return false;
    if (importer === undefined) return false;
    return isOutside(id);
  },
  plugins: [
    inputs.plugin,
    typeormUnusedRoads,
    iconvTablesOutside,
    onePackageCopy,
    typeormDrivers,
    keepFileUrls,
    bundleTypeorm,
    staticGraph,
    entryTopLevel(ENTRY),
    dynamicImportsThroughLoader,
  ],
  treeshake: true,
  onLog(level, log, handler) {
    if (log.code === 'UNRESOLVED_IMPORT') {
      const id = /Could not resolve '([^']+)'/.exec(log.message)?.[1];
      if (id) unresolved.add(id);
      return;
    }
    // a module both imported and lazily imported stays in the boot chunk: known, intended
    if (log.code === 'INEFFECTIVE_DYNAMIC_IMPORT' || log.code === 'EMPTY_IMPORT_META') return;
    handler(level, log);
  },
  output: {
    dir: BUILDING,
    // CommonJS, so that the loader can compile each chunk with V8's code cache (bundle-code-cache.mjs)
    format: 'cjs',
    exports: 'named',
    // strict as the ES modules it was made of
    strict: true,
    entryFileNames: '[name].js',
    chunkFileNames: '[name]-[hash].js',
    // Everything the entry loads at boot goes into one chunk beside main.program.js. Otherwise a
    // module reached both statically and by a dynamic import (\`import('@kiosk/device-drivers')\` in
    // the host connection) can land in the entry's chunk, and its lazy chunk would require that
    // chunk while its top level is still pending. The host simulator (loaded only when
    // it is embedded, with Fastify) stays in its own chunk.
    codeSplitting: {
      groups: [{ name: 'boot', test: (id) => id !== ENTRY && bootModules.has(id) }],
    },
    sourcemap: true,
    // ASCII only (other characters as escapes in strings, JSDoc comments left out, licences kept):
    // one character beyond ASCII makes Node decode a whole chunk as UTF-16 (15–20 ms for the boot
    // chunk, which had some 73 000 in strings and comments) and V8 keep its source at two bytes a
    // character. Same code, same strings; the daemon used about 15 ms less CPU to ready.
    charset: 'ascii',
    comments: { legal: true, annotation: false, jsdoc: false },
  },
});

const notOptional = [...unresolved].filter((id) => !isOutside(id));
if (notOptional.length > 0) {
  throw new Error(
    `kiosk-daemon bundle: cannot resolve ${notOptional.join(', ')} (install it, or list it as optional)`,
  );
}
checkNoFolderPaths();
writeLoader(BUILDING, ENTRY);
inputs.write(BUILDING, started);
replaceBundle(BUILDING, OUT);
process.stdout.write(
  `${relative(process.cwd(), ENTRY)}: bundle written to ${relative(process.cwd(), OUT)}/ in ${Date.now() - started} ms` +
    (deduplicated.size > 0 ? `; one copy each of ${[...deduplicated].sort().join(', ')}` : '') +
    '\n',
);

/**
 * A bundled file that reads a file beside itself (`__dirname`, and in CommonJS output an ES
 * module's `import.meta.dirname`) would look in dist/bundle/ on the terminal and fail there, not
 * here: the build stops instead. The known uses are on roads the daemon does not take (pino's
 * worker transports, socket.io's client files with serveClient off, Terminus's gRPC health check
 * without Nest's microservices).
 */
function checkNoFolderPaths() {
  const known = [/thread-stream-worker|pino-worker|"pino\/file"/, /client-dist/, /protos\/health\.proto/];
  for (const file of readdirSync(BUILDING).filter((f) => f.endsWith('.js'))) {
    const lines = readFileSync(resolve(BUILDING, file), 'utf8').split('\n');
    for (const [i, line] of lines.entries()) {
      // `import.meta.url` in CommonJS: the chunk's own URL, as it was in the ES module
      const own = line.replace(IMPORT_META_URL, '');
      if (!/\b__(dirname|filename)\b/.test(own) || /^\s*(\/\/|\*)/.test(line)) continue;
      if (known.some((re) => re.test(line))) continue;
      throw new Error(
        `kiosk-daemon bundle: ${file}:${i + 1} reads a path beside its own file: ${line.trim().slice(0, 160)}`,
      );
    }
  }
}
