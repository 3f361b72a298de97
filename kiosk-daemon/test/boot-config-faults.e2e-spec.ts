import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runDaemonToExit } from './daemon-process.js';

describe('boot with a bad configuration', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'kiosk-boot-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('stops with exit code 78, the key path and the reason, and no stack trace, on a config typo', async () => {
    const { code, stderr } = await runDaemonToExit([
      '--profile',
      'test',
      '--set',
      'caps.singleWithdrawalFen=-5',
      '--set',
      `journal.path=${join(dir, 'j.sqlite')}`,
    ]);
    expect(code).toBe(78);
    expect(stderr).toContain('caps.singleWithdrawalFen');
    expect(stderr).not.toMatch(/\n\s+at .+\(.+:\d+:\d+\)/);
  });

  it('stops with exit code 78 naming the file when the config file has a YAML syntax error', async () => {
    const file = join(dir, 'broken.yaml');
    writeFileSync(file, 'profile: test\nkiosk: [unclosed\n');
    const { code, stderr } = await runDaemonToExit(['--config', file]);
    expect(code).toBe(78);
    expect(stderr).toContain('broken.yaml');
  });

  it('stops with exit code 78 when the config file does not exist', async () => {
    const { code, stderr } = await runDaemonToExit(['--config', join(dir, 'missing.yaml')]);
    expect(code).toBe(78);
    expect(stderr).toContain('missing.yaml');
  });
});
