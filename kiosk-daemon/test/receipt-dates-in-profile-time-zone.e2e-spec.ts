/**
 * The kiosk's time zone comes from its profile (`kiosk.timeZone`): the daemon sends it with the
 * kiosk's view at connection, and its receipts print the time and the records' dates in it. A
 * kiosk in Xinjiang on local practice (Asia/Urumqi, two hours behind Beijing) once printed and
 * showed China Standard Time whatever it was set to: the receipts had it hard-coded, the UI as a
 * constant.
 */
import { formatKioskTime } from '@kiosk/device-drivers';
import { DEMO_RESIDENTS } from '@kiosk/domain';
import { daemonForSuite } from './daemon-for-suite.js';

const li = DEMO_RESIDENTS.find((r) => r.key === 'li')!;

describe('a kiosk whose profile names Asia/Urumqi', () => {
  const suite = daemonForSuite(['--set', 'kiosk.timeZone=Asia/Urumqi']);

  it('tells the touch screen its time zone with the kiosk’s view', async () => {
    const kiosk = await suite.ui.waitForKiosk((k) => k.journeysOffered.includes('records'));
    expect(kiosk?.timeZone).toBe('Asia/Urumqi');
  });

  it('prints the records receipt’s time and the records’ dates in the kiosk’s zone', async () => {
    const before = new Date();
    await suite.ui.startWithCardAndPin('records', li.key, li.cardPin);
    const shown = await suite.ui.waitForSession(
      (v) => v?.step === 'showRecords' && v.details?.kind === 'records',
    );
    const records = shown?.details?.kind === 'records' ? shown.details.records : [];
    expect(records.length).toBeGreaterThan(0);
    expect(await suite.ui.emit('session.command', { command: 'print' })).toEqual({ ok: true });
    const text = (await suite.ui.waitForDemo((d) => d.receipt !== undefined)).receipt!.text;
    const after = new Date();

    const printedIn = (zone: string) => [before, after].map((at) => formatKioskTime(at, zone));
    expect(printedIn('Asia/Urumqi').some((time) => text.includes(time))).toBe(true);
    expect(printedIn('Asia/Shanghai').some((time) => text.includes(time))).toBe(false);
    for (const record of records) {
      expect(text).toContain(formatKioskTime(new Date(record.at), 'Asia/Urumqi').slice(0, 10));
    }

    // the receipt can reach the demo panel before the session reads printed; finish is refused
    // while the records still print
    await suite.ui.waitForSession((v) => v?.details?.kind === 'records' && v.details.printed);
    expect(await suite.ui.emit('session.command', { command: 'finish' })).toEqual({ ok: true });
    await suite.ui.waitForSession((v) => v?.step === 'chooseJourney');
    await suite.ui.finishAndTakeCard();
  }, 60_000);
});
