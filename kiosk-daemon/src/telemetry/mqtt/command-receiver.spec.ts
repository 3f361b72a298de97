/** Reading the command topic: once per id, coded refusals, acknowledgements kept across a restart. */
import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CommandReceiver, type CommandHandler } from './command-receiver.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'command-receiver-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const now = () => new Date('2026-11-27T01:00:00.000Z');
const message = (body: unknown) => Buffer.from(JSON.stringify(body));
function restart(kioskId = 'JZ-0001') {
  return { id: randomUUID(), kioskId, issuedAt: now().toISOString(), issuedBy: 'op', type: 'restart' };
}

describe('command receiver', () => {
  it('command redelivered after a daemon restart: acknowledged again, not run again', async () => {
    const file = join(dir, 'fleet-commands.json');
    const handler = jest.fn<CommandHandler>(() => ({ result: 'done' }));
    const command = restart();
    const first = await new CommandReceiver('JZ-0001', handler, now, file).receive(message(command));
    expect(first).toMatchObject({ kind: 'handled', firstTime: true, ack: { result: 'done' } });

    const again = await new CommandReceiver('JZ-0001', handler, now, file).receive(message(command));
    expect(again).toMatchObject({
      kind: 'handled',
      firstTime: false,
      ack: { commandId: command.id, result: 'done' },
    });
    expect(handler).toHaveBeenCalledTimes(1);
  });

  it.each([
    ['torn', '{ not json'],
    ['not the acks', '{"replies":[]}'],
  ])(
    'acknowledgements file %s: a command issued before the start is refused with TELEMETRY_COMMAND_STATE_UNKNOWN, never run, the refusal kept; one issued at the start runs',
    async (_, text) => {
      const file = join(dir, 'fleet-commands.json');
      writeFileSync(file, text);
      const handler = jest.fn<CommandHandler>(() => ({ result: 'done' }));
      const receiver = new CommandReceiver('JZ-0001', handler, now, file);
      expect(receiver.unreadable).toBeDefined();
      const earlier = { ...restart(), issuedAt: new Date(now().getTime() - 1).toISOString() };
      const refusal = { kind: 'refused', code: 'TELEMETRY_COMMAND_STATE_UNKNOWN', commandId: earlier.id };
      expect(await receiver.receive(message(earlier))).toMatchObject({
        ...refusal,
        ack: { commandId: earlier.id, result: 'rejected', code: refusal.code },
      });
      expect(await receiver.receive(message(restart()))).toMatchObject({ firstTime: true });
      expect(handler).toHaveBeenCalledTimes(1);

      const next = new CommandReceiver('JZ-0001', handler, now, file);
      expect(next.unreadable).toBeUndefined();
      expect(await next.receive(message(earlier))).toMatchObject({
        kind: 'handled',
        firstTime: false,
        ack: { result: 'rejected', code: refusal.code },
      });
      expect(handler).toHaveBeenCalledTimes(1);
    },
  );

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
