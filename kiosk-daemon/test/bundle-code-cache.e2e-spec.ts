/**
 * The bundle's code cache (scripts/bundle-loader.cjs, docs/adr/0012): a small program bundled by the
 * daemon's bundler, started as a terminal starts the daemon, with its cache missing, corrupt, in a
 * folder that cannot be written, and stale after its chunk changed. Each start must run the
 * program's own code to its end; the cache may only make it faster.
 */
import { spawn, spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  symlinkSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const BUNDLER = fileURLToPath(new URL('../scripts/build-bundle.mjs', import.meta.url));
const FOLDER = new URL('../scripts/bundle-folder.mjs', import.meta.url).href;
/**
 * Top-level await, a function first called while the top level runs (so compiled lazily), and an
 * `import()` of a module outside the bundle (made through the loader).
 */
const PROGRAM = [
  "import { setTimeout as delay } from 'node:timers/promises';",
  "const word = await delay(1, 'one');",
  'function said(w) {',
  '  return `said ${w}`;',
  '}',
  "const { EOL } = await import('node:os');",
  'process.stdout.write(`${said(word)}${EOL}`);',
  '',
].join('\n');
const CHUNK = 'program.program.js';

let root: string;
let built: string;
let run = 0;

/** Bundles `source` as `<name>/program.js` into `<name>/bundle`; the bundler's exit status and stderr. */
function bundle(name: string, source: string): { dir: string; status: number | null; stderr: string } {
  const dir = join(root, name);
  mkdirSync(dir);
  writeFileSync(join(dir, 'program.js'), source);
  const result = spawnSync(
    process.execPath,
    [BUNDLER, '--entry', join(dir, 'program.js'), '--out', join(dir, 'bundle')],
    { encoding: 'utf8', timeout: 60_000 },
  );
  return { dir: join(dir, 'bundle'), status: result.status, stderr: result.stderr };
}

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'kiosk-code-cache-'));
  const made = bundle('built', PROGRAM);
  expect(made).toMatchObject({ status: 0 });
  built = made.dir;
}, 60_000);

afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A fresh copy of the built bundle, with no cache beside it. */
function freshBundle(): string {
  run += 1;
  const dir = join(root, `bundle-${run}`);
  // the bundle's folder itself (the output is a link to it), so that each copy has its own cache
  cpSync(built, dir, { recursive: true, dereference: true });
  return dir;
}

/** Starts the bundle's entry as a terminal does; its cache folder is `.code-cache` beside it unless env says. */
function start(
  dir: string,
  env: NodeJS.ProcessEnv = {},
): { stdout: string; stderr: string; status: number | null } {
  const { CACHE_DIRECTORY: _systemd, ...inherited } = process.env;
  const result = spawnSync(process.execPath, [join(dir, 'program.js')], {
    env: { ...inherited, ...env },
    encoding: 'utf8',
    timeout: 20_000,
  });
  return { stdout: result.stdout, stderr: result.stderr, status: result.status };
}

const cacheOf = (dir: string): string => join(dir, '.code-cache', `${CHUNK}.cache`);

