/**
 * The fault: a host act owed past the journal's retention and its grace is given up (ADR 0025),
 * and a release or reversal given up may leave a resident's money held at the host: staff must
 * hear of it, or nobody ever settles it. The fleet link tells each one as an `anomaly` event with
 * HOST_ACT_ABANDONED (the fleet raises an alert per event), those given up at the journal's boot
 * retention (before the link starts) and any later. host-act-given-up-alert-lost-at-crash: a boot
 * that died after the give-up, before its link started, lost the alert with the transaction the
 * next boot removed; now the alert derives from the journal (told, then journaled told, then
 * removed). The real journal on a SQLite file, one JournalService per boot; the fleet publisher a
 * stand-in that keeps the events.
 */
import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from '@jest/globals';
import type { KioskConfig } from '@kiosk/config';
import { ErrorCode } from '@kiosk/domain';
import { DataSource } from 'typeorm';
import { GIVEN_UP_TOLD_STEP } from '../../journal/given-up-told.js';
import { sqliteJournalOptions } from '../../journal/journal.data-source.js';
import { JournalService } from '../../journal/journal.service.js';
import { RELEASE_STEP } from '../../journeys/withdrawal-hold-release.js';
import type { FleetPublisher, KioskEventInput } from '../mqtt/fleet-publisher.js';
import { HostActsGivenUpToFleet } from './host-acts-given-up-to-fleet.js';

/** The fleet publisher's stand-in: keeps the events it queued; `deliver` says a monitor stored one. */
function publisherStandIn() {
  const told: KioskEventInput[] = [];
  const ids: string[] = [];
  const emitter = new EventEmitter();
  const publisher = Object.assign(emitter, {
    kioskId: 'JZ-0001',
    publishEvent: (event: KioskEventInput, id = randomUUID()) => {
      told.push(event);
      ids.push(id);
      return { ...event, id };
    },
  }) as unknown as FleetPublisher;
  return { publisher, told, ids, deliver: (index: number) => emitter.emit('delivered', { id: ids[index] }) };
}

const NOW = new Date('2026-11-26T00:00:00Z');
const LONG_AGO = new Date('2026-01-01T00:00:00Z');

