/**
 * The suites' test environment: Jest's node environment, and a Jest worker that has nothing left
 * to run leaves at once instead of through Node's natural exit.
 *
 * Why: a worker keeps every test file's module graph for its life (Node 20 does not collect a vm
 * context that ran ES modules, as Jest's native ESM does: the heap after a GC grows by about 10 MB a
 * file), so a worker ends a run with hundreds of MB to GBs of heap. At a natural exit Node disposes
 * of that heap page by page (over a thousand munmap calls for a 550 MB worker, 350 to 500 ms and
 * more on two loaded cores), while Jest gives a worker 500 ms from "end" to gone before it kills it
 * and warns "A worker process has failed to exit gracefully" although nothing leaked a handle.
 * process.exit() leaves without that disposal (the system takes the memory back at once).
 *
 * Only 'beforeExit' does it, which Node emits when nothing holds the event loop any more: a worker
 * that a leaked timer, socket or child still holds never gets there, so Jest still force-exits it
 * and warns, and KIOSK_TEST_LEAKS's report (scripts/jest-leak-environment.js) says what held it.
 */
import { TestEnvironment as NodeEnvironment } from 'jest-environment-node';

// A Jest worker is a child process with an IPC channel; the Jest process itself (a run in band)
// exits as Jest decides.
if (process.env.JEST_WORKER_ID !== undefined && typeof process.send === 'function') {
  process.once('beforeExit', () => process.exit());
}

export default class KioskTestEnvironment extends NodeEnvironment {}
