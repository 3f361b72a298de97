/**
 * Fault: the commands file a release before kept beside the journal (`fleet-commands.json`, its last
 * acks) found torn, or whole with the instant of an earlier tear (`unknownBefore`), at a start, and
 * a command the kiosk ran before that start delivered again (QoS 1: its PUBACK lost with the
 * restart; or the monitor sending again a command whose ack it never stored). That release refused
 * every command issued before such a start by the monitor's clock (TELEMETRY_COMMAND_STATE_UNKNOWN),
 * one never run included, and ran one the clocks placed after it. Now the journal answers (ADR
 * 0027): the command run before is answered done from it and not run, one issued before the start
 * and never run runs, and the old file is neither read nor written. Real broker (the monitor's),
 * real journal (a SQLite file opened again at the start), the daemon's fleet commands service.
 */
import { describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { eventually } from '@kiosk/domain/testing';
import type { Command } from '@kiosk/fleet-monitor/contract';
import type { FleetPublisher } from '../mqtt/fleet-publisher.js';
import { publisherFleet, started } from '../mqtt/publisher-fleet.spec-support.js';
import { commandKiosk, type KioskStart } from './fleet-command-kiosk.spec-support.js';

const world = publisherFleet({ k1: 'secret-1' }, 'commands-file-torn-');
const kiosk = commandKiosk();

/** the start's link to the fleet, the daemon's way: its handler and the journal's record; `ran`: what it ran */
async function linked(start: KioskStart, ran: string[]): Promise<FleetPublisher> {
  return started(
    world.publisher({
      onCommand: (command) => {
        ran.push(command.id);
        return start.service.handle(command);
      },
      commandRecord: (command) => start.service.recorded(command),
    }),
  );
}

const files = {
  torn: '{"acks":[{"commandId":"',
  'whole, with the instant of a tear': JSON.stringify({ acks: [], unknownBefore: new Date().toISOString() }),
};

describe('commands-file-torn-command-delivered-again', () => {
  it.each(Object.entries(files))(
    "a release before's commands file %s: the command run before the start answered from the journal, not run; one issued before the start and never run runs",
    async (_, text) => {
      const first = await kiosk.start();
      const ranBefore: string[] = [];
      const before = await linked(first, ranBefore);
      // the commands whose ack reached the monitor, in order: the kiosk sends it after whatever it ran
      const acked: string[] = [];
      world.fleet.ingest.on('replyStored', ({ commandId }) => acked.push(commandId));
      const hold = await world.fleet.sendCommand('k1', { type: 'outOfService' }, 'zhang');
      await eventually(() => acked.includes(hold.id), 'the hold answered', { withinMs: 10_000 });
      expect(ranBefore).toEqual([hold.id]);
      await before.stop();
      const answeredBefore = acked.length;
      await first.powerCut();
      const commandsFile = join(kiosk.dir, 'fleet-commands.json');
      writeFileSync(commandsFile, text);

      const next = await kiosk.start();
      const ran: string[] = [];
      await linked(next, ran);
      // issued an hour before this start by the monitor's clock, never run: the old rule refused it
      const selfTest: Command = {
        id: randomUUID(),
        kioskId: 'k1',
        issuedAt: new Date(Date.now() - 3_600_000).toISOString(),
        issuedBy: 'zhang',
        type: 'runSelfTest',
      };
      await world.fleet.store.saveCommand(selfTest);
      await world.fleet.broker.publishCommand('k1', JSON.stringify(hold));
      await world.fleet.broker.publishCommand('k1', JSON.stringify(selfTest));
      // the kiosk takes its commands side by side: both answered (a hold run again in `ran` by then)
      await eventually(
        () => [hold.id, selfTest.id].every((id) => acked.slice(answeredBefore).includes(id)),
        'both deliveries answered by this start',
        { withinMs: 10_000 },
      );
      expect(ran).toEqual([selfTest.id]);
      // the hold once, and applied again by the start from its own file: never run again
      expect(kiosk.done.holds).toEqual(['REMOTE_OUT_OF_SERVICE', 'REMOTE_OUT_OF_SERVICE']);
      await eventually(
        async () =>
          (await world.fleet.store.commands('k1')).find((c) => c.id === selfTest.id)?.result === 'done',
        'the monitor stored the self test done',
        { withinMs: 10_000 },
      );
      expect(readFileSync(commandsFile, 'utf8')).toBe(text);
    },
  );
});
