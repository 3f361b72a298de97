/**
 * A PC/SC card reader that pcscd lists only after the daemon's ready line (a USB reader that
 * enumerates late at boot, or is plugged in then) is taken into service when it appears: the
 * kiosk comes up after the profile's wait for it (`devices.cardReader.startWaitMs`, its default
 * here), the reader not connected, in the state the status model gives (CARD_READER_DOWN; degraded to
 * the loss report on this rig, whose card printer's chip station is on pcscd too), and when pcscd lists the reader the UI is pushed the reader online and the card journeys, and a
 * card is read through it, with no restart. pcscd (a child of the test) boots without vpcd's
 * readers and is restarted with them: vpcd's readers cannot be plugged into a running pcscd.
 * With CI=true a missing pcscd, vpcd or pcsclite binding fails the run instead of skipping it.
 */
import { DEMO_RESIDENTS, ServiceReason } from '@kiosk/domain';
import {
  bootWithoutReader,
  describeWithPcscd,
  PCSCD_LOCK_TIMEOUT_MS,
  readerState,
  stopBoot,
  type BootWithoutReader,
} from './daemon-on-pcscd-without-reader.js';

const zhang = DEMO_RESIDENTS.find((r) => r.key === 'zhang')!;

describeWithPcscd('card reader on PC/SC listed by pcscd after ready', () => {
  const rig: BootWithoutReader = {};
  afterAll(async () => {
    expect(await stopBoot(rig)).toBe(0);
  }, 30_000);

  it(
    'no reader at boot: ready with the reader not connected, the kiosk degraded to the loss report',
    async () => {
      const { ui } = await bootWithoutReader(rig, 'noReader', [], 45_000);
      const kiosk = await ui.waitForKiosk(() => true);
      expect(kiosk.devices.find((d) => d.kind === 'cardReader')).toMatchObject({ device: 'noDevice' });
      // the loss report alone does without pcscd on this rig (the card printer's chip station is
      // pcscd's too): RULES.md, the rest stays up
      expect(kiosk.mode).toBe('degraded');
      expect(kiosk.journeysOffered).toEqual(['reportLoss']);
      expect(kiosk.reason).toBe(ServiceReason.CARD_READER_DOWN);
      expect(kiosk.journeysOffered).not.toContain('balance');
    },
    PCSCD_LOCK_TIMEOUT_MS + 60_000,
  );

  it('the reader listed after ready: taken into service, pushed, and a card read through it', async () => {
    const ui = rig.ui!;
    await rig.pcscd!.restart(); // pcscd with vpcd's readers
    const up = await ui.waitForKiosk(
      (k) => readerState(k) === 'online' && k.journeysOffered.includes('balance'),
      20_000,
    );
    expect(up.mode).not.toBe('outOfService');
    await ui.startWithCardAndPin('balance', zhang.key, zhang.cardPin);
    const shown = await ui.waitForSession((v) => v?.step === 'showBalance', 20_000);
    expect(shown?.balance?.amountFen).toBe(zhang.balanceFen);
    expect(await ui.finishAndTakeCard()).toMatchObject({ step: 'ended' });
    const metrics = await (await fetch(`${rig.daemon!.url}/metrics`)).text();
    expect(metrics).toContain('kiosk_device_up{kind="cardReader"} 1');
  }, 90_000);
});
