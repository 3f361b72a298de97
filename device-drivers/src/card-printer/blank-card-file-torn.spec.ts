/**
 * The fault: a blank card's chip file torn (a power cut while the chip station wrote it, during the
 * personalisation) while the blank sat at the chip station. At the next start the printer emulator
 * put its remembered state back, the blank's chip on the contacts, and the torn file threw there:
 * its state never came back, every frame the kiosk sent waited for it and went unanswered, so the
 * card printer read silent for good (a kiosk that makes no card), and the throw was nobody's.
 * Now the blank is back at the chip station with a chip that does not answer (as a blank with no
 * contact), the printer answers, and the kiosk rejects that blank into the reject bin as any blank
 * whose chip fails; the torn file is left as it is, for the field engineer.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { ErrorCode } from '@kiosk/domain';
import { InProcessChipLink } from '../card-reader/in-process-chip.link.js';
import { JsonFileCardStore } from '../card-reader/virtual-card/card-memory.js';
import { VirtualCards } from '../card-reader/virtual-card/demo-cards.js';
import { tcpPrinterConnector } from '../receipt-printer/printer-connectors.js';
import { EvolisCardPrinterDriver } from './evolis-card-printer.driver.js';
import { closePrinters, keepOpen, printer, reconciles } from './evolis-printer-rig.js';
import { EvolisPrinterEmulator } from './evolis-printer.emulator.js';

afterEach(closePrinters);

describe('a blank whose card file is torn at the chip station', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'blank-card-file-torn-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('fault: blank card file torn at the chip station across a power cut: the printer answers, the blank is rejected, the file left as it is', async () => {
    const stateFile = join(dir, 'card-printer.json');
    const cards = () => new VirtualCards(new JsonFileCardStore(join(dir, 'cards')));
    const before = await printer({
      stateFile,
      hopper: 3,
      chipStation: { cards: cards(), contacts: new InProcessChipLink() },
    });
    await before.driver.feedToChipStation();
    const inside = before.emulator.mechanics.cardId!;
    // the power goes while the chip station writes the blank's chip: its file torn
    const blankFile = join(dir, 'cards', `${inside}.card.json`);
    const torn = readFileSync(blankFile, 'utf8').slice(0, 40);
    writeFileSync(blankFile, torn);

    const link = new InProcessChipLink();
    const after = new EvolisPrinterEmulator({ stateFile, chipStation: { cards: cards(), contacts: link } });
    const { host, port } = await after.listen(0);
    const driver = new EvolisCardPrinterDriver({ connect: tcpPrinterConnector(host, port) });
    await driver.open();
    keepOpen(after, driver);
    expect(driver.status().device).toBe('online');
    expect(driver.cardPosition()).toBe('chipStation');
    // its chip does not answer on the station: nothing on the contacts
    await expect(link.connect()).rejects.toMatchObject({ code: expect.any(String) });
    expect(after.mechanics.unreadableBlank).toMatchObject({
      code: ErrorCode.DEVICE_HARDWARE_ERROR,
      details: { cardId: inside },
    });

    // the kiosk rejects it as a blank whose chip failed; the next blank is fed and answers
    await driver.ejectToRejectBin('chipFailed');
    expect(after.mechanics.unreadableBlank).toBeUndefined();
    await driver.feedToChipStation();
    expect((await link.connect()).length).toBeGreaterThan(0);
    expect(reconciles(after)).toBe(true);
    expect(readFileSync(blankFile, 'utf8')).toBe(torn);
  });
});
