/**
 * Fault: the kiosk's file of the commands it answered (`fleet-commands.json`) found torn at a start,
 * and a command it had run before that start delivered again (QoS 1: its PUBACK lost with the
 * restart; or the monitor sending again a command whose ack it never stored). Read as "nothing
 * answered", the kiosk ran it a second time: an operator's hold set again after the return to
 * service that followed it, a restart done twice. Now a command issued before the start is refused
 * with TELEMETRY_COMMAND_STATE_UNKNOWN, never run, told to the fleet (the refusal) and kept, so a
 * later start refuses it too; a command issued since runs (ADR 0027). Real broker (the monitor's).
 */
import { describe, expect, it, jest } from '@jest/globals';
import { once } from 'node:events';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from '@kiosk/fleet-monitor/contract';
import type { CommandHandler } from './command-receiver.js';
import { publisherFleet, started } from './publisher-fleet.spec-support.js';

const world = publisherFleet({ k1: 'secret-1' }, 'commands-file-torn-');

describe('commands-file-torn-command-delivered-again', () => {
  it('refuses a command issued before the start with a code, never runs it, and runs one issued since', async () => {
    const commandsFile = join(world.dir, 'fleet-commands.json');
    const ranBefore = jest.fn<CommandHandler>(() => ({ result: 'done' }));
    const before = await started(world.publisher({ commandsFile, onCommand: ranBefore }));
    const handled = once(before, 'commandHandled');
    const hold = await world.fleet.sendCommand('k1', { type: 'outOfService' }, 'zhang');
    await handled;
    expect(ranBefore).toHaveBeenCalledTimes(1);
    await before.stop();
    // the file as a power cut or an editor left it
    writeFileSync(commandsFile, '{"acks":[{"commandId":"');

    const ran = jest.fn<CommandHandler>(() => ({ result: 'done' }));
    const after = await started(world.publisher({ commandsFile, onCommand: ran }));
    expect(after.commandsUnknown).toMatch(/not JSON/);
    // whichever comes: refused, or run a second time (the fault)
    const answered = Promise.race([
      once(after, 'commandRefused').then(([refusal]) => refusal as unknown),
      once(after, 'commandHandled').then(([command]) => ({ ranAgain: (command as Command).id })),
    ]);
    await world.fleet.broker.publishCommand('k1', JSON.stringify(hold));
    expect(await answered).toEqual({ code: 'TELEMETRY_COMMAND_STATE_UNKNOWN', commandId: hold.id });
    expect(ran).not.toHaveBeenCalled();

    // a command the operator sends since the start runs; messages are taken in order, so by its
    // run the hold's second delivery (below) has been answered from the refusal kept
    await world.fleet.broker.publishCommand('k1', JSON.stringify(hold));
    const returned = once(after, 'commandHandled');
    const back = await world.fleet.sendCommand('k1', { type: 'inService' }, 'zhang');
    expect(((await returned)[0] as Command).id).toBe(back.id);
    expect(ran.mock.calls.map(([command]) => command.id)).toEqual([back.id]);
    await after.stop();

    // the refusal outlives the next start: the file reads again and the hold is still not run
    const ranLater = jest.fn<CommandHandler>(() => ({ result: 'done' }));
    const later = await started(world.publisher({ commandsFile, onCommand: ranLater }));
    expect(later.commandsUnknown).toBeUndefined();
    await world.fleet.broker.publishCommand('k1', JSON.stringify(hold));
    const selfTest = once(later, 'commandHandled');
    const test = await world.fleet.sendCommand('k1', { type: 'runSelfTest' }, 'zhang');
    expect(((await selfTest)[0] as Command).id).toBe(test.id);
    expect(ranLater.mock.calls.map(([command]) => command.id)).toEqual([test.id]);
  });
});
