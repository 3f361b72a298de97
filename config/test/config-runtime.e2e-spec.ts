/**
 * The built package in a real Node process, as the daemon runs it: the shipped profiles are found
 * from `dist/`, and a bad file ends the process with exit code 78 and a short report, no stack.
 */
import { afterAll, describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const dist = new URL('../dist/index.js', import.meta.url).href;
const dir = mkdtempSync(join(tmpdir(), 'kiosk-config-e2e-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function runNode(script: string) {
  return spawnSync(process.execPath, ['--input-type=module', '-e', script], {
    encoding: 'utf8',
    timeout: 20_000,
  });
}

describe('@kiosk/config at runtime (built)', () => {
  it('loads the shipped demo profile from dist', () => {
    const run = runNode(
      `import { bootConfigOrExit } from ${JSON.stringify(dist)};\n` +
        `const c = bootConfigOrExit({ profile: 'demo', overrides: ['gateway.port=0'] });\n` +
        `process.stdout.write(JSON.stringify({ id: c.kiosk.id, port: c.gateway.port }));`,
    );
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({ id: 'JZ-0001', port: 0 });
  });

  it('bad profile: exits 78 with the report on stderr and no stack trace', () => {
    const file = join(dir, 'bad.yaml');
    writeFileSync(file, 'profile: demo\nkiosk: {}\n');
    const run = runNode(
      `import { bootConfigOrExit } from ${JSON.stringify(dist)};\n` +
        `bootConfigOrExit({ file: ${JSON.stringify(file)} });\n` +
        `process.stdout.write('booted');`,
    );
    expect(run.status).toBe(78);
    expect(run.stdout).toBe('');
    const lines = run.stderr.trimEnd().split('\n');
    expect(lines[0]).toBe(`Configuration refused: ${file}`);
    expect(lines).toContain('  kiosk.id (line 2, column 1): missing; expected a text');
    expect(lines.every((line, i) => i === 0 || /^ {2}\S/.test(line))).toBe(true);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});
