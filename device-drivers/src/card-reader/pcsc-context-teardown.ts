/**
 * Closing a PC/SC context and its readers without freezing or leaking the process, around two
 * faults of pcsclite 1.0.1.
 *
 * pcsclite leaks a reader closed before its status thread has run once (its async handle is
 * never closed and the process cannot exit), so each reader is closed only after its first
 * status, error or end (`firstSign`), or after `boundMs`.
 *
 * pcsclite also holds the reader's (non-recursive) mutex while it calls into JavaScript with a
 * status, an error or the end of its status thread, and it emits the end through
 * `MakeCallback`, which drains the promise queue before it returns. A `close()` reached from
 * any of those callbacks, directly or through a settled promise, locks that mutex again on the
 * same thread and the process freezes for good. So every native close runs from a fresh turn
 * of the event loop (`setImmediate`), never inside a binding callback.
 */
import type { PcscContext, PcscReader } from './pcsclite.types.js';

/** Resolves on a later turn of the event loop, outside any callback of the native binding. */
function outsideBindingCallbacks(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** Settles when a reader's status thread has run once: its first status, error or end. */
export function firstSignOf(reader: PcscReader): Promise<void> {
  return new Promise<void>((resolve) => {
    reader.once('status', () => resolve());
    reader.once('error', () => resolve());
    reader.once('end', () => resolve());
  });
}

/**
 * Closes the readers, then the context. `setUpFailed`: the context's set-up threw partway, so
 * none of its readers was taken (`closeFailedSetUp`).
 */
export async function closePcscContext(
  context: PcscContext | null,
  readers: readonly { readonly reader: PcscReader; readonly firstSign: Promise<void> | undefined }[],
  boundMs: number,
  setUpFailed = false,
): Promise<void> {
  if (setUpFailed) return closeFailedSetUp(context, boundMs);
  await Promise.all(
    readers.map(async ({ reader, firstSign }) => {
      await Promise.race([
        firstSign ?? Promise.resolve(),
        new Promise<void>((resolve) => setTimeout(resolve, boundMs).unref()),
      ]);
      await outsideBindingCallbacks();
      reader.removeAllListeners('status');
      try {
        reader.close();
      } catch {
        // a reader of a dead context may refuse to close; it is dropped anyway
      }
    }),
  );
  await outsideBindingCallbacks();
  try {
    context?.close();
  } catch {
    // same for the context
  }
}

/**
 * A context whose set-up threw partway: a late error of it is heard and dropped (not a crash),
 * it is closed first (no reader comes after), then the readers it made that nobody took.
 */
async function closeFailedSetUp(context: PcscContext | null, boundMs: number): Promise<void> {
  if (!context) return;
  try {
    context.on('error', () => undefined);
  } catch {
    // its set-up threw there already; it is closed all the same
  }
  await outsideBindingCallbacks();
  try {
    context.close();
  } catch {
    // a context half made may refuse to close; it is dropped anyway
  }
  const made = Object.values(context.readers ?? {});
  await closePcscContext(
    null,
    made.map((reader) => ({ reader, firstSign: firstSignOf(reader) })),
    boundMs,
  );
}

/**
 * A reader listed by a context already dropped (pcscd lost, the link closed) before its native
 * close: nobody takes it, so its errors are heard and dropped here (pcscd going away would make
 * them uncaught) and it is closed as the context's own readers are.
 */
export function closeStrayReader(reader: PcscReader, boundMs: number): Promise<void> {
  reader.on('error', () => undefined);
  return closePcscContext(null, [{ reader, firstSign: firstSignOf(reader) }], boundMs);
}
