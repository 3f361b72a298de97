/**
 * Where `build-bundle.mjs` writes a bundle. The output folder (`dist/bundle`) is a symbolic link to
 * the folder of the last build, `.bundle-<stamp>` beside it: a build writes a new folder, then
 * points the link at it in one rename. A daemon, spec or benchmark started meanwhile (several
 * engineers rebuild one tree; an install is rebuilt in place) opens either the old bundle or the
 * new one, whole, never a half-written or half-removed one; Node resolves the link when it starts,
 * so a process keeps its own bundle's files for its lazy chunks. The build before the last stays
 * for a process still running it; older ones are removed, never a newer one (another build
 * finishing at the same moment, about to link its own). Beside the output, every path relative
 * to it is the same from the real folder.
 */
import { lstatSync, readdirSync, readlinkSync, renameSync, rmSync, symlinkSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';

/** The folder a build writes into, beside `out`; not yet a bundle anyone starts. */
export function buildingFolderFor(out) {
  return resolve(dirname(out), `.${basename(out)}.building-${process.pid}`);
}

/** Makes the written `building` folder the bundle at `out`, and removes bundles older than the last. */
export function replaceBundle(building, out) {
  const parent = dirname(out);
  const prefix = `.${basename(out)}-`;
  const done = resolve(parent, `${prefix}${Date.now().toString(36)}-${process.pid}`);
  renameSync(building, done);
  let previous;
  try {
    const found = lstatSync(out);
    if (found.isSymbolicLink()) previous = readlinkSync(out);
    // a bundle written before the link (once): moved aside, so that the link can take its place
    else renameSync(out, `${done}.replaced`);
  } catch (e) {
    if (e.code !== 'ENOENT') throw e;
  }
  const link = `${done}.link`;
  symlinkSync(basename(done), link);
  renameSync(link, out);
  // only builds older than the one just replaced: a newer one is another build's, finishing at the
  // same moment (renamed, its link still to come), and its link must not point at a removed folder
  const replaced = previous === undefined ? undefined : stampOf(previous, prefix);
  if (replaced === undefined) return;
  for (const name of readdirSync(parent)) {
    const stamp = stampOf(name, prefix);
    if (stamp === undefined || stamp >= replaced || name === basename(done)) continue;
    rmSync(resolve(parent, name), { recursive: true, force: true });
  }
}

/** When a build named `name` (`<prefix><stamp>-<pid>`, or a leftover beside it) was made; undefined: not a build's. */
function stampOf(name, prefix) {
  const stamp = name.startsWith(prefix) ? /^([0-9a-z]+)-\d+/.exec(name.slice(prefix.length))?.[1] : undefined;
  return stamp === undefined ? undefined : parseInt(stamp, 36);
}
