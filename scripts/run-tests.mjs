/**
 * Runs Jest for `npm test` under a watchdog that lives outside the Jest process. A suite stuck in
 * native code (a device binding, a child that never answers) freezes Jest's own timers, so Jest
 * cannot end such a run; this process can. When one suite runs longer than
 * KIOSK_TEST_SUITE_LIMIT_S (default 600 s) or the whole run longer than KIOSK_TEST_RUN_LIMIT_S
 * (default 1620 s: of CI's 30 minutes, what the system packages, `npm ci` and the build leave),
 * it prints which suites were running, the process tree with each thread's kernel wait, and a
 * native backtrace of the Jest process when gdb is installed, then ends the run with a failure.
 * Arguments are passed on to Jest.
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const suiteLimitMs = Number(process.env.KIOSK_TEST_SUITE_LIMIT_S ?? 600) * 1000;
const runLimitMs = Number(process.env.KIOSK_TEST_RUN_LIMIT_S ?? 1620) * 1000;
const progressDir = mkdtempSync(join(tmpdir(), 'kiosk-test-progress-'));
const progressFile = join(progressDir, 'progress.log');
const started = Date.now();

const jest = spawn(
  process.execPath,
  [
    '--experimental-vm-modules',
    '--no-warnings=ExperimentalWarning',
    'node_modules/jest/bin/jest.js',
    ...process.argv.slice(2),
  ],
  { stdio: 'inherit', env: { ...process.env, KIOSK_TEST_PROGRESS: progressFile }, detached: true },
);

/** Suites started and not yet finished, with the time they started. */
function running() {
  if (!existsSync(progressFile)) return [];
  const open = new Map();
  for (const line of readFileSync(progressFile, 'utf8').split('\n')) {
    const [what, at, path] = line.split('\t');
    if (what === 'start') open.set(path, Number(at));
    else if (what === 'done') open.delete(path);
  }
  return [...open].map(([path, at]) => ({ path, seconds: Math.round((Date.now() - at) / 1000) }));
}

function tryRun(command, args) {
  try {
    return execFileSync(command, args, {
      encoding: 'utf8',
      timeout: 60_000,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  } catch (e) {
    return `(${command} failed: ${e.message.split('\n')[0]})`;
  }
}

function threadWaits(pid) {
  try {
    return readdirSync(`/proc/${pid}/task`)
      .map((tid) => {
        const comm = readFileSync(`/proc/${pid}/task/${tid}/comm`, 'utf8').trim();
        const wchan = readFileSync(`/proc/${pid}/task/${tid}/wchan`, 'utf8').trim();
        return `  thread ${tid} ${comm}: ${wchan || '-'}`;
      })
      .join('\n');
  } catch {
    return '  (no /proc for the Jest process)';
  }
}

function stalled(reason) {
  const out = [`\n[run-tests] ${reason}`];
  for (const s of running()) out.push(`[run-tests] still running after ${s.seconds} s: ${s.path}`);
  out.push('[run-tests] processes:', tryRun('ps', ['-eo', 'pid,ppid,stat,etime,wchan:24,args', '--forest']));
  out.push('[run-tests] threads of the Jest process:', threadWaits(jest.pid));
  if (existsSync('/usr/bin/gdb')) {
    out.push(
      '[run-tests] native stack of the Jest main thread:',
      tryRun('gdb', ['-p', String(jest.pid), '-batch', '-ex', 'thread apply 1 bt 20'])
        .split('\n')
        .filter((line) => /^(Thread|#)/.test(line))
        .join('\n'),
    );
  }
  out.push(`[run-tests] ${reason}`);
  process.stderr.write(`${out.join('\n')}\n`);
  try {
    process.kill(-jest.pid, 'SIGKILL');
  } catch {
    jest.kill('SIGKILL');
  }
  finish(1);
}

function finish(code) {
  clearInterval(timer);
  rmSync(progressDir, { recursive: true, force: true });
  process.exit(code);
}

const timer = setInterval(() => {
  if (Date.now() - started > runLimitMs) {
    stalled(`the test run passed its limit of ${runLimitMs / 1000} s`);
    return;
  }
  const stuck = running().find((s) => s.seconds * 1000 > suiteLimitMs);
  if (stuck) stalled(`a suite passed its limit of ${suiteLimitMs / 1000} s: ${stuck.path}`);
}, 5000);

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    try {
      process.kill(-jest.pid, signal);
    } catch {
      // already gone
    }
  });
}

jest.on('exit', (code, signal) => finish(code ?? (signal ? 1 : 0)));
