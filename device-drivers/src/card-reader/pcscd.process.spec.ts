/** The run files of pcscd: a live one is never touched, a dead one's are cleared. */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { clearStalePcscdRunFiles } from './pcscd.process.js';

describe('clearStalePcscdRunFiles', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'pcscd-run-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const writeRunFiles = (pidText: string) => {
    writeFileSync(join(dir, 'pcscd.pid'), pidText);
    writeFileSync(join(dir, 'pcscd.comm'), '');
  };

  it('another pcscd running (PID file ends in a newline and a NUL, as pcscd writes it): refuses and keeps its files', async () => {
    const other = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)'], { stdio: 'ignore' });
    try {
      writeRunFiles(`${other.pid}\n\0`);
      expect(() => clearStalePcscdRunFiles(dir)).toThrow(`Another pcscd (pid ${other.pid}) is running`);
      expect(existsSync(join(dir, 'pcscd.pid'))).toBe(true);
      expect(existsSync(join(dir, 'pcscd.comm'))).toBe(true);
    } finally {
      other.kill('SIGKILL');
    }
  });

  it('stale run files of a dead pcscd: removed', async () => {
    const gone = spawn(process.execPath, ['-e', '0'], { stdio: 'ignore' });
    await new Promise((resolve) => gone.once('exit', resolve));
    writeRunFiles(`${gone.pid}\n\0`);
    clearStalePcscdRunFiles(dir);
    expect([existsSync(join(dir, 'pcscd.pid')), existsSync(join(dir, 'pcscd.comm'))]).toEqual([false, false]);
  });

  it('no PID file: nothing to do', () => {
    expect(() => clearStalePcscdRunFiles(dir)).not.toThrow();
  });
});
