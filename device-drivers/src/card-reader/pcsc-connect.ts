/**
 * The PC/SC link's exclusive connect to the card on its reader (`PcscCardExchange.connect`): waits
 * for pcscd to see the card (a card swapped faster than pcscd polls keeps the old counter: tried
 * after the wait), refuses a mute card, resets a connection left open, then connects exclusively,
 * trying again while pcscd answers that the card is still powering up or was just reset
 * (`presenceWaitMs` at most). Answers the protocol pcscd chose; refusals coded
 * (`kioskErrorOfPcsc`).
 */
import { ErrorCode, KioskError } from '@kiosk/domain';
import { abortable } from './deadline.js';
import type { PcscCardPresence } from './pcsc-card-presence.js';
import { kioskErrorOfPcsc, PCSC, pcscCodeOf } from './pcsc-status.protocol.js';
import type { PcscReader } from './pcsclite.types.js';

export interface PcscConnectOptions {
  /** how long to wait for pcscd to notice a card, and to try a transient refusal again (default 2000 ms) */
  readonly presenceWaitMs?: number;
  readonly log?: (message: string) => void;
  /** the link's own disconnect of this reader (bounded) */
  readonly disconnect: (disposition: number) => Promise<void>;
}

export async function connectExclusive(
  reader: PcscReader,
  card: PcscCardPresence,
  options: PcscConnectOptions,
  signal?: AbortSignal,
): Promise<number> {
  const waitMs = options.presenceWaitMs ?? 2000;
  if (!card.present) {
    // a card swapped faster than pcscd polls keeps the old counter: try it after the wait
    const seen = await card.waitForCard(waitMs, signal).then(
      () => true,
      (e: unknown) => {
        if (signal?.aborted || !card.pcscdSaysPresent) throw e;
        return false;
      },
    );
    if (!seen) options.log?.('PC/SC presence unchanged since the last card; connecting anyway');
  }
  if (card.mute) throw new KioskError(ErrorCode.CARD_MUTE, 'The card does not answer; it may be damaged.');
  if (reader.connected) await options.disconnect(reader.SCARD_RESET_CARD);
  const until = Date.now() + waitMs;
  for (;;) {
    try {
      return await abortable(
        new Promise<number>((resolve, reject) => {
          reader.connect({ share_mode: reader.SCARD_SHARE_EXCLUSIVE }, (err, protocol) =>
            err ? reject(err) : resolve(protocol ?? reader.SCARD_PROTOCOL_T1),
          );
        }),
        signal,
      );
    } catch (e) {
      if (signal?.aborted) throw e;
      const code = pcscCodeOf(e);
      const transient =
        code === PCSC.W_UNPOWERED_CARD || code === PCSC.W_RESET_CARD || code === PCSC.W_REMOVED_CARD;
      if (!transient || Date.now() > until) throw kioskErrorOfPcsc(e, 'connecting');
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}
