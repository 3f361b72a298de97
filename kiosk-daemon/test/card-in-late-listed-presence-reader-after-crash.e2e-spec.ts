/**
 * Fault: the kiosk crashed (SIGKILL at PIN entry) with zhang's card in a reader without a motor
 * (`devices.cardReader.mechanism=presence`: it only senses a card), and at the next boot pcscd
 * listed that reader a little late, after boot recovery had looked. Recovery took the reader's
 * 'none' as final: the cut-short balance closed with its card treated as gone, and once the reader
 * was listed its first status ("inserted") had the card handed back at the slot as a stray card.
 *
 * The real daemon (the bundle) on the real PC/SC stack: pcscd with vpcd's reader standing for the
 * plain reader, zhang's virtual card put on it by the spec (the resident's hand; the daemon puts no
 * card anywhere on a presence reader). The second boot starts with pcscd down; pcscd comes back with
 * the card already on the contacts (the daemon held still meanwhile, SIGSTOP, so that it lists the
 * reader with the card in it, as a USB reader enumerating with a card inside is first seen):
 * - within recovery's wait (`positionWaitMs`): the card is the cut-short session's, journaled left in
 *   its slot (the reader cannot capture it, ADR 0002) and waited for, the card journeys held back,
 *   no stray-card hand-back;
 * - after it: the card accounted for as of unknown whereabouts, the kiosk out of service for staff
 *   (CARD_POSITION_UNKNOWN), and the reader listed later with the card in it hands nothing back as
 *   a stray card: the card sticks out of the slot, waited for there until it is taken; taken, the
 *   kiosk is back in service by itself (nothing else was left for staff).
 * With CI=true a missing pcscd, vpcd or pcsclite binding fails the run instead of skipping it.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { createDemoCards, InMemoryCardStore, PcscdProcess, VpcdCardLink } from '@kiosk/device-drivers';
import { DEMO_RESIDENTS, ErrorCode, maskCardNumber, ServiceReason } from '@kiosk/domain';
import { eventually } from '@kiosk/domain/testing';
import {
  expectLeftInSlotAtBoot,
  expectUnknownAtTheBound,
} from '../src/sessions/card-left-late-listed.spec-support.js';
import { startDaemon, type DaemonProcess } from './daemon-process.js';
import { describeWithPcscd } from './daemon-on-pcscd.js';
import { PCSCD_LOCK_TIMEOUT_MS, readerState } from './daemon-on-pcscd-without-reader.js';
import { daemonStart } from './kill-harness-world.js';
import { onPresenceReader, pcscdBackWithTheCard, stepsIn, transactionsIn } from './presence-reader-rig.js';
import { UiClient } from './ui-client.js';

const zhang = DEMO_RESIDENTS.find((r) => r.key === 'zhang')!;

describeWithPcscd('a card in a presence reader that pcscd lists only after the restart', () => {
  let dir: string | undefined;
  let pcscd: PcscdProcess | undefined;
  let contacts: VpcdCardLink | undefined;
  let second: DaemonProcess | undefined;
  let booting: ChildProcess | undefined;
  let ui: UiClient | undefined;
  afterEach(async () => {
    ui?.close();
    booting?.kill('SIGCONT');
    const code = second ? await second.stop() : 0;
    await contacts?.close();
    await pcscd?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
    [ui, second, booting, contacts, pcscd, dir] = [
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
    ];
    expect(code).toBe(0);
  }, 30_000);

  /**
   * The first run killed at PIN entry with zhang's card on the contacts; then pcscd down, and the
   * second daemon spawned (`positionWaitMs`), its process and lines told at once, its ready awaited later.
   */
  async function crashThenBootWithoutReader(positionWaitMs: number) {
    const own = (dir = mkdtempSync(join(tmpdir(), 'kiosk-late-presence-')));
    const rig = (pcscd = await PcscdProcess.start({ lockTimeoutMs: PCSCD_LOCK_TIMEOUT_MS }));
    const card = (contacts = new VpcdCardLink({ port: rig.basePort }));
    const args = onPresenceReader(positionWaitMs);
    const first = await startDaemon(args, daemonStart(own));
    const ui1 = new UiClient(first.url);
    await ui1.connected();
    await ui1.waitForKiosk(
      (k) => readerState(k) === 'online' && k.journeysOffered.includes('balance'),
      20_000,
    );
    await ui1.emit('session.start', { journey: 'balance' });
    await ui1.waitForSession((v) => v?.step === 'insertCard');
    // the resident puts the card in the plain reader: pcscd sees it, the daemon reads it
    await card.attach(createDemoCards({ store: new InMemoryCardStore() }).open(zhang.key)!);
    await ui1.waitForSession((v) => v?.step === 'enterPin', 20_000);
    ui1.close();
    await first.stop('SIGKILL');
    const [cut, ...more] = transactionsIn(own).filter((t) => t.status === 'open');
    expect(more).toEqual([]);
    expect(cut).toMatchObject({ journey: 'balance' });

    // the restart comes before pcscd lists the reader (the card stays on the contacts)
    await rig.kill();
    /** recovery's line saying it waits for the reader's word */
    let waitSaid: Promise<void> = Promise.resolve();
    const ready = startDaemon(args, {
      ...daemonStart(own),
      onSpawned: (child) => {
        booting = child;
        waitSaid = new Promise((resolve) => {
          for (const stream of [child.stdout!, child.stderr!])
            createInterface({ input: stream }).on('line', (line) => {
              if (line.includes('has not said whether a card is inside')) resolve();
            });
        });
      },
    });
    /** pcscd back with the card on the contacts while the daemon is held still, then let go on */
    const listReaderWithTheCard = () => pcscdBackWithTheCard(rig, { child: booting! });
    /** recovery waits for the reader's word (were it not to, the daemon is ready first) */
    const recoveryWaits = () => Promise.race([waitSaid, ready.then(() => undefined)]);
    return { own, cut: cut!, ready, listReaderWithTheCard, recoveryWaits };
  }

  it(
    "card in a presence reader listed late after a crash, within recovery's wait: the cut-short session's card, left in its slot and waited for, never handed back as a stray card",
    async () => {
      const boot = await crashThenBootWithoutReader(25_000);
      await boot.recoveryWaits();
      await boot.listReaderWithTheCard();
      second = await boot.ready;
      const ui2 = (ui = new UiClient(second.url));
      await ui2.connected();
      const held = await ui2.waitForKiosk(
        (k) => readerState(k) === 'online' && k.reason === ServiceReason.CARD_LEFT_IN_READER,
        20_000,
      );
      expect(held.journeysOffered).not.toContain('balance');
      expectLeftInSlotAtBoot(stepsIn(boot.own, boot.cut.id), maskCardNumber(zhang.cardNumber));
      // no session while the card is in the slot
      await expect(ui2.emit('session.start', { journey: 'balance' })).resolves.toMatchObject({
        ok: false,
        error: { code: 'JOURNEY_NOT_OFFERED' },
      });
      // the card waited for in its slot (ADR 0002): no stray-card hand-back, no boot hand-back
      expect(transactionsIn(boot.own)).toEqual([
        { ...boot.cut, status: 'closed', outcome: 'interrupted' },
        expect.objectContaining({ journey: 'cardLeftAtSlot', status: 'open' }),
      ]);
    },
    PCSCD_LOCK_TIMEOUT_MS + 120_000,
  );

  it(
    "card in a presence reader listed late after a crash, after recovery's wait: accounted for, out of service for staff (CARD_POSITION_UNKNOWN); listed then, nothing handed back; taken, back in service by itself",
    async () => {
      const boot = await crashThenBootWithoutReader(500);
      second = await boot.ready;
      const ui2 = (ui = new UiClient(second.url));
      await ui2.connected();
      await ui2.waitForKiosk((k) => k.mode === 'outOfService', 20_000);
      expectUnknownAtTheBound(stepsIn(boot.own, boot.cut.id), maskCardNumber(zhang.cardNumber));
      expect(second.output.join('\n')).toContain(ErrorCode.CARD_POSITION_UNKNOWN);

      // pcscd lists the reader with the card in it: the kiosk stays out of service, nothing handed
      // back as a stray card; the card, kept for staff, sticks out of the slot: waited for there
      // until it is taken, journaled (card-kept-for-staff-in-presence-reader-removal-journaled)
      await boot.listReaderWithTheCard();
      const listed = await ui2.waitForKiosk((k) => readerState(k) === 'online', 20_000);
      expect(listed.mode).toBe('outOfService');
      await expect(ui2.emit('session.start', { journey: 'balance' })).resolves.toMatchObject({ ok: false });
      const waited = await eventually(() => transactionsIn(boot.own), 'the card waited for in its slot', {
        withinMs: 10_000,
        until: (rows) => rows.length === 2,
      });
      expect(waited).toEqual([
        { ...boot.cut, status: 'closed', outcome: 'interrupted' },
        expect.objectContaining({ journey: 'cardLeftAtSlot', status: 'open' }),
      ]);
      // the wait's transaction is opened, then its step written: a read between the two sees none
      const leftAtSlot = await eventually(() => stepsIn(boot.own, waited[1]!.id), 'the wait journaled', {
        withinMs: 10_000,
        until: (steps) => steps.length > 0,
      });
      expect(leftAtSlot.map((s) => s.detail)).toEqual([
        expect.objectContaining({ where: 'atSlot', after: 'restart', leftBy: boot.cut.id }),
      ]);
      expect(stepsIn(boot.own, boot.cut.id)).toHaveLength(3);

      // card-position-unknown-at-boot-cleared-when-reader-speaks: the card taken from the slot, its
      // removal journaled and nothing else left for staff: back in service by itself (ADR 0002)
      await contacts!.detach();
      const back = await ui2.waitForKiosk(
        (k) => k.mode !== 'outOfService' && k.mode !== 'maintenance',
        20_000,
      );
      expect(back.reason).not.toBe(ServiceReason.SELF_TEST_FAILED);
      expect(back.journeysOffered).toContain('balance');
      expect(stepsIn(boot.own, waited[1]!.id).at(-1)?.detail).toMatchObject({ where: 'taken' });
    },
    PCSCD_LOCK_TIMEOUT_MS + 120_000,
  );
});
