/**
 * Fault: the kiosk restarted (a power cut, a kill) in the middle of a fleet command, and the command
 * delivered again after the start (its PUBACK lost with the restart, or the monitor sending its
 * pending commands again when the kiosk is back). The commands file knew nothing of a command not
 * answered yet, so it ran again: a hold set a second time after the operator's return to service,
 * a second restart. Now the journal answers (ADR 0027): the command's intent is journaled before it
 * acts, so one found without its outcome is refused TELEMETRY_COMMAND_STATE_UNKNOWN and never run
 * again; one whose outcome was journaled gets that outcome; one run and answered gets its answer.
 * Real journal (a SQLite file, opened again at each start), the daemon's receiver and service.
 */
import { describe, expect, it } from '@jest/globals';
import { eventually } from '@kiosk/domain/testing';
import type { Command, CommandType } from '@kiosk/fleet-monitor/contract';
import { command, commandKiosk, type Done, type KioskStart } from './fleet-command-kiosk.spec-support.js';

const kiosk = commandKiosk();
const REMOTE = 'REMOTE_OUT_OF_SERVICE';

/** what each command did, once, when cut after its act (the hold applied again by the boot: not a run) */
const actedOnce: Record<CommandType, (id: string) => Partial<Done>> = {
  outOfService: () => ({ holds: [REMOTE, REMOTE], releases: 0 }),
  inService: () => ({ holds: [], releases: 1 }),
  restart: () => ({ restarts: 0 }),
  runSelfTest: () => ({ holds: [], releases: 0, restarts: 0 }),
  uploadJournalExtract: (id) => ({ uploads: [id] }),
};

/**
 * A `type` command received by a start whose journal writes no outcome step or close ('outcome'), or
 * no close ('close'), from then on, that start cut once the first such write was asked for (the act,
 * and with 'close' its outcome, done before it); then the next start.
 */
async function cutThenStartedAgain(
  type: CommandType,
  from: 'outcome' | 'close',
): Promise<{ asked: Command; next: KioskStart }> {
  const first = await kiosk.start();
  first.cut(from);
  const asked = command(type);
  void first.receive(asked);
  await eventually(() => first.cutWrites.length > 0, `the act done, its ${from} cut`, { withinMs: 10_000 });
  await first.powerCut();
  return { asked, next: await kiosk.start() };
}

describe('fleet command redelivered after a restart mid-command', () => {
  it.each(Object.keys(actedOnce) as CommandType[])(
    '%s cut after its act, before its outcome was journaled: refused TELEMETRY_COMMAND_STATE_UNKNOWN at the next start, never run again',
    async (type) => {
      const { asked, next } = await cutThenStartedAgain(type, 'outcome');
      expect(await next.receive(asked)).toMatchObject({
        kind: 'handled',
        firstTime: false,
        ack: { commandId: asked.id, result: 'rejected', code: 'TELEMETRY_COMMAND_STATE_UNKNOWN' },
      });
      // and again, answered the same from this start's memory
      expect(await next.receive(asked)).toMatchObject({
        firstTime: false,
        ack: { result: 'rejected', code: 'TELEMETRY_COMMAND_STATE_UNKNOWN' },
      });
      expect(kiosk.done).toMatchObject(actedOnce[type](asked.id));
      expect(await kiosk.audits(next.journal, asked.id)).toEqual([
        { outcome: null, steps: [`fleet.${type}:intent`] },
      ]);
    },
  );

  it('restart cut after its outcome was journaled, before the close and the ack: answered done at the next start, not restarted again', async () => {
    const { asked, next } = await cutThenStartedAgain('restart', 'close');
    expect(await next.receive(asked)).toMatchObject({
      kind: 'handled',
      firstTime: false,
      ack: { commandId: asked.id, result: 'done' },
    });
    // the restart this start is was the command's (cut before its own ask): none asked again
    expect(kiosk.done.restarts).toBe(0);
  });

  it('outOfService run and answered, delivered again after a restart and after an inService: answered done, the hold not set again', async () => {
    const first = await kiosk.start();
    const hold = command('outOfService');
    expect(await first.receive(hold)).toMatchObject({ firstTime: true, ack: { result: 'done' } });
    const lift = command('inService');
    expect(await first.receive(lift)).toMatchObject({ firstTime: true, ack: { result: 'done' } });
    await first.powerCut();

    const next = await kiosk.start();
    expect(await next.receive(hold)).toMatchObject({ firstTime: false, ack: { result: 'done' } });
    expect(await next.receive(lift)).toMatchObject({ firstTime: false, ack: { result: 'done' } });
    // the hold once, lifted once, none applied at the next start (lifted before it)
    expect(kiosk.done).toMatchObject({ holds: [REMOTE], releases: 1 });
  });

  it('restart run and answered, delivered again after the restart it asked for: answered done, no restart loop', async () => {
    const first = await kiosk.start();
    const asked = command('restart');
    expect(await first.receive(asked)).toMatchObject({ firstTime: true, ack: { result: 'done' } });
    expect(kiosk.done.restarts).toBe(1);
    await first.powerCut();

    const next = await kiosk.start();
    expect(await next.receive(asked)).toMatchObject({ firstTime: false, ack: { result: 'done' } });
    expect(kiosk.done.restarts).toBe(1);
  });
});
