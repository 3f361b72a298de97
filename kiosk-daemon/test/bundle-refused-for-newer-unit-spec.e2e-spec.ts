/**
 * The bundle check of the e2e specs (bundled-main.ts) refused a bundle as stale whenever any tsc
 * output under the daemon's rooms was newer than it, the compiled unit specs included: in a tree
 * several engineers build, a spec compiled after the last bundle stopped every restart spec until
 * someone bundled again, though the bundle was made of none of it. Now only the files the bundler
 * read count (its inputs.json), and only when their content changed; a truly stale bundle is still
 * refused, naming the file and what to run. A checkout in a temp folder, written as a build leaves it.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { checkedBundle } from './bundled-main.js';

const BUNDLE = 'kiosk-daemon/dist/bundle';
const INPUT = 'kiosk-daemon/dist/sessions/session.service.js';
const DRIVER = 'device-drivers/dist/index.js';
const UNIT_SPEC = 'kiosk-daemon/dist/sessions/session.service.spec.js';
const REBUILD = /npx tsc -b.*build-bundle\.mjs/;

let root: string;
const sha1 = (text: string) => createHash('sha1').update(text).digest('hex');

/** writes `file` under the checkout, dated `at` (ms) */
function write(file: string, content: string, at: number): void {
  const path = join(root, file);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, content);
  utimesSync(path, at / 1000, at / 1000);
}

/** a checkout bundled at `builtAt` from INPUT and DRIVER, each written a minute before */
function bundledAt(builtAt: number): void {
  const sources = { [INPUT]: 'export class SessionService {}\n', [DRIVER]: 'export {};\n' };
  for (const [file, content] of Object.entries(sources)) {
    write(file, content, builtAt - 60_000);
    write(file.replace(/\.js$/, '.d.ts'), 'export {};\n', builtAt - 60_000);
  }
  write(`${BUNDLE}/main.program.js`, '"use strict";\n', builtAt + 2_000);
  write(`${BUNDLE}/main.js`, '"use strict";\n', builtAt + 2_000);
  const inputs = Object.fromEntries(Object.entries(sources).map(([file, content]) => [file, sha1(content)]));
  write(`${BUNDLE}/inputs.json`, JSON.stringify({ builtAt, inputs }), builtAt + 2_000);
}

const BUILT_AT = Date.now() - 3_600_000;

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'kiosk-bundle-check-'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('the bundle check with tsc output newer than the bundle', () => {
  it('takes the bundle when only a compiled unit spec, which it is not made of, is newer', () => {
    bundledAt(BUILT_AT);
    write(UNIT_SPEC, 'describe("x", () => {});\n', Date.now());
    write(UNIT_SPEC.replace(/\.js$/, '.d.ts'), 'export {};\n', Date.now());
    expect(checkedBundle(root)).toBe(join(root, BUNDLE, 'main.js'));
  });

  it('takes the bundle when tsc wrote one of its inputs again with the same content', () => {
    bundledAt(BUILT_AT);
    write(INPUT, 'export class SessionService {}\n', Date.now());
    expect(checkedBundle(root)).toBe(join(root, BUNDLE, 'main.js'));
  });

  it('refuses the bundle when one of its inputs changed since, naming it and what to run', () => {
    bundledAt(BUILT_AT);
    write(DRIVER, 'export const changed = 1;\n', Date.now());
    expect(() => checkedBundle(root)).toThrow(/older than the tsc output.*device-drivers\/dist\/index\.js/);
    expect(() => checkedBundle(root)).toThrow(REBUILD);
  });

  it('refuses the bundle when one of its inputs changed during the build (written after it started)', () => {
    bundledAt(BUILT_AT);
    write(INPUT, 'export class SessionService { changed = 1; }\n', BUILT_AT + 1_000);
    expect(() => checkedBundle(root)).toThrow(/session\.service\.js/);
  });

  it('refuses the bundle when one of its inputs is gone', () => {
    bundledAt(BUILT_AT);
    unlinkSync(join(root, INPUT));
    expect(() => checkedBundle(root)).toThrow(/no longer built.*session\.service\.js/);
  });

  it('refuses a bundle that does not list its inputs (built before they were listed)', () => {
    bundledAt(BUILT_AT);
    unlinkSync(join(root, BUNDLE, 'inputs.json'));
    expect(() => checkedBundle(root)).toThrow(/does not list what it is made of/);
    expect(() => checkedBundle(root)).toThrow(REBUILD);
  });

  it('refuses when there is no bundle', () => {
    expect(() => checkedBundle(root)).toThrow(/no bundled daemon/);
  });
});
