/**
 * Fault: a commands file torn at a start made that start refuse a command issued before it
 * (TELEMETRY_COMMAND_STATE_UNKNOWN, ADR 0027), but only that start. The first command the start ran
 * wrote the file anew with its own ack, so the start after read a whole file and knew nothing of the
 * tear: a command issued before the torn start, which may have run before it (its ack among those
 * lost) and had not come back yet (the monitor sends a kiosk's pending commands again when it sees it
 * back), ran at the start after: a hold undone or set again, a restart again. The file now keeps the
 * instant before which what ran is not known, and every later start refuses such a command too.
 */
import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CommandReceiver, type CommandHandler } from './command-receiver.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'commands-file-torn-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const KIOSK = 'JZ-0001';
const at = (iso: string) => () => new Date(iso);
const message = (body: unknown) => Buffer.from(JSON.stringify(body));
const command = (type: string, issuedAt: string) => ({
  id: randomUUID(),
  kioskId: KIOSK,
  issuedAt,
  issuedBy: 'op',
  type,
});

describe('fault: a commands file torn at a start is forgotten at the next start', () => {
  it('a command issued before the torn start, come back only after the next start: refused, never run', async () => {
    const file = join(dir, 'fleet-commands.json');
    writeFileSync(file, '{ torn');
    const handler = jest.fn<CommandHandler>(() => ({ result: 'done' }));
    // before the torn start: an outOfService the kiosk may have run, its ack lost with the file
    const hold = command('outOfService', '2026-11-27T00:59:00.000Z');

    // the torn start: an inService issued since runs, and writes the file anew
    const torn = new CommandReceiver(KIOSK, handler, at('2026-11-27T01:00:00.000Z'), file);
    expect(torn.unreadable).toBeDefined();
    const lift = command('inService', '2026-11-27T01:00:05.000Z');
    expect(await torn.receive(message(lift))).toMatchObject({ kind: 'handled', ack: { result: 'done' } });

    // the next start reads a whole file; the hold comes back now
    const next = new CommandReceiver(KIOSK, handler, at('2026-11-27T01:05:00.000Z'), file);
    expect(next.unreadable).toBeUndefined();
    expect(await next.receive(message(hold))).toMatchObject({
      kind: 'refused',
      code: 'TELEMETRY_COMMAND_STATE_UNKNOWN',
      commandId: hold.id,
      ack: { result: 'rejected' },
    });
    expect(handler.mock.calls.map(([c]) => c.type)).toEqual(['inService']);

    // one issued after the torn start, not run before: runs at the next start
    const later = command('runSelfTest', '2026-11-27T01:01:00.000Z');
    expect(await next.receive(message(later))).toMatchObject({ kind: 'handled', ack: { result: 'done' } });
    expect(handler.mock.calls.map(([c]) => c.type)).toEqual(['inService', 'runSelfTest']);
  });

  it('a file that read at every start: a command issued before a start runs as before', async () => {
    const file = join(dir, 'fleet-commands.json');
    const handler = jest.fn<CommandHandler>(() => ({ result: 'done' }));
    const first = new CommandReceiver(KIOSK, handler, at('2026-11-27T01:00:00.000Z'), file);
    await first.receive(message(command('inService', '2026-11-27T01:00:05.000Z')));
    const next = new CommandReceiver(KIOSK, handler, at('2026-11-27T01:05:00.000Z'), file);
    const before = command('runSelfTest', '2026-11-27T00:59:00.000Z');
    expect(await next.receive(message(before))).toMatchObject({ kind: 'handled', ack: { result: 'done' } });
  });
});
