/** Reading the command topic: once per id, answered from the record, coded refusals. */
import { describe, expect, it, jest } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import type { Command } from '@kiosk/fleet-monitor/contract';
import { CommandReceiver, type CommandHandler, type CommandOutcome } from './command-receiver.js';

const now = () => new Date('2026-11-27T01:00:00.000Z');
const message = (body: unknown) => Buffer.from(JSON.stringify(body));
function restart(kioskId = 'JZ-0001') {
  return { id: randomUUID(), kioskId, issuedAt: now().toISOString(), issuedBy: 'op', type: 'restart' };
}

describe('command receiver', () => {
  it('command the record holds (run before a restart): answered as recorded, not run again, whatever its expiry', async () => {
    const handler = jest.fn<CommandHandler>(() => ({ result: 'done' }));
    const recorded = new Map<string, CommandOutcome>();
    const record = (command: Command) => Promise.resolve(recorded.get(command.id));
    const ran = { ...restart(), expiresAt: '2026-11-27T00:59:59.999Z' };
    recorded.set(ran.id, { result: 'rejected', code: 'SESSION_BUSY' });
    const receiver = new CommandReceiver('JZ-0001', handler, now, record);
    expect(await receiver.receive(message(ran))).toMatchObject({
      kind: 'handled',
      firstTime: false,
      ack: { commandId: ran.id, result: 'rejected', code: 'SESSION_BUSY' },
    });
    // one the record does not hold runs, once
    const fresh = restart();
    expect(await receiver.receive(message(fresh))).toMatchObject({
      firstTime: true,
      ack: { result: 'done' },
    });
    expect(await receiver.receive(message(fresh))).toMatchObject({
      firstTime: false,
      ack: { result: 'done' },
    });
    expect(handler.mock.calls.map(([c]) => c.id)).toEqual([fresh.id]);
  });

  it('command delivered again while its record is still being read: read once, run once', async () => {
    const handler = jest.fn<CommandHandler>(() => ({ result: 'done' }));
    let answer: (outcome: CommandOutcome | undefined) => void = () => undefined;
    const record = jest.fn(() => new Promise<CommandOutcome | undefined>((resolve) => (answer = resolve)));
    const receiver = new CommandReceiver('JZ-0001', handler, now, record);
    const command = restart();
    const first = receiver.receive(message(command));
    const again = receiver.receive(message(command));
    answer(undefined);
    expect(await first).toMatchObject({ firstTime: true, ack: { result: 'done' } });
    expect(await again).toMatchObject({ firstTime: false, ack: { result: 'done' } });
    expect(record).toHaveBeenCalledTimes(1);
    expect(handler).toHaveBeenCalledTimes(1);
  });

  it('command delivered again while it still runs, after a hundred others answered: run once', async () => {
    let finish: () => void = () => undefined;
    const finished = new Promise<void>((resolve) => (finish = resolve));
    const slow = restart();
    const handler = jest.fn<CommandHandler>(async (c) => {
      if (c.id === slow.id) await finished;
      return { result: 'done' };
    });
    // the record holds nothing yet: the run has not journaled its intent (its record read came first)
    const receiver = new CommandReceiver('JZ-0001', handler, now, () => Promise.resolve(undefined));
    const first = receiver.receive(message(slow));
    for (let i = 0; i < 100; i += 1) await receiver.receive(message(restart()));
    const again = receiver.receive(message(slow));
    finish();
    expect(await first).toMatchObject({ firstTime: true, ack: { result: 'done' } });
    expect(await again).toMatchObject({ firstTime: false, ack: { result: 'done' } });
    expect(handler.mock.calls.filter(([c]) => c.id === slow.id)).toHaveLength(1);
  });

  it('record that cannot be read (journal fault): answered not run, TELEMETRY_COMMAND_JOURNAL_UNAVAILABLE, and not kept: run once the record reads', async () => {
    const handler = jest.fn<CommandHandler>(() => ({ result: 'done' }));
    let record = () => Promise.reject<undefined>(new Error('JOURNAL_READ_FAILED'));
    const receiver = new CommandReceiver('JZ-0001', handler, now, () => record());
    const asked = restart();
    expect(await receiver.receive(message(asked))).toMatchObject({
      kind: 'handled',
      firstTime: false,
      ack: { result: 'rejected', code: 'TELEMETRY_COMMAND_JOURNAL_UNAVAILABLE' },
    });
    expect(handler).not.toHaveBeenCalled();
    record = () => Promise.resolve(undefined);
    expect(await receiver.receive(message(asked))).toMatchObject({
      firstTime: true,
      ack: { result: 'done' },
    });
    expect(handler).toHaveBeenCalledTimes(1);
  });

  it('command that reaches the kiosk past its expiry (off the broker too long): refused with TELEMETRY_COMMAND_EXPIRED, never run; one run in time is acknowledged again', async () => {
    const handler = jest.fn<CommandHandler>(() => ({ result: 'done' }));
    let clock = now();
    const receiver = new CommandReceiver('JZ-0001', handler, () => clock);
    const late = { ...restart(), expiresAt: '2026-11-27T00:59:59.999Z' };
    expect(await receiver.receive(message(late))).toMatchObject({
      kind: 'refused',
      code: 'TELEMETRY_COMMAND_EXPIRED',
      commandId: late.id,
      ack: { commandId: late.id, result: 'rejected', code: 'TELEMETRY_COMMAND_EXPIRED' },
    });
    expect(handler).not.toHaveBeenCalled();

    const inTime = { ...restart(), expiresAt: '2026-11-27T01:00:00.001Z' };
    expect(await receiver.receive(message(inTime))).toMatchObject({
      kind: 'handled',
      ack: { result: 'done' },
    });
    clock = new Date('2026-11-27T02:00:00.000Z');
    expect(await receiver.receive(message(inTime))).toMatchObject({
      kind: 'handled',
      firstTime: false,
      ack: { result: 'done' },
    });
    expect(handler).toHaveBeenCalledTimes(1);
  });

  it('malformed command: refused with TELEMETRY_COMMAND_MALFORMED, acknowledged when it has an id', async () => {
    const handler = jest.fn<CommandHandler>(() => ({ result: 'done' }));
    const receiver = new CommandReceiver('JZ-0001', handler, now);
    const id = randomUUID();
    expect(await receiver.receive(message({ ...restart(), id, issuedAt: 'yesterday' }))).toMatchObject({
      kind: 'refused',
      code: 'TELEMETRY_COMMAND_MALFORMED',
      ack: { commandId: id, result: 'rejected', code: 'TELEMETRY_COMMAND_MALFORMED' },
    });
    expect(await receiver.receive(Buffer.from('not json'))).toEqual({
      kind: 'refused',
      code: 'TELEMETRY_COMMAND_MALFORMED',
    });
    expect(handler).not.toHaveBeenCalled();
  });

  it("a newer monitor's command of a type this kiosk does not know: refused with TELEMETRY_COMMAND_UNKNOWN and acknowledged, not left to expire", async () => {
    const handler = jest.fn<CommandHandler>(() => ({ result: 'done' }));
    const receiver = new CommandReceiver('JZ-0001', handler, now);
    const command = { ...restart(), type: 'reloadConfig', section: 'fees' };
    expect(await receiver.receive(message(command))).toEqual({
      kind: 'refused',
      code: 'TELEMETRY_COMMAND_UNKNOWN',
      commandId: command.id,
      ack: {
        commandId: command.id,
        kioskId: 'JZ-0001',
        result: 'rejected',
        code: 'TELEMETRY_COMMAND_UNKNOWN',
        at: now().toISOString(),
      },
    });
    // a known type with a field this kiosk does not know may change what it asks: malformed, not run
    expect(await receiver.receive(message({ ...restart(), force: true }))).toMatchObject({
      code: 'TELEMETRY_COMMAND_MALFORMED',
    });
    expect(handler).not.toHaveBeenCalled();
  });

  it('command for another kiosk: refused with TELEMETRY_COMMAND_FOR_OTHER_KIOSK', async () => {
    const handler = jest.fn<CommandHandler>(() => ({ result: 'done' }));
    expect(
      await new CommandReceiver('JZ-0001', handler, now).receive(message(restart('JZ-0002'))),
    ).toMatchObject({
      kind: 'refused',
      code: 'TELEMETRY_COMMAND_FOR_OTHER_KIOSK',
    });
    expect(handler).not.toHaveBeenCalled();
  });

  it('handler that throws: failed with TELEMETRY_COMMAND_FAILED', async () => {
    const handler: CommandHandler = () => {
      throw new Error('boom');
    };
    expect(await new CommandReceiver('JZ-0001', handler, now).receive(message(restart()))).toMatchObject({
      ack: { result: 'failed', code: 'TELEMETRY_COMMAND_FAILED' },
    });
  });
});
