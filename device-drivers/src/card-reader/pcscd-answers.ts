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
import { connect } from 'node:net';
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
 * - `absent`: no pcscd listening (the socket missing or refused): pcsclite says so at once;
 * - `hungUp`: pcscd closed the connection without an answer (a client it refuses, or it died).
 */
export type PcscdAnswer = 'answered' | 'absent' | 'hungUp';

/**
 * Asks pcscd once. Rejects with DEVICE_OFFLINE when pcscd took the connection but did not answer
 * within `withinMs` (a reader whose first poll does not end: nothing to set a context up on), and
 * with the signal's reason when aborted.
 */
export function askPcscd(
  withinMs: number,
  signal?: AbortSignal,
  path = pcscdSocketPath(),
): Promise<PcscdAnswer> {
  return new Promise<PcscdAnswer>((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const socket = connect(path);
    const settle = (outcome: PcscdAnswer | Error) => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      socket.removeAllListeners();
      socket.on('error', () => undefined);
      socket.destroy();
      if (outcome instanceof Error) reject(outcome);
      else resolve(outcome);
    };
    const onAbort = () => settle(signal?.reason instanceof Error ? signal.reason : new Error('aborted'));
    const timer = setTimeout(
      () =>
        settle(
          new KioskError(
            ErrorCode.DEVICE_OFFLINE,
            `pcscd took the connection but did not answer within ${withinMs} ms (a reader's first poll not done).`,
          ),
        ),
      withinMs,
    );
    timer.unref();
    signal?.addEventListener('abort', onAbort, { once: true });
    socket.once('connect', () => {
      const header = Buffer.alloc(8); // struct rxHeader { uint32 size; uint32 command }, host order
      const little = endianness() === 'LE';
      if (little) header.writeUInt32LE(CMD_GET_READERS_STATE, 4);
      else header.writeUInt32BE(CMD_GET_READERS_STATE, 4);
      socket.write(header);
    });
    socket.once('data', () => settle('answered'));
    socket.once('error', (e: NodeJS.ErrnoException) =>
      settle(e.code === 'ENOENT' || e.code === 'ECONNREFUSED' ? 'absent' : 'hungUp'),
    );
    socket.once('close', () => settle('hungUp'));
  });
}
