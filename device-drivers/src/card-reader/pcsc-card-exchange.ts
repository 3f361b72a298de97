/**
 * The card on the PC/SC link's reader in use (`PcscChipLink`): the exclusive connect
 * (`connectExclusive`), the APDUs exchanged on the protocol pcscd chose, the card moved off the
 * contacts, and the disconnect within a bound. The link says which reader is in use and whether it
 * is online; the context's life cycle (set-up, loss, retry, close) stays there.
 */
import { ErrorCode, KioskError } from '@kiosk/domain';
import { abortable } from './deadline.js';
import type { PcscCardPresence } from './pcsc-card-presence.js';
import { connectExclusive } from './pcsc-connect.js';
import { kioskErrorOfPcsc } from './pcsc-status.protocol.js';
import type { PcscReader } from './pcsclite.types.js';

export interface PcscCardExchangeOptions {
  /** how long `connect` waits for pcscd to notice a card (default 2000 ms) */
  readonly presenceWaitMs?: number;
  readonly log?: (message: string) => void;
}

export class PcscCardExchange {
  private protocol = 0;

  constructor(
    /** the reader the link uses now, `null` while it has none */
    private readonly readerInUse: () => PcscReader | null,
    private readonly card: PcscCardPresence,
    private readonly options: PcscCardExchangeOptions,
    /** bound on the native disconnect */
    private readonly closeBoundMs: number,
  ) {}

  /** Connects exclusively to the card on `reader` (the link's, online); answers the card's ATR. */
  async connect(reader: PcscReader, signal?: AbortSignal): Promise<Buffer> {
    const disconnect = (disposition: number) => this.disconnect(disposition);
    this.protocol = await connectExclusive(reader, this.card, { ...this.options, disconnect }, signal);
    return Buffer.from(this.card.atr);
  }

  /** The mechanism moved the card off the contacts: what pcscd says until its next poll is stale. */
  cardLeft(): void {
    this.card.cardLeft();
    const reader = this.readerInUse();
    if (reader?.connected) reader.disconnect(reader.SCARD_LEAVE_CARD, () => undefined);
  }

  transmit(command: Buffer, signal?: AbortSignal): Promise<Buffer> {
    const reader = this.readerInUse();
    if (!reader?.connected) {
      return Promise.reject(new KioskError(ErrorCode.CARD_REMOVED, 'The card is not connected.'));
    }
    return abortable(
      new Promise<Buffer>((resolve, reject) => {
        reader.transmit(command, 258, this.protocol, (err, data) =>
          err ? reject(kioskErrorOfPcsc(err, 'exchanging an APDU')) : resolve(data ?? Buffer.alloc(0)),
        );
      }),
      signal,
    );
  }

  async disconnect(disposition?: number): Promise<void> {
    const reader = this.readerInUse();
    if (!reader?.connected) return;
    const done = new Promise<void>((resolve) =>
      reader.disconnect(disposition ?? reader.SCARD_UNPOWER_CARD, () => resolve()),
    );
    await Promise.race([
      done,
      new Promise<void>((resolve) => setTimeout(resolve, this.closeBoundMs).unref()),
    ]);
  }
}
