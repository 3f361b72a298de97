/**
 * Fault: a misspelt time zone in the kiosk's profile (`kiosk.timeZone: Asia/Shangai`). The built
 * daemon must not start with it (the touch screen's browser would refuse the zone on the first
 * date it shows, and the receipts would print nothing sensible): boot stops with exit code 78 and
 * the configuration report, the key path, the name it did not know and what is expected, no stack.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runDaemonToExit } from './daemon-process.js';

describe('boot with a misspelt time zone in the profile', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'kiosk-time-zone-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('stops with exit code 78 naming kiosk.timeZone and the unknown zone, and no stack trace', async () => {
    const { code, stderr } = await runDaemonToExit([
      ...['--profile', 'test', '--set', 'kiosk.timeZone=Asia/Shangai'],
      ...['--set', `journal.path=${join(dir, 'j.sqlite')}`],
    ]);
    expect(code).toBe(78);
    expect(stderr).toContain('Configuration refused');
    expect(stderr).toContain('kiosk.timeZone');
    expect(stderr).toContain('unknown time zone "Asia/Shangai"');
    expect(stderr).toContain('expected an IANA time zone name such as Asia/Shanghai or Asia/Urumqi');
    expect(stderr).not.toMatch(/\n\s+at .+\(.+:\d+:\d+\)/);
  });
});
