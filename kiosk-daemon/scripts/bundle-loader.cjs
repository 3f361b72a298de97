'use strict';
/**
 * The loader of a bundle written by `build-bundle.mjs`, copied into the bundle's folder: the entry
 * (`main.js`) starts the program's CommonJS chunks through it, each compiled with V8's code cache
 * (docs/adr/0012-terminals-start-the-bundle.md). Node 20 has no compile cache of its own (Node 22's
 * `module.enableCompileCache()`), and compiles an ES module without one.
 *
 * - A chunk's cache is `<chunk file>.cache` in the cache folder: `$CACHE_DIRECTORY/bundle-code-cache/`
 *   when systemd gives the service one (`CacheDirectory=`), else `.code-cache/` beside the bundle.
 * - It is used only when its header names this chunk's file as read (its name, size, inode, and
 *   modification and change times to the nanosecond), the Node version and the architecture: V8
 *   checks only the source's length, so a rebuilt or patched chunk of the same length would run
 *   the old code from a cache written before it. The file's identity, not a hash of its bytes: a
 *   SHA-256 of the 4 MB boot chunk cost some 6 ms of every start here, and several times that on a
 *   terminal's processor without hash instructions. A patch written in place changes the change
 *   time, which no tool can set back (`cp -p`, `touch -r` set the modification time only); a chunk
 *   replaced by another file changes the inode. V8 refuses a cache of another V8 build or other
 *   flags: the chunk is then compiled as without a cache, and its cache written again.
 * - A missing, stale, refused or unreadable cache means a normal compile; a folder that cannot be
 *   written means no cache: neither stops a start, and nothing is written before the program's top
 *   level has settled (at ready, for a program whose top level awaits its ready line).
 * - Written once the entry's top level has settled (so that it holds the functions compiled while
 *   starting, not only the top level), or at exit if it never settled; to a temporary file renamed
 *   over the old one, so that a start never reads half a file.
 * - With `--enable-source-maps` the program is required by Node's own loader, without the cache,
 *   so that stack traces are mapped as before.
 */
/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS file: the loader compiles CommonJS chunks */
const fs = require('node:fs');
const { basename, dirname, join } = require('node:path');
const { Script } = require('node:vm');
const { createRequire } = require('node:module');

/** the wrapper Node's CommonJS loader puts around a file: the chunk's lines keep their numbers */
const HEAD = '(function (exports, require, module, __filename, __dirname) { ';
const TAIL = '\n})';
const FORMAT = 'kiosk-bundle-code-cache 2';
/** how a chunk requires another chunk of its bundle (rolldown's CommonJS output) */
const CHUNK = /^\.\/[^/\\]+\.js$/;

/** a cache being written (`<cache file>.<pid>.tmp`), by the process of that pid */
const TEMPORARY = /\.cache\.(\d+)\.tmp$/;

/** Whether a process of `pid` runs (one of another user's counts: its file is left to it). */
function isRunning(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return e.code === 'EPERM';
  }
}

/** The cache folder for a bundle: systemd's cache directory for the service, or beside the bundle. */
function cacheDirectoryOf(bundleDir, env = process.env) {
  const systemd = env.CACHE_DIRECTORY?.split(':')[0];
  return systemd ? join(systemd, 'bundle-code-cache') : join(bundleDir, '.code-cache');
}

/** The header a cache must start with to be used for this chunk file, as `fd` reads it, in this Node. */
function keyOf(file, fd) {
  const { size, ino, mtimeNs, ctimeNs } = fs.fstatSync(fd, { bigint: true });
  const identity = `${basename(file)} ${size} ${ino} ${mtimeNs} ${ctimeNs}`;
  return Buffer.from(`${FORMAT}\n${process.version} ${process.arch}\n${identity}\n`, 'utf8');
}

/** A chunk's bytes and its cache key, both from one open of the file (a rename between is not mixed). */
function readChunk(file) {
  const fd = fs.openSync(file, 'r');
  try {
    return { key: keyOf(file, fd), bytes: fs.readFileSync(fd) };
  } finally {
    fs.closeSync(fd);
  }
}

