/**
 * Spec support for starting programs: small Node programs that fail to get ready the ways a
 * daemon can, the pid each writes first, and whether that pid still runs.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ProgramStartError } from './ready-program.js';

export const READY_LINE = JSON.stringify({ event: 'ready' });

/** `node -e <script>` */
export const inline = (script: string): string[] => ['-e', script];

/** Files the programs write their pid to, in a folder of their own. */
export class PidFiles {
  readonly dir = mkdtempSync(join(tmpdir(), 'bench-ready-program-'));
  private next = 0;

  /** a new file, and the statement that makes a program write its pid there first */
  file(): { path: string; writePid: string } {
    const path = join(this.dir, `pid-${(this.next += 1)}`);
    return {
      path,
      writePid: `require('node:fs').writeFileSync(${JSON.stringify(path)}, String(process.pid));`,
    };
  }

  pidIn(path: string): number {
    return Number(readFileSync(path, 'utf8'));
  }

  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** True while a process of that pid exists (a zombie not yet reaped included). */
export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ESRCH') return false;
    throw error;
  }
}

/** The error a start failed with, which must be a coded `ProgramStartError`. */
export async function startFailureOf(start: Promise<unknown>): Promise<ProgramStartError> {
  const error: unknown = await start.then(
    () => new Error('the start succeeded'),
    (e: unknown) => e,
  );
  if (error instanceof ProgramStartError) return error;
  throw new Error(`expected a ProgramStartError, got: ${String(error)}`);
}
