/**
 * Fault: the journal refused a fleet command before it acted (its transaction or its intent not
 * written, or the record of the commands not readable), and the command was acknowledged failed
 * TELEMETRY_COMMAND_FAILED, though it never ran and nothing of it was journaled. The monitor keeps
 * that first answer, while the same command delivered again later (the monitor sending its
 * unanswered commands again when the kiosk is back, a broker redelivery) ran: the operator saw
 * "failed" for a hold that was set. A delivery again in the same start got the kept "failed" and
 * never ran. Now it is answered rejected TELEMETRY_COMMAND_JOURNAL_UNAVAILABLE, an answer the
 * monitor does not keep as final (it waits for the kiosk's next answer, ADR 0027), and not kept by
 * the kiosk either: delivered again, in the start or after a restart, it runs once and is answered
 * as run; then it is answered from the journal, never run again. Real journal (a SQLite file
 * opened again at each start) refusing the writes, the daemon's receiver and service; and with the
 * kiosk's publisher and the fleet monitor (its embedded broker, in process): the command waits
 * there with its not-run answer and is sent again when the kiosk is back, then answered done.
 */
import { describe, expect, it } from '@jest/globals';
import { eventually } from '@kiosk/domain/testing';
import { publisherFleet, started } from '../mqtt/publisher-fleet.spec-support.js';
import {
  command,
  commandKiosk,
  KIOSK,
  refuse,
  type JournalRefusal,
  type KioskStart,
} from './fleet-command-kiosk.spec-support.js';

const kiosk = commandKiosk();
const REMOTE = 'REMOTE_OUT_OF_SERVICE';
const notRun = { result: 'rejected', code: 'TELEMETRY_COMMAND_JOURNAL_UNAVAILABLE' };

describe('fleet command journal refused then delivered again', () => {
  it.each<[JournalRefusal, { outcome: string | null; steps: string[] }[]]>([
    ['transaction', []],
    // the transaction opened, closed not run
    ['intent', [{ outcome: 'rejected', steps: [] }]],
    ['record read', []],
  ])(
    'its %s refused: answered not run (journal unavailable), nothing done; delivered again in the start, run once and answered done, then from the journal after a restart',
    async (what, notRunAudits) => {
      const start = await kiosk.start();
      const restore = refuse(start, what);
      const asked = command('outOfService');
      expect(await start.receive(asked)).toMatchObject({ kind: 'handled', ack: notRun });
      expect(kiosk.done.holds).toEqual([]);
      // the journal still at fault: delivered again, not run either
      expect(await start.receive(asked)).toMatchObject({ kind: 'handled', ack: notRun });
      expect(kiosk.done.holds).toEqual([]);

      restore();
      expect(await start.receive(asked)).toMatchObject({
        kind: 'handled',
        firstTime: true,
        ack: { result: 'done' },
      });
      expect(kiosk.done.holds).toEqual([REMOTE]);
      expect(await start.receive(asked)).toMatchObject({ firstTime: false, ack: { result: 'done' } });
      await start.powerCut();

      // after a restart, answered from the journal: the hold applied again by the start only
      const next = await kiosk.start();
      expect(await next.receive(asked)).toMatchObject({ firstTime: false, ack: { result: 'done' } });
      expect(kiosk.done.holds).toEqual([REMOTE, REMOTE]);
      expect(await kiosk.audits(next.journal, asked.id)).toEqual([
        ...notRunAudits,
        ...notRunAudits,
        { outcome: 'done', steps: ['fleet.outOfService:intent', 'fleet.outOfService:done'] },
      ]);
    },
  );

  it('its intent and close refused, the kiosk restarted before it came again: the transaction left without a step does not hold it, it runs once', async () => {
    const first = await kiosk.start();
    refuse(first, 'intent');
    refuse(first, 'close');
    const asked = command('restart');
    expect(await first.receive(asked)).toMatchObject({ kind: 'handled', ack: notRun });
    expect(kiosk.done.restarts).toBe(0);
    await first.powerCut();

    const next = await kiosk.start();
    expect(await next.receive(asked)).toMatchObject({ firstTime: true, ack: { result: 'done' } });
    expect(kiosk.done.restarts).toBe(1);
    expect(await kiosk.audits(next.journal, asked.id)).toEqual([
      { outcome: null, steps: [] },
      { outcome: 'done', steps: ['fleet.restart:intent', 'fleet.restart:done'] },
    ]);
    await next.powerCut();

    const third = await kiosk.start();
    expect(await third.receive(asked)).toMatchObject({ firstTime: false, ack: { result: 'done' } });
    expect(kiosk.done.restarts).toBe(1);
  });
});

describe('fleet command journal refused then sent again by the monitor', () => {
  const world = publisherFleet({ [KIOSK]: 'secret-jz' }, 'journal-refused-');
  const onTheFleet = (start: KioskStart) =>
    started(
      world.publisher({
        kioskId: KIOSK,
        password: 'secret-jz',
        heartbeatIntervalS: 1,
        onCommand: (c) => start.service.handle(c),
        commandRecord: (c) => start.service.recorded(c),
      }),
    );
  const row = async (id: string) => (await world.fleet.store.commands(KIOSK)).find((c) => c.id === id);

  it('its transaction refused: waiting on the monitor with its not-run answer, sent again when the kiosk is back after a restart, run once and stored done', async () => {
    const first = await kiosk.start();
    refuse(first, 'transaction');
    const link = await onTheFleet(first);
    const asked = await world.fleet.sendCommand(KIOSK, { type: 'outOfService' }, 'zhang');
    await eventually(async () => (await row(asked.id))?.code === notRun.code, 'the not-run answer stored', {
      withinMs: 5_000,
    });
    expect(await row(asked.id)).toMatchObject({ result: null });
    expect(kiosk.done.holds).toEqual([]);
    await link.stop();
    await first.powerCut();

    const next = await kiosk.start();
    await onTheFleet(next);
    await eventually(async () => (await row(asked.id))?.result === 'done', 'the run stored', {
      withinMs: 10_000,
    });
    expect(await row(asked.id)).toMatchObject({ result: 'done', code: null });
    expect(kiosk.done.holds).toEqual([REMOTE]);
  });
});