class CodeCache {
  constructor(bundleDir, cacheDir) {
    this.bundleDir = bundleDir;
    this.cacheDir = cacheDir;
    /** chunk file → its module, as Node's require cache */
    this.modules = new Map();
    /** the chunks compiled without a cache this start, whose cache is to be written */
    this.unwritten = [];
  }

  /** The data of a chunk's cache if its header is `key`, else undefined (missing, stale, unreadable). */
  cachedDataOf(cacheFile, key) {
    let data;
    try {
      data = fs.readFileSync(cacheFile);
    } catch {
      return undefined;
    }
    return data.length > key.length && data.subarray(0, key.length).equals(key)
      ? data.subarray(key.length)
      : undefined;
  }

  /** Requires a chunk of the bundle: compiled with its cache when there is one that fits. */
  load(file) {
    const known = this.modules.get(file);
    if (known) return known.exports;
    const { bytes, key } = readChunk(file);
    const cacheFile = join(this.cacheDir, `${basename(file)}.cache`);
    const cachedData = this.cachedDataOf(cacheFile, key);
    const script = new Script(HEAD + bytes.toString('utf8') + TAIL, { filename: file, cachedData });
    if (cachedData === undefined || script.cachedDataRejected)
      this.unwritten.push({ script, cacheFile, key });
    const module = { id: file, filename: file, exports: {}, loaded: false };
    this.modules.set(file, module);
    script
      .runInThisContext()
      .call(module.exports, module.exports, this.requireFor(file), module, file, dirname(file));
    module.loaded = true;
    return module.exports;
  }

  /** A chunk's `require`: its bundle's chunks through the cache, anything else through Node's. */
  requireFor(file) {
    const nodeRequire = createRequire(file);
    const dir = dirname(file);
    return Object.assign((id) => (CHUNK.test(id) ? this.load(join(dir, id)) : nodeRequire(id)), nodeRequire);
  }

  /** Writes the cache of every chunk compiled without one. Never throws: a start goes on without it. */
  write() {
    const unwritten = this.unwritten.splice(0);
    if (unwritten.length === 0) return;
    try {
      fs.mkdirSync(this.cacheDir, { recursive: true });
      fs.accessSync(this.cacheDir, fs.constants.W_OK);
    } catch {
      return;
    }
    for (const { script, cacheFile, key } of unwritten) {
      const temporary = `${cacheFile}.${process.pid}.tmp`;
      try {
        fs.writeFileSync(temporary, Buffer.concat([key, script.createCachedData()]));
        fs.renameSync(temporary, cacheFile);
      } catch {
        fs.rmSync(temporary, { force: true });
      }
    }
    this.prune();
  }

  /**
   * Removes the caches of chunks this bundle no longer has (an earlier build's, in systemd's folder),
   * and the temporary files of writes cut short (a start killed or the power lost while writing).
   */
  prune() {
    try {
      for (const name of fs.readdirSync(this.cacheDir)) {
        const writer = TEMPORARY.exec(name);
        if (
          (name.endsWith('.cache') &&
            !fs.existsSync(join(this.bundleDir, name.slice(0, -'.cache'.length)))) ||
          (writer && !isRunning(Number(writer[1])))
        ) {
          fs.rmSync(join(this.cacheDir, name), { force: true });
        }
      }
    } catch {
      // another start pruning at the same time, or a folder gone: nothing to do
    }
  }
}

/**
 * Starts a bundled program: `entry` (the entry chunk, in `bundleDir`) exports as `default` the
 * promise of its top level (the bundler wraps it in an async function, CommonJS having no
 * top-level await). A rejected top level fails the process as an ES module's does.
 */
function start(bundleDir, entry) {
  const file = join(bundleDir, entry);
  if (process.sourceMapsEnabled) {
    require(file);
    return;
  }
  const cache = new CodeCache(bundleDir, cacheDirectoryOf(bundleDir));
  process.once('exit', () => cache.write());
  const { default: topLevel } = cache.load(file);
  void Promise.resolve(topLevel).finally(() => setImmediate(() => cache.write()).unref());
}

/** `import()` for the bundle's chunks (rewritten by the bundler): from this file, beside them, so resolved as from them. */
function dynamicImport(specifier) {
  return import(specifier);
}

module.exports = { start, dynamicImport, cacheDirectoryOf };
