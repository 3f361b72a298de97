/**
 * RULES.md, "The social-security card": after 60 transactions not yet printed the card refuses
 * further use until the resident prints the records at a kiosk. Through the real daemon: li's
 * virtual card is kept at 60 unprinted records before the daemon starts; a balance is refused
 * before the PIN, the records journey lets the card in, prints and clears the counter, and then
 * the balance works.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cardMemoryOf, demoCardSpec, JsonFileCardStore } from '@kiosk/device-drivers';
import { DEMO_RESIDENTS } from '@kiosk/domain';
import { daemonForSuite } from './daemon-for-suite.js';

const li = DEMO_RESIDENTS.find((r) => r.key === 'li')!;

/** A suite folder whose card store holds li's card with `unprinted` records not yet printed. */
function folderWithCardAt(unprinted: number): string {
  const dir = mkdtempSync(join(tmpdir(), 'kiosk-e2e-unprinted-'));
  const memory = cardMemoryOf(demoCardSpec(li));
  memory.unprinted = unprinted;
  new JsonFileCardStore(join(dir, 'cards')).save(memory);
  return dir;
}

describe('a card at its limit of 60 unprinted records', () => {
  const dir = folderWithCardAt(60);
  // each journey's ended screen is waited out before the next; no test reads how long it stays
  // (5 s by default): 2 s
  const suite = daemonForSuite(['--set', 'timeouts.endedViewMs=2000'], {
    dir,
    afterStop: () => rmSync(dir, { recursive: true, force: true }),
  });

  it('CARD_RECORDS_PRINT_REQUIRED: a balance is refused before the PIN and the card comes back', async () => {
    const { ui } = suite;
    await ui.waitForKiosk((k) => k.journeysOffered.includes('balance'));
    expect(await ui.emit('session.start', { journey: 'balance' })).toEqual({ ok: true });
    await ui.waitForSession((v) => v?.step === 'insertCard');
    await ui.emit('demo.card', { action: 'insert', cardId: li.key });
    const refused = await ui.waitForSession((v) => v?.step === 'takeCard');
    expect(refused?.error?.code).toBe('CARD_RECORDS_PRINT_REQUIRED');
    expect(ui.traffic.join('\n')).not.toContain('"step":"enterPin"');
    await ui.emit('demo.card', { action: 'take' });
    await ui.waitForSession((v) => v?.step === 'ended' || v === null);
  }, 60_000);

  it('the records journey lets the card in, prints the records and clears the counter', async () => {
    const { ui } = suite;
    await ui.waitForSession((v) => v === null, 10_000).catch(() => undefined);
    await ui.startWithCardAndPin('records', li.key, li.cardPin);
    const shown = await ui.waitForSession((v) => v?.step === 'showRecords' && v.details?.kind === 'records');
    expect(shown?.details?.kind === 'records' && shown.details.unprintedCount).toBe(60);
    expect(shown?.error?.code).toBe('CARD_RECORDS_PRINT_REQUIRED');
    expect(await ui.emit('session.command', { command: 'print' })).toEqual({ ok: true });
    await ui.waitForSession((v) => v?.details?.kind === 'records' && v.details.printed);
    await ui.emit('session.command', { command: 'finish' });
    await ui.waitForSession((v) => v?.step === 'chooseJourney');
    await ui.finishAndTakeCard();
  }, 60_000);

  it('printed: the same card shows its balance again', async () => {
    const { ui } = suite;
    await ui.waitForSession((v) => v === null, 10_000).catch(() => undefined);
    await ui.startWithCardAndPin('balance', li.key, li.cardPin);
    await ui.waitForSession((v) => v?.step === 'showBalance');
    await ui.finishAndTakeCard();
  }, 60_000);
});
