/**
 * The bundled daemon (dist/bundle/main.js, the entry a terminal starts) for the specs that start
 * the daemon dozens of times (the kill harness): it is ready on about a quarter of the tsc output's
 * CPU (ADR 0012), and on two shared cores boot was most of such a spec's wall time. The
 * bundle is built from the tsc output (`node kiosk-daemon/scripts/build-bundle.mjs` after
 * `npx tsc -b`; `npm run build` does both): a bundle older than any file of the tsc output it is
 * made of would run yesterday's code, so it is refused with what to run.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BUNDLED_MAIN = join(ROOT, 'kiosk-daemon/dist/bundle/main.js');
/** the rooms whose tsc output the bundle takes in (the daemon imports them) */
const BUNDLED_ROOMS = [
  'domain',
  'config',
  'device-drivers',
  'state-machines',
  'host-simulator',
  'kiosk-daemon',
];

/**
 * The newest modification time of tsc's output under `dir`: a `.js` with its `.d.ts` beside it (a
 * bundle written into dist by a benchmark or a probe has none).
 */
function newestJs(dir: string): { at: number; file: string } {
  let newest = { at: 0, file: '' };
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      // dist/bundle is a link to a `.bundle-<stamp>` folder (not followed)
      if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
      const inner = newestJs(path);
      if (inner.at > newest.at) newest = inner;
    } else if (entry.isFile() && entry.name.endsWith('.js') && existsSync(`${path.slice(0, -3)}.d.ts`)) {
      const at = statSync(path).mtimeMs;
      if (at > newest.at) newest = { at, file: path };
    }
  }
  return newest;
}

let checked: string | undefined;

/**
 * The bundled daemon's entry, or the program `KIOSK_E2E_DAEMON` names when it is set (a run against
 * another build). Throws when the bundle is missing or older than the tsc output.
 */
export function bundledMain(): string | undefined {
  if (process.env.KIOSK_E2E_DAEMON) return undefined; // startDaemon starts that program
  if (checked) return checked;
  const build = 'run `npx tsc -b` and `node kiosk-daemon/scripts/build-bundle.mjs` (or `npm run build`)';
  let bundledAt: number;
  try {
    bundledAt = statSync(join(ROOT, 'kiosk-daemon/dist/bundle/main.program.js')).mtimeMs;
  } catch {
    throw new Error(`no bundled daemon (kiosk-daemon/dist/bundle): ${build}`);
  }
  for (const room of BUNDLED_ROOMS) {
    const dist = join(ROOT, room, 'dist');
    const { at, file } = newestJs(dist);
    if (at > bundledAt) {
      throw new Error(
        `the bundled daemon is older than the tsc output it is made of (${file.slice(ROOT.length)}): ${build}`,
      );
    }
  }
  checked = BUNDLED_MAIN;
  return checked;
}