// each test starts a few Node processes: on a loaded machine that is more than Jest's default
describe('the bundle started with V8 code cache', () => {
  it('a start with no cache runs the program and writes one, which the next start uses as it is', () => {
    const dir = freshBundle();
    expect(existsSync(cacheOf(dir))).toBe(false);
    expect(start(dir)).toEqual({ stdout: 'said one\n', stderr: '', status: 0 });
    const written = readFileSync(cacheOf(dir));
    expect(written.toString('latin1')).toMatch(/^kiosk-bundle-code-cache 2\n/);
    expect(start(dir)).toEqual({ stdout: 'said one\n', stderr: '', status: 0 });
    expect(readFileSync(cacheOf(dir)).equals(written)).toBe(true);
  }, 60_000);

  it('a corrupt cache (cut short) is refused: the program runs and its cache is written whole again', () => {
    const dir = freshBundle();
    start(dir);
    const whole = readFileSync(cacheOf(dir)).length;
    truncateSync(cacheOf(dir), Math.floor(whole / 2));
    expect(start(dir)).toEqual({ stdout: 'said one\n', stderr: '', status: 0 });
    const rewritten = readFileSync(cacheOf(dir));
    expect(rewritten.length).toBeGreaterThan(Math.floor(whole / 2));
    // the rewritten cache is accepted: the next start leaves it as it is
    expect(start(dir)).toEqual({ stdout: 'said one\n', stderr: '', status: 0 });
    expect(readFileSync(cacheOf(dir)).equals(rewritten)).toBe(true);
  }, 60_000);

  it('a cache folder that cannot be written: the program starts, runs and exits as without a cache', () => {
    const dir = freshBundle();
    // systemd's cache directory given as a file: no folder can be made in it (whoever runs the test)
    const notAFolder = join(dir, 'not-a-folder');
    writeFileSync(notAFolder, '');
    expect(start(dir, { CACHE_DIRECTORY: notAFolder })).toEqual({
      stdout: 'said one\n',
      stderr: '',
      status: 0,
    });
    expect(start(dir, { CACHE_DIRECTORY: notAFolder })).toEqual({
      stdout: 'said one\n',
      stderr: '',
      status: 0,
    });
    expect(existsSync(join(dir, '.code-cache'))).toBe(false);
  }, 60_000);

  it('a cache write cut short (the process killed while writing) leaves no temporary file for good', () => {
    const dir = freshBundle();
    // what a start killed in the middle of its write leaves: its temporary file, under its pid
    const gone = spawnSync(process.execPath, ['-e', '0']).pid;
    const left = join(dir, '.code-cache', `${CHUNK}.cache.${gone}.tmp`);
    mkdirSync(join(dir, '.code-cache'));
    writeFileSync(left, 'half a cache');
    expect(start(dir)).toEqual({ stdout: 'said one\n', stderr: '', status: 0 });
    expect(existsSync(cacheOf(dir))).toBe(true);
    expect(readdirSync(join(dir, '.code-cache'))).toEqual([`${CHUNK}.cache`]);
  }, 60_000);

  it('a chunk changed after its cache was written (same length): the new code runs, not the cached one', () => {
    const dir = freshBundle();
    start(dir);
    const chunk = join(dir, CHUNK);
    const source = readFileSync(chunk, 'utf8');
    expect(source).toContain('"one"');
    // V8 checks a cache against its source's length only: a patch of the same length
    writeFileSync(chunk, source.replace('"one"', '"two"'));
    expect(start(dir)).toEqual({ stdout: 'said two\n', stderr: '', status: 0 });
    expect(start(dir)).toEqual({ stdout: 'said two\n', stderr: '', status: 0 });
  }, 60_000);

  it('a chunk patched to the same length with its modification time set back (cp -p): the new code runs', () => {
    const dir = freshBundle();
    start(dir);
    const chunk = join(dir, CHUNK);
    const source = readFileSync(chunk, 'utf8');
    const before = statSync(chunk, { bigint: true });
    // cp -p: the patch copied over the chunk in place, the chunk's modification time set back to the nanosecond
    const patch = join(dir, 'patch');
    writeFileSync(patch, source.replace('"one"', '"two"'));
    expect(spawnSync('touch', ['-r', chunk, patch]).status).toBe(0);
    expect(spawnSync('cp', ['-p', patch, chunk]).status).toBe(0);
    const after = statSync(chunk, { bigint: true });
    expect([after.ino, after.size, after.mtimeNs]).toEqual([before.ino, before.size, before.mtimeNs]);
    expect(start(dir)).toEqual({ stdout: 'said two\n', stderr: '', status: 0 });
    expect(start(dir)).toEqual({ stdout: 'said two\n', stderr: '', status: 0 });
  }, 60_000);

  it('a chunk replaced by another file of the same name and length: the new code runs', () => {
    const dir = freshBundle();
    start(dir);
    const chunk = join(dir, CHUNK);
    const source = readFileSync(chunk, 'utf8');
    // an installer's way: a new file renamed over the old one
    writeFileSync(`${chunk}.new`, source.replace('"one"', '"two"'));
    renameSync(`${chunk}.new`, chunk);
    expect(start(dir)).toEqual({ stdout: 'said two\n', stderr: '', status: 0 });
  }, 60_000);

  it('a top level that fails still fails the process, with its error', () => {
    const dir = freshBundle();
    const chunk = join(dir, CHUNK);
    writeFileSync(
      chunk,
      readFileSync(chunk, 'utf8').replace(
        'const word = await',
        'const word = await Promise.reject(new Error("no word")) ||',
      ),
    );
    const failed = start(dir);
    expect(failed.status).toBe(1);
    expect(failed.stdout).toBe('');
    expect(failed.stderr).toContain('Error: no word');
  }, 60_000);
});

