/**
 * The bundled daemon (dist/bundle/main.js, the entry a terminal starts) for the specs that start
 * the daemon again and again (the kill harness, the restart and recovery specs): it is ready on
 * about a quarter of the tsc output's CPU (ADR 0012), and on two shared cores boot was most of such
 * a spec's wall time. The bundle is built from the tsc output (`node
 * kiosk-daemon/scripts/build-bundle.mjs` after `npx tsc -b`; `npm run build` does both): a bundle
 * one of whose inputs was rewritten since would run yesterday's code, so it is refused with what to
 * run. Its inputs are the files the bundler read, listed beside it (`inputs.json`,
 * scripts/bundle-inputs.mjs) with the content it read: other tsc output (compiled unit specs, a room
 * the daemon does not import) and a file written again with the same content are no reason.
 */
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** the bundle's folder, from the repository's root */
const BUNDLE = 'kiosk-daemon/dist/bundle';

/** `inputs.json` beside the bundle (scripts/bundle-inputs.mjs) */
interface BundleInputs {
  /** when the build started (ms): a file older than that was read as it is */
  readonly builtAt: number;
  /** each file the bundler read, from the repository's root → the sha1 of what it read */
  readonly inputs: Readonly<Record<string, string>>;
}

const BUILD = 'run `npx tsc -b` and `node kiosk-daemon/scripts/build-bundle.mjs` (or `npm run build`)';

function readInputs(root: string): BundleInputs {
  try {
    statSync(join(root, BUNDLE, 'main.program.js'));
  } catch {
    throw new Error(`no bundled daemon (${BUNDLE}): ${BUILD}`);
  }
  let list: BundleInputs;
  try {
    list = JSON.parse(readFileSync(join(root, BUNDLE, 'inputs.json'), 'utf8')) as BundleInputs;
  } catch {
    throw new Error(`the bundled daemon does not list what it is made of (${BUNDLE}/inputs.json): ${BUILD}`);
  }
  if (typeof list.builtAt !== 'number' || typeof list.inputs !== 'object' || list.inputs === null) {
    throw new Error(`the bundled daemon's list of inputs is not readable (${BUNDLE}/inputs.json): ${BUILD}`);
  }
  return list;
}

/**
 * The bundled daemon's entry under `root` (a checkout), when each file it was built from still
 * holds what the bundler read; throws naming the first that does not (rewritten or gone).
 */
export function checkedBundle(root: string): string {
  const { builtAt, inputs } = readInputs(root);
  for (const [file, hash] of Object.entries(inputs)) {
    let at: number;
    try {
      at = statSync(join(root, file)).mtimeMs;
    } catch {
      throw new Error(`the bundled daemon is made of a file no longer built (${file}): ${BUILD}`);
    }
    if (at <= builtAt) continue;
    // written since: stale only when its content changed (tsc writes unchanged files again too)
    if (
      createHash('sha1')
        .update(readFileSync(join(root, file)))
        .digest('hex') !== hash
    ) {
      throw new Error(`the bundled daemon is older than the tsc output it is made of (${file}): ${BUILD}`);
    }
  }
  return join(root, BUNDLE, 'main.js');
}

let checked: string | undefined;

/**
 * The bundled daemon's entry, or undefined when `KIOSK_E2E_DAEMON` names the program to start (a
 * run against another build). Throws when the bundle is missing or stale (`checkedBundle`).
 */
export function bundledMain(): string | undefined {
  if (process.env.KIOSK_E2E_DAEMON) return undefined; // startDaemon starts that program
  checked ??= checkedBundle(ROOT);
  return checked;
}
