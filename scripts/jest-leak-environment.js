/**
 * Opt-in leak report of the test run: `KIOSK_TEST_LEAKS=<file>` makes jest.config.js run every
 * suite in this environment (the suites' own, jest-environment.js, plus a report). Half a second
 * after each test file ends (Jest gives a worker as long to exit at the end of a run before it
 * force-exits it and warns "A worker process has failed to exit gracefully"), it appends to <file>
 * every timer, socket, server, child process or other handle that the file opened, that is still
 * open and that still keeps the event loop alive, each with the stack that opened it; the unref'd
 * timers it left set; what its code (or its resources' callbacks) opened after it ended; and the
 * handles of earlier files still open. When Jest tells a worker to end, it notes the worker's
 * memory, its event loop's longest stall, what still holds it 200 ms later, its open descriptors at
 * 'exit' and when the process is gone. Off by default: it records a stack per async resource.
 */
import { createHook } from 'node:async_hooks';
import { spawn } from 'node:child_process';
import { appendFileSync, readdirSync, readlinkSync } from 'node:fs';
import { relative } from 'node:path';
import KioskTestEnvironment from './jest-environment.js';

const reportFile = process.env.KIOSK_TEST_LEAKS;
const settleMs = 500;
const root = process.cwd();
/** Async resources that never hold the event loop open by themselves. */
const ignoredTypes = new Set(['PROMISE', 'TickObject', 'Microtask']);

/** Jest's message that tells a worker to end (jest-worker's CHILD_MESSAGE_END) */
const workerEndMessage = 2;

/** asyncId → { type, stack, resource, file } of each live async resource opened in or after a test file */
const live = new Map();
let currentFile = null;
let lastFile = null;
let recording = true;
let hook = null;
let lastFileEndedAt = 0;
let filesRun = 0;
const mb = (bytes) => Math.round(bytes / 1e6);
/** the event loop's longest stall (ms past a 50 ms tick) since the last file ended */
let longestStall = 0;
const stallTickMs = 50;
/** asyncId → the test file whose code (or whose resources' callbacks) opened it */
const owners = new Map();
/** what a test file's code kept opening after the file ended: key → { file, type, stack, count } */
let late = new Map();

function noteLate(file, type, stack) {
  const key = `${file}\n${type}\n${stack.slice(0, 4).join('\n')}`;
  const seen = late.get(key);
  if (seen) seen.count += 1;
  else late.set(key, { file, type, stack, count: 1 });
}

/** Report lines of what earlier files' code opened since the last report. */
function lateLines() {
  const lines = [];
  for (const { file, type, stack, count } of late.values()) {
    lines.push(`  opened after ${file} ended: ${type} x${count}`, ...indent(stack));
  }
  late = new Map();
  return lines;
}

function openingStack() {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 40;
  const stack = new Error().stack ?? '';
  Error.stackTraceLimit = limit;
  return stack
    .split('\n')
    .slice(1)
    .map((line) => line.trim())
    .filter(
      (line) =>
        !line.includes('node:internal') &&
        !line.includes('node:async_hooks') &&
        !line.includes('/node_modules/jest-') &&
        !line.includes('/node_modules/@jest/') &&
        !line.includes('jest-leak-environment'),
    )
    .slice(0, 10)
    .map((line) => line.replaceAll(`${root}/`, ''));
}

/** A stack frame in the project's code (not Node's, not a package's) */
function isProjectFrame(frame) {
  return !frame.includes('node_modules/') && !frame.includes('node:') && !frame.includes('<anonymous>');
}

function startHook() {
  if (hook) return;
  hook = createHook({
    init(asyncId, type, triggerId, resource) {
      if (!recording) return;
      // a resource opened by a callback of a file's resource is that file's, even after it ended
      // (what opens while no file runs is kept as after the last one, without passing that on)
      const owner = owners.get(triggerId) ?? currentFile;
      const file = owner ?? (lastFile === null ? null : `after ${lastFile}`);
      if (file === null) return;
      if (owner !== null) owners.set(asyncId, owner);
      if (ignoredTypes.has(type)) return;
      const stack = openingStack();
      live.set(asyncId, { type, stack, resource, file });
      // what a file's own code or resources opened after it ended (not Jest's steps between files)
      if (owner !== null && owner !== currentFile && stack.some(isProjectFrame)) noteLate(owner, type, stack);
    },
    destroy(asyncId) {
      owners.delete(asyncId);
      live.delete(asyncId);
    },
    promiseResolve() {},
  });
  hook.enable();
  process.on('message', onWorkerEnd);
  recording = false;
  let tick = Date.now();
  const stallWatch = setInterval(() => {
    const now = Date.now();
    longestStall = Math.max(longestStall, now - tick - stallTickMs);
    tick = now;
  }, stallTickMs);
  stallWatch.unref();
  recording = true;
}