describe('dynamic imports in the bundle', () => {
  it("an import() hidden in Function (TypeORM's file loader) imports through the loader", () => {
    const made = bundle(
      'hidden-import',
      [
        'const load = Function("return filePath => import(filePath)")();',
        "const { EOL } = await load('node:os');",
        'process.stdout.write(`imported${EOL}`);',
        '',
      ].join('\n'),
    );
    expect(made.status).toBe(0);
    expect(start(made.dir)).toEqual({ stdout: 'imported\n', stderr: '', status: 0 });
  }, 60_000);

  it('an import() left in a string run by eval stops the build, naming the chunk and its line', () => {
    const made = bundle(
      'eval-import',
      'const os = await eval("import(\'node:os\')");\nconsole.log(os.EOL);\n',
    );
    expect(made.status).not.toBe(0);
    expect(made.stderr).toMatch(/program\.program\.js:\d+ has an import\(\) the loader cannot serve/);
  }, 60_000);
});

describe('a rebuild of the bundle', () => {
  const rebuild = (out: string) =>
    spawn(process.execPath, [BUNDLER, '--entry', join(root, 'built', 'program.js'), '--out', out], {
      stdio: 'ignore',
    });
  const exitOf = (child: ReturnType<typeof spawn>) =>
    new Promise<number | null>((done) => child.once('exit', done));

  it('a start while the bundle is rebuilt finds a whole bundle, at every moment of the build', async () => {
    const out = join(root, 'rebuilt');
    expect(await exitOf(rebuild(out))).toBe(0);
    expect(start(out)).toEqual({ stdout: 'said one\n', stderr: '', status: 0 });
    const ended = exitOf(rebuild(out));
    let running = true;
    void ended.then(() => (running = false));
    const missing = new Set<string>();
    while (running) {
      for (const file of ['program.js', CHUNK, 'bundle-loader.cjs', 'package.json']) {
        if (!existsSync(join(out, file))) missing.add(file);
      }
      await new Promise((next) => setImmediate(next));
    }
    expect(await ended).toBe(0);
    expect([...missing]).toEqual([]);
    expect(start(out)).toEqual({ stdout: 'said one\n', stderr: '', status: 0 });
    // the build before the last stays (for a process still running it), older ones go
    expect(await exitOf(rebuild(out))).toBe(0);
    expect(readdirSync(root).filter((name) => name.startsWith('.rebuilt-'))).toHaveLength(2);
  }, 60_000);

  it('two builds finishing together: neither removes the bundle the other is about to link', () => {
    // the output links to the last build; build A has renamed its folder and not yet linked it
    // when build B links its own and removes old builds: A's link must not point at a removed folder
    const parent = join(root, 'two-builds');
    mkdirSync(parent);
    const out = join(parent, 'bundle');
    const folder = (stamp: number, pid: number) => `.bundle-${stamp.toString(36)}-${pid}`;
    const now = Date.now();
    const before = folder(now - 60_000, 1);
    const oldest = folder(now - 120_000, 2);
    const a = folder(now - 1_000, 3);
    for (const name of [oldest, before, a])
      cpSync(built, join(parent, name), { recursive: true, dereference: true });
    symlinkSync(before, out);
    const b = join(parent, '.bundle.building-4');
    cpSync(built, b, { recursive: true, dereference: true });
    const replaced = spawnSync(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `import { replaceBundle } from ${JSON.stringify(FOLDER)}; replaceBundle(${JSON.stringify(b)}, ${JSON.stringify(out)});`,
      ],
      { encoding: 'utf8', timeout: 20_000 },
    );
    expect(replaced).toMatchObject({ status: 0, stderr: '' });
    expect(start(out)).toEqual({ stdout: 'said one\n', stderr: '', status: 0 });
    const left = readdirSync(parent).filter((name) => name.startsWith('.bundle-'));
    // A's bundle, newer than the one B replaced, stays for A's link; the one B replaced stays too
    expect(left).toEqual(expect.arrayContaining([a, before]));
    expect(existsSync(join(parent, a, CHUNK))).toBe(true);
    // builds older than the one B replaced go
    expect(left).not.toContain(oldest);
  }, 60_000);
});
