/**
 * Whether pcscd answers a client, asked without blocking the JavaScript thread.
 *
 * pcsclite sets a context up (`new PCSCLite()`: SCardEstablishContext, then a status read) on the
 * calling thread and waits for pcscd without bound. pcscd just started accepts no client, and
 * answers no status read, until each reader's first poll is done, and vpcd's poll of a card waits
 * without bound for the card's answer to reset (its ATR). A virtual card served by this process
 * (the emulated reader's cards, the chip station's vpcd slot) answers on this thread: a context set
 * up while pcscd waits for it froze the process for good (pcscd waiting for the card, the card for
 * the thread, the thread for pcscd). So the binding asks first, here, on the event loop: it
 * connects to pcscd's socket and sends the readers' status request (`CMD_GET_READERS_STATE`),
 * which pcscd answers once every reader has had its first poll, the cards of this process
 * answering meanwhile; then the blocking call finds pcscd ready. Only the first byte of the answer
 * is awaited, so the layout of pcscd's reader states does not matter.
 */
import { connect, type Socket } from 'node:net';
import { endianness } from 'node:os';
import { ErrorCode, KioskError } from '@kiosk/domain';

/** pcsc-lite's client socket unless `PCSCLITE_CSOCK_NAME` says another, as libpcsclite reads it. */
export const PCSCD_SOCKET = '/run/pcscd/pcscd.comm';
/** pcsc-lite's command asking for the readers' states (`CMD_GET_READERS_STATE`, protocol 4). */
const CMD_GET_READERS_STATE = 0x12;

/** The socket libpcsclite connects to. */
export function pcscdSocketPath(env: NodeJS.ProcessEnv = process.env): string {
  return env.PCSCLITE_CSOCK_NAME || PCSCD_SOCKET;
}

/**
 * - `answered`: pcscd answered, its readers past their first poll: a context set up now does not wait;
 * - `absent`: no pcscd listening (the socket missing or refused);
 * - `hungUp`: pcscd took the connection and closed it without an answer (a client it refuses, or it
 *   died).
 */
export type PcscdAnswer = 'answered' | 'absent' | 'hungUp';

/** How soon a connection pcscd's full queue turned away (EAGAIN) is tried again. */
const QUEUE_FULL_RETRY_MS = 20;

/**
 * Asks pcscd, within `withinMs`. pcscd queues one client or two while it does not accept (its
 * listen queue is one deep): a connection more is turned away at once here (EAGAIN), where
 * pcsclite's own connect would block, so it is tried again until pcscd answers. Rejects with
 * DEVICE_OFFLINE when pcscd has not answered within `withinMs` (a reader whose first poll does not
 * end: nothing to set a context up on), and with the signal's reason when aborted.
 */
export function askPcscd(
  withinMs: number,
  signal?: AbortSignal,
  path = pcscdSocketPath(),
): Promise<PcscdAnswer> {
  return new Promise<PcscdAnswer>((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    let socket: Socket | undefined;
    let again: NodeJS.Timeout | undefined;
    const drop = () => {
      socket?.removeAllListeners();
      socket?.on('error', () => undefined);
      socket?.destroy();
      socket = undefined;
    };
    const settle = (outcome: PcscdAnswer | Error) => {
      clearTimeout(timer);
      clearTimeout(again);
      signal?.removeEventListener('abort', onAbort);
      drop();
      if (outcome instanceof Error) reject(outcome);
      else resolve(outcome);
    };
    const onAbort = () => settle(signal?.reason instanceof Error ? signal.reason : new Error('aborted'));
    const late = `pcscd did not answer within ${withinMs} ms (a reader's first poll not done).`;
    const timer = setTimeout(() => settle(new KioskError(ErrorCode.DEVICE_OFFLINE, late)), withinMs);
    timer.unref();
    signal?.addEventListener('abort', onAbort, { once: true });
    const attempt = () => {
      const asking = connect(path);
      socket = asking;
      let taken = false;
      asking.once('connect', () => {
        taken = true;
        asking.write(readersStateRequest());
      });
      asking.once('data', () => settle('answered'));
      asking.once('error', (e: NodeJS.ErrnoException) => {
        if (e.code === 'ENOENT' || e.code === 'ECONNREFUSED') return settle('absent');
        if (taken) return settle('hungUp');
        drop(); // turned away (its queue full): tried again shortly
        again = setTimeout(attempt, QUEUE_FULL_RETRY_MS);
        again.unref();
      });
      asking.once('close', () => settle('hungUp'));
    };
    attempt();
  });
}

/** pcsc-lite's `struct rxHeader { uint32 size; uint32 command }` in host order, no body. */
function readersStateRequest(): Buffer {
  const header = Buffer.alloc(8);
  if (endianness() === 'LE') header.writeUInt32LE(CMD_GET_READERS_STATE, 4);
  else header.writeUInt32BE(CMD_GET_READERS_STATE, 4);
  return header;
}
