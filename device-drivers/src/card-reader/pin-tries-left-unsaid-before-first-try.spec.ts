/**
 * Fault: the tries left on a card were known only from a wrong PIN's answer (63 Cx), so a card
 * left short by an earlier session looked fresh until the resident spent a try. The card read asks
 * the card with VERIFY without a PIN (ISO 7816-4: 63 Cx, none spent) and says `pinTriesLeft`.
 * The virtual card behind the in-process link here; through pcscd and vpcd in
 * pcsc-card-reader.e2e-spec.
 */
import { SecurePin } from '../common/secure-pin.js';
import type { ChipLink } from './chip-link.js';
import { ChipSession } from './chip-session.js';
import { InProcessChipLink } from './in-process-chip.link.js';
import { InMemoryCardStore } from './virtual-card/card-memory.js';
import { createDemoCards } from './virtual-card/demo-cards.js';

const pinOf = (s: string) => SecurePin.fromKeys([...s].map(Number));

async function linkTo(cardId: string): Promise<InProcessChipLink> {
  const cards = createDemoCards({ store: new InMemoryCardStore() });
  const link = new InProcessChipLink();
  await link.attach(cards.open(cardId)!);
  return link;
}

/** The card taken out and put back: a new power-up, as the next session meets it. */
async function reinserted(link: InProcessChipLink): Promise<ChipSession> {
  await link.disconnect();
  return new ChipSession(link);
}

describe('the PIN tries left, read with the card before any PIN is typed', () => {
  it('says the full count of a fresh card, and one fewer after an earlier session’s wrong PIN', async () => {
    const link = await linkTo('zhang');
    const first = new ChipSession(link);
    expect((await first.readCard()).pinTriesLeft).toBe(3);
    expect(await first.verifyPin(pinOf('000000'))).toEqual({ result: 'wrong', attemptsLeft: 2 });
    const next = await reinserted(link);
    expect((await next.readCard()).pinTriesLeft).toBe(2);
    // the query spent no try: the right PIN still opens the card, which restores the count
    expect((await next.readCard()).pinTriesLeft).toBe(2);
    expect(await next.verifyPin(pinOf('147258'))).toEqual({ result: 'ok' });
    expect((await (await reinserted(link)).readCard()).pinTriesLeft).toBe(3);
  });

  it('says 0 for a locked PIN', async () => {
    const link = await linkTo('zhang');
    const session = new ChipSession(link);
    for (const p of ['000000', '000001', '000002']) await session.verifyPin(pinOf(p));
    expect((await (await reinserted(link)).readCard()).pinTriesLeft).toBe(0);
  });

  it('says no count for a card that does not answer the query, and reads it all the same', async () => {
    const link = await linkTo('zhang');
    const noQuery: ChipLink = {
      connect: (signal) => link.connect(signal),
      disconnect: () => link.disconnect(),
      close: () => link.close(),
      // VERIFY with no data (4 bytes): INS not supported, as a card without the query answers
      transmit: (command, signal) =>
        command.length === 4 && command[1] === 0x20
          ? Promise.resolve(Buffer.from([0x6d, 0x00]))
          : link.transmit(command, signal),
    };
    const card = await new ChipSession(noQuery).readCard();
    expect(card).toMatchObject({ cardNumber: 'H41080000101' });
    expect(card).not.toHaveProperty('pinTriesLeft');
  });
});
