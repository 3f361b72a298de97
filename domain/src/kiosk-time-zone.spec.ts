/**
 * The kiosk's default time zone is named once, in the domain (`kiosk-time-zone.ts`): the config's
 * default, the receipts' zone and the screens' zone before the kiosk's view came each take it from
 * there. A room spelling the zone itself again could drift from the others (a receipt and the
 * screen beside it saying another day), so no room's source (specs and comments aside) writes the
 * name as a string of its own.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_KIOSK_TIME_ZONE } from './index.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const ROOMS = ['config', 'device-drivers', 'kiosk-ui', 'kiosk-daemon', 'fleet-monitor', 'fleet-dashboard'];

/** The room's sources under src/, specs and their support left out. */
function sources(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...sources(path));
    else if (/\.tsx?$/.test(name) && !/\.(spec|spec-support|e2e-spec)\.tsx?$/.test(name)) out.push(path);
  }
  return out;
}

describe('the default kiosk time zone, named once', () => {
  it('is China Standard Time', () => {
    expect(DEFAULT_KIOSK_TIME_ZONE).toBe('Asia/Shanghai');
  });

  it('no room writes the zone as a string of its own: each imports the domain’s', () => {
    const literal = new RegExp(`(['"\`])${DEFAULT_KIOSK_TIME_ZONE}\\1`);
    const spelt = ROOMS.flatMap((room) =>
      sources(join(ROOT, room, 'src')).filter((file) => literal.test(readFileSync(file, 'utf8'))),
    ).map((file) => file.slice(ROOT.length + 1));
    expect(spelt).toEqual([]);
  });
});
