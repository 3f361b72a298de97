/**
 * The journal key rotation command (`rotate-journal-key.js`, built) run as an operator runs it, in
 * the test profile: its exit code and what it printed, a refusal included.
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const ROTATE = fileURLToPath(new URL('../dist/journal/rotate-journal-key.js', import.meta.url));
const run = promisify(execFile);

export interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
}

export async function rotate(args: string[]): Promise<Outcome> {
  try {
    const { stdout, stderr } = await run(process.execPath, [ROTATE, '--profile', 'test', ...args]);
    return { code: 0, stdout, stderr };
  } catch (e) {
    const failed = e as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}