describe('fault: a host act given up is not told to the fleet', () => {
  const dirs: string[] = [];
  const dbs: DataSource[] = [];
  afterEach(async () => {
    for (const db of dbs.splice(0)) await db.destroy();
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  /** A journal on a new file, or the next boot's on the file of `after` (its retention runs at its start). */
  async function journalOn(after?: JournalService): Promise<JournalService> {
    const dir = after ? dirs.at(-1)! : mkdtempSync(join(tmpdir(), 'kiosk-given-up-'));
    if (!after) dirs.push(dir);
    const db = new DataSource(sqliteJournalOptions(join(dir, 'journal.sqlite')));
    await db.initialize();
    dbs.push(db);
    const journal = new JournalService(db, {
      profile: 'test',
      kiosk: { id: 'JZ-0001' },
      journal: {
        driver: 'sqlite',
        path: join(dir, 'journal.sqlite'),
        retentionDays: 30,
        owedActGraceDays: 30,
      },
      fleet: {},
    } as KioskConfig);
    await journal.onModuleInit();
    return journal;
  }

  async function releaseNeverAnswered(journal: JournalService): Promise<string> {
    const tx = await journal.openTransaction('s-1', 'withdraw', LONG_AGO);
    await journal.sealPersonalData(tx, 'cardNumber', '410123456789');
    await journal.recordStep(tx, RELEASE_STEP, 'intent', { reason: 'timeout', amountFen: 20_000 });
    await journal.recordStep(tx, RELEASE_STEP, 'failed', { code: 'HOST_UNREACHABLE', triedAgain: true });
    await journal.closeTransaction(tx, 'completed', null, LONG_AGO);
    return tx;
  }

  it('tells each act given up as an anomaly with HOST_ACT_ABANDONED, those before the link started first, in its code alone', async () => {
    const journal = await journalOn();
    const { publisher, told, deliver } = publisherStandIn();
    await releaseNeverAnswered(journal);
    // given up by the boot's retention, before the fleet link starts: kept until told
    expect(await journal.applyRetention(NOW)).toBe(0);

    const link = new HostActsGivenUpToFleet(publisher, journal);
    link.onApplicationBootstrap();
    expect(told).toEqual([{ type: 'anomaly', code: ErrorCode.HOST_ACT_ABANDONED }]);

    // one given up while the link runs is told at once; queued, no monitor stored either: both kept
    await releaseNeverAnswered(journal);
    expect(await journal.applyRetention(NOW)).toBe(0);
    expect(told).toEqual([
      { type: 'anomaly', code: ErrorCode.HOST_ACT_ABANDONED },
      { type: 'anomaly', code: ErrorCode.HOST_ACT_ABANDONED },
    ]);
    // stored by a monitor: journaled told, and they go
    deliver(0);
    deliver(1);
    await link.whenRemoved();
    expect(await journal.applyRetention(NOW)).toBe(0);
    expect(journal.givenUp.all).toHaveLength(2);

    // stopped: nothing more told
    link.beforeApplicationShutdown();
    await releaseNeverAnswered(journal);
    // not told: kept for the next boot to tell
    expect(await journal.applyRetention(NOW)).toBe(0);
    expect(told).toHaveLength(2);
  });

  it('host-act-given-up-alert-lost-at-crash: given up at a boot that died before the link started, told at the next, journaled told, then removed', async () => {
    const first = await journalOn();
    const tx = await releaseNeverAnswered(first);
    // given up, then the kiosk dies: no fleet link listened in that run; the transaction stays
    expect(await first.applyRetention(NOW)).toBe(0);

    const second = await journalOn(first);
    const { publisher, told, deliver } = publisherStandIn();
    const link = new HostActsGivenUpToFleet(publisher, second);
    link.onApplicationBootstrap();
    expect(told).toEqual([{ type: 'anomaly', code: ErrorCode.HOST_ACT_ABANDONED }]);
    deliver(0);
    await link.whenJournaled();
    expect((await second.stepsOf(tx)).at(-1)).toMatchObject({ step: GIVEN_UP_TOLD_STEP, phase: 'event' });
    link.beforeApplicationShutdown();

    // told and journaled so: the next boot tells it no more, and its retention removes it
    const third = await journalOn(second);
    expect(third.givenUp.all).toEqual([]);
    expect(await third.stepsOf(tx)).toEqual([]);
    expect(await third.personalDataOf(tx)).toEqual({});
  });

  it("fault: a given-up act's transaction and its sealed card number kept until the boot after its alert: removed once a monitor stored the alert", async () => {
    const journal = await journalOn();
    const tx = await releaseNeverAnswered(journal);
    expect(await journal.applyRetention(NOW)).toBe(0);
    const { publisher, told, deliver } = publisherStandIn();
    const link = new HostActsGivenUpToFleet(publisher, journal);
    link.onApplicationBootstrap();
    expect(told).toEqual([{ type: 'anomaly', code: ErrorCode.HOST_ACT_ABANDONED }]);
    await link.whenJournaled();
    // queued, no monitor has it yet: not journaled told, kept
    expect(await journal.personalDataOf(tx)).toEqual({ cardNumber: '410123456789' });
    expect((await journal.stepsOf(tx)).map((s) => s.step)).not.toContain(GIVEN_UP_TOLD_STEP);

    deliver(0);
    await link.whenRemoved();
    expect(await journal.stepsOf(tx)).toEqual([]);
    expect(await journal.personalDataOf(tx)).toEqual({});
    link.beforeApplicationShutdown();
  });

  it('fault: the journal refuses the told step, the monitor stores the alert: kept for the next boot to tell, never removed untold', async () => {
    const journal = await journalOn();
    const tx = await releaseNeverAnswered(journal);
    expect(await journal.applyRetention(NOW)).toBe(0);
    await dbs.at(-1)!.query(
      `CREATE TRIGGER refuse BEFORE INSERT ON "journal_step"
       WHEN NEW."step" = '${GIVEN_UP_TOLD_STEP}' BEGIN SELECT RAISE(ABORT, 'no space'); END`,
    );
    const { publisher, deliver } = publisherStandIn();
    const link = new HostActsGivenUpToFleet(publisher, journal);
    link.onApplicationBootstrap();
    deliver(0);
    await link.whenRemoved();
    expect(await journal.personalDataOf(tx)).toEqual({ cardNumber: '410123456789' });
    expect((await journal.stepsOf(tx)).map((s) => s.step)).not.toContain(GIVEN_UP_TOLD_STEP);
    link.beforeApplicationShutdown();

    await dbs.at(-1)!.query('DROP TRIGGER refuse');
    const next = await journalOn(journal);
    expect(next.givenUp.all).toEqual([expect.objectContaining({ transactionId: tx })]);
  });
  it('staff-alert-dropped-on-long-broker-outage: journaled told when queued, an alert a long outage dropped was lost; now told only once stored, and told again at the next boot under the same id', async () => {
    const first = await journalOn();
    const tx = await releaseNeverAnswered(first);
    expect(await first.applyRetention(NOW)).toBe(0);
    const before = publisherStandIn();
    const link = new HostActsGivenUpToFleet(before.publisher, first);
    link.onApplicationBootstrap();
    expect(before.told).toHaveLength(1);
    await link.whenJournaled();
    // queued only (the broker away, the queue full): nothing journaled, the kiosk stopped
    expect((await first.stepsOf(tx)).map((s) => s.step)).not.toContain(GIVEN_UP_TOLD_STEP);
    link.beforeApplicationShutdown();

    const second = await journalOn(first);
    const after = publisherStandIn();
    const again = new HostActsGivenUpToFleet(after.publisher, second);
    again.onApplicationBootstrap();
    expect(after.told).toEqual([{ type: 'anomaly', code: ErrorCode.HOST_ACT_ABANDONED }]);
    // the same event id: the queue holds it once, the monitor stores it once
    expect(after.ids).toEqual(before.ids);
    after.deliver(0);
    await again.whenRemoved();
    expect(await second.stepsOf(tx)).toEqual([]);
    again.beforeApplicationShutdown();
  });
});
