/**
 * The chip station personalises the blank the printer put on its contacts, under the card key the
 * host diversifies from the issuer key by the chip serial; the card the resident takes is the
 * same persisted chip, which the customer card reader then reads with the default PIN.
 */
import { DEMO_RESIDENTS, ErrorCode } from '@kiosk/domain';
import { SecurePin } from '../common/secure-pin.js';
import { EmulatedCardReader } from '../card-reader/emulated-card-reader.js';
import { InProcessChipLink } from '../card-reader/in-process-chip.link.js';
import { deriveCardKey } from '../card-reader/social-security-card.protocol.js';
import { InMemoryCardStore } from '../card-reader/virtual-card/card-memory.js';
import { DEMO_ISSUER_KEY, demoCardSpec, VirtualCards } from '../card-reader/virtual-card/demo-cards.js';
import { ChipStation } from './chip-station.js';
import { EvolisPrinterEmulator } from './evolis-printer.emulator.js';

const pinOf = (s: string) => SecurePin.fromKeys([...s].map(Number));
const zhao = DEMO_RESIDENTS[3]!;

async function station() {
  const cards = new VirtualCards(new InMemoryCardStore(), DEMO_ISSUER_KEY);
  const link = new InProcessChipLink();
  const printer = new EvolisPrinterEmulator({ hopper: 3, chipStation: { cards, contacts: link } });
  await printer.mechanics.feedToChipStation();
  return { cards, link, printer, chip: new ChipStation(link) };
}

/** what the host answers for this chip: its key, diversified by its serial */
const hostCardKey = (serial: string) => deriveCardKey(DEMO_ISSUER_KEY, Buffer.from(serial, 'hex'));

describe('chip station', () => {
  it('personalises the blank, reads it back, and the customer reader reads the taken card with the default PIN', async () => {
    const { cards, printer, chip } = await station();
    const serial = await chip.readChipSerial();
    expect(serial).toMatch(/^[0-9A-F]{32}$/);
    const fields = { ...demoCardSpec(zhao).fields, cardNumber: 'H41080000999', cardIdentifier: serial };
    const read = await chip.personalise(hostCardKey(serial), fields, pinOf('123456'));
    expect(read).toMatchObject({ name: zhao.name, cardNumber: 'H41080000999', idNumber: zhao.idNumber });

    await printer.mechanics.present();
    const cardId = printer.takeCard();
    expect(cardId).not.toBeNull();
    const reader = new EmulatedCardReader({ cards });
    await reader.open();
    try {
      await reader.insertCard(cardId as string);
      expect(await reader.readCard()).toMatchObject({ cardNumber: 'H41080000999', name: zhao.name });
      expect(await reader.verifyPin(pinOf('123456'))).toEqual({ result: 'ok' });
    } finally {
      await reader.close();
    }
  });

  it('fault: wrong card key: the chip fails mutual authentication and nothing is written', async () => {
    const { chip } = await station();
    const serial = await chip.readChipSerial();
    const fields = { ...demoCardSpec(zhao).fields, cardIdentifier: serial };
    await expect(chip.personalise(Buffer.alloc(16, 7), fields, pinOf('123456'))).rejects.toMatchObject({
      code: ErrorCode.CARD_NOT_SOCIAL_SECURITY,
    });
    await expect(chip.personalise(hostCardKey(serial), fields, pinOf('123456'))).resolves.toMatchObject({
      name: zhao.name,
    });
  });

  it('fault: read-back differs: CARD_MAKING_FAILED names the field', async () => {
    const { chip } = await station();
    const serial = await chip.readChipSerial();
    // the card identifier is the manufacturer's: a different one asked for cannot read back
    const fields = { ...demoCardSpec(zhao).fields, cardIdentifier: '00'.repeat(16) };
    await expect(chip.personalise(hostCardKey(serial), fields, pinOf('123456'))).rejects.toMatchObject({
      code: ErrorCode.CARD_MAKING_FAILED,
      details: { step: 'readBack', field: 'cardIdentifier' },
    });
  });

  it('fault: chip station no contact: the serial cannot be read (CARD_UNREADABLE)', async () => {
    const cards = new VirtualCards(new InMemoryCardStore(), DEMO_ISSUER_KEY);
    const link = new InProcessChipLink();
    const printer = new EvolisPrinterEmulator({ chipStation: { cards, contacts: link } });
    printer.setFault('chipNoContact');
    await printer.mechanics.feedToChipStation();
    await expect(new ChipStation(link).readChipSerial()).rejects.toMatchObject({
      code: ErrorCode.CARD_UNREADABLE,
    });
  });

  it('fault: no card on the contacts: CARD_REMOVED', async () => {
    await expect(new ChipStation(new InProcessChipLink()).readChipSerial()).rejects.toMatchObject({
      code: ErrorCode.CARD_REMOVED,
    });
  });
});