/** What still holds a worker 200 ms after Jest told it to end (it is force-exited at 500 ms). */
function onWorkerEnd(message) {
  if (!Array.isArray(message) || message[0] !== workerEndMessage) return;
  process.off('message', onWorkerEnd);
  const toldAt = Date.now();
  appendFileSync(
    reportFile,
    `== worker ${process.pid} told to end ${toldAt - lastFileEndedAt} ms after its last file ended` +
      ` (${lastFile}, ${filesRun} files run); longest event loop stall since: ${longestStall} ms;` +
      ` rss ${mb(process.memoryUsage().rss)} MB, heap used ${mb(process.memoryUsage().heapUsed)} MB\n`,
  );
  process.once('exit', () => {
    appendFileSync(
      reportFile,
      `== worker ${process.pid} exits ${Date.now() - toldAt} ms after told to end; open files: ${openFiles().join(', ')}\n`,
    );
  });
  const watcher = spawn(
    'sh',
    [
      '-c',
      `while kill -0 ${process.pid} 2>/dev/null; do sleep 0.01; done; echo "== worker ${process.pid} gone $(( $(date +%s%3N) - ${toldAt} )) ms after told to end" >> "$0"`,
      reportFile,
    ],
    { detached: true, stdio: 'ignore' },
  );
  watcher.unref();
  recording = false;
  const report = setTimeout(() => {
    const open = [...live].filter(([, record]) => holdsLoop(record.resource));
    const lines = [`== worker end (pid ${process.pid}, last file ${lastFile})`];
    lines.push(`  active resources: ${process.getActiveResourcesInfo().join(', ')}`);
    const handles = process._getActiveHandles().map((handle) => handle?.constructor?.name ?? typeof handle);
    lines.push(`  active handles: ${handles.join(', ')}`);
    for (const [asyncId, record] of open) {
      lines.push(`  open: ${record.type} #${asyncId} from ${record.file}`, ...indent(record.stack));
    }
    lines.push(...lateLines());
    appendFileSync(reportFile, `${lines.join('\n')}\n`);
  }, 200);
  report.unref();
  recording = true;
}

/** The files and sockets the process holds open (its descriptors), other than Jest's own pipes. */
function openFiles() {
  const open = [];
  for (const fd of readdirSync('/proc/self/fd')) {
    try {
      const target = readlinkSync(`/proc/self/fd/${fd}`);
      if (!target.startsWith('pipe:') && !target.startsWith('anon_inode:') && target !== '/dev/null') {
        open.push(target.replaceAll(`${root}/`, ''));
      }
    } catch {
      // closed meanwhile
    }
  }
  return open;
}

function indent(stack) {
  return stack.map((frame) => `      ${frame}`);
}

/**
 * Whether the resource still keeps the event loop alive: timers, immediates and every libuv handle
 * (socket, server, pipe, child process, watcher, signal, message port) answer hasRef(); requests
 * and JS-only async resources (sync crypto jobs, DNS channels, addon resources) are left out.
 */
function holdsLoop(resource) {
  return typeof resource?.hasRef === 'function' && resource.hasRef() === true;
}

function countByType(names) {
  const counts = {};
  for (const name of names) counts[name] = (counts[name] ?? 0) + 1;
  return counts;
}

export default class LeakReportEnvironment extends KioskTestEnvironment {
  constructor(config, context) {
    super(config, context);
    this.testPath = context.testPath;
  }

  async setup() {
    await super.setup();
    if (!reportFile) return;
    startHook();
    this.resourcesBefore = countByType(process.getActiveResourcesInfo());
    currentFile = relative(root, this.testPath);
  }

  async teardown() {
    await super.teardown();
    if (!reportFile) return;
    const file = currentFile;
    currentFile = null;
    lastFile = file;
    lastFileEndedAt = Date.now();
    filesRun += 1;
    longestStall = 0;
    recording = false;
    const settled = new Promise((resolve) => setTimeout(resolve, settleMs));
    recording = true;
    await settled;
    const mine = [];
    const unrefTimers = [];
    const earlier = new Map();
    for (const [asyncId, record] of live) {
      const ours = record.file === file || record.file === `after ${file}`;
      if (!holdsLoop(record.resource)) {
        if (ours && record.type === 'Timeout') unrefTimers.push([asyncId, record]);
        continue;
      }
      if (ours) mine.push([asyncId, record]);
      else earlier.set(record.file, [...(earlier.get(record.file) ?? []), record.type]);
    }
    const after = countByType(process.getActiveResourcesInfo());
    const grown = Object.entries(after)
      .filter(([type, n]) => n > (this.resourcesBefore[type] ?? 0))
      .map(([type, n]) => `${type} +${n - (this.resourcesBefore[type] ?? 0)}`);
    const lines = [`== ${file} (pid ${process.pid})`];
    if (grown.length > 0) lines.push(`  active resources grown: ${grown.join(', ')}`);
    for (const [asyncId, record] of mine) {
      const late = record.file === file ? '' : ' (opened after the file ended)';
      lines.push(`  open: ${record.type} #${asyncId}${late}`, ...indent(record.stack));
    }
    for (const [asyncId, record] of unrefTimers) {
      const late = record.file === file ? '' : ' (set after the file ended)';
      lines.push(`  unref'd timer still set: #${asyncId}${late}`, ...indent(record.stack));
    }
    for (const [from, types] of earlier) {
      lines.push(`  still open from ${from}: ${types.join(', ')}`);
    }
    lines.push(...lateLines());
    if (lines.length === 1) return;
    appendFileSync(reportFile, `${lines.join('\n')}\n`);
  }
}
