/** Journal extracts a kiosk uploads: stored once per command (and acked to the kiosk), refused outside the contract. */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { KioskAccess } from '../broker/kiosk-access.js';
import type { FleetStore } from '../store/fleet-store.js';
import { SqliteFleetStore } from '../store/sqlite-fleet-store.js';
import { FleetIngest } from './fleet-ingest.js';

let store: FleetStore;
let ingest: FleetIngest;
const at = '2026-11-27T01:00:00.000Z';

beforeEach(() => {
  store = new SqliteFleetStore(':memory:');
  ingest = new FleetIngest(store, () => new Date(at));
});
afterEach(() => store.close());

const send = (topic: string, body: unknown): Promise<void> =>
  ingest.accept(topic, Buffer.from(JSON.stringify(body)));

/** An extract of a command the operator asked of the kiosk (saved first), or of `commandId` asked of none. */
async function asked(commandId?: string): Promise<Record<string, unknown>> {
  if (commandId !== undefined) return extract(commandId);
  const id = randomUUID();
  await store.saveCommand({
    id,
    kioskId: 'JZ-0001',
    type: 'uploadJournalExtract',
    issuedAt: at,
    issuedBy: 'ops',
    from: '2026-11-27T00:00:00Z',
    to: '2026-11-27T01:00:00Z',
  });
  return extract(id);
}

function extract(commandId: string): Record<string, unknown> {
  return {
    commandId,
    kioskId: 'JZ-0001',
    from: '2026-11-27T00:00:00Z',
    to: '2026-11-27T01:00:00Z',
    transactions: 1,
    jsonl: '{"id":"JZ-0001-000001","journey":"balance","maskedCardNumber":"A12*****210","steps":[]}\n',
    at,
  };
}

describe('journal extract ingest', () => {
  it('stores an extract with its size, and keeps the first copy of a redelivered one', async () => {
    const sent = await asked();
    await send('kiosk/JZ-0001/journal-extract', sent);
    await send('kiosk/JZ-0001/journal-extract', { ...sent, jsonl: '' });
    expect(await store.journalExtracts('JZ-0001')).toEqual([
      expect.objectContaining({ commandId: sent['commandId'], transactions: 1, bytes: 88, receivedAt: at }),
    ]);
    expect(await store.journalExtractBody('JZ-0001', sent['commandId'] as string)).toBe(sent['jsonl']);
    expect(ingest.counters.journalExtracts).toBe(2);
  });

  it('an extract and a command ack are acked to the kiosk when stored, a repeat too; a refused one is not', async () => {
    const stored: unknown[] = [];
    ingest.on('replyStored', (reply) => stored.push(reply));
    const sent = await asked();
    const commandId = sent['commandId'] as string;
    await send('kiosk/JZ-0001/journal-extract', sent);
    await send('kiosk/JZ-0001/journal-extract', sent);
    await send('kiosk/JZ-0001/commands/ack', { commandId, kioskId: 'JZ-0001', result: 'done', at });
    await send('kiosk/JZ-0001/journal-extract', { ...(await asked()), transactions: -1 });
    await send('kiosk/JZ-0001/commands/ack', { commandId, kioskId: 'JZ-0001', result: 'finished', at });
    const reply = (of: string): unknown => ({ kioskId: 'JZ-0001', of, commandId });
    expect(stored).toEqual([reply('journalExtracts'), reply('journalExtracts'), reply('commandAcks')]);
  });

  it('journal extract of no command stored: nothing kept, acked so the kiosk lets it go', async () => {
    const stored: unknown[] = [];
    ingest.on('replyStored', (reply) => stored.push(reply));
    const unasked = await asked(randomUUID());
    await send('kiosk/JZ-0001/journal-extract', unasked);
    expect(await store.journalExtracts('JZ-0001')).toEqual([]);
    expect(await store.journalExtractBody('JZ-0001', unasked['commandId'] as string)).toBeUndefined();
    expect(stored).toEqual([{ kioskId: 'JZ-0001', of: 'journalExtracts', commandId: unasked['commandId'] }]);
  });

  it('extract with personal data smuggled into an extra field: stored without that field, its value nowhere', async () => {
    // an unknown field is left out (a newer kiosk's, ADR 0018), so nothing rides in on one
    await send('kiosk/JZ-0001/journal-extract', { ...(await asked()), residentName: '张三明' });
    expect(await store.journalExtracts('JZ-0001')).toHaveLength(1);
    expect(JSON.stringify(await store.journalExtracts('JZ-0001'))).not.toContain('张三明');
    expect(ingest.counters).toMatchObject({ rejected: 0, withUnknown: 1 });
  });

  it('extract published under another kiosk’s topic: refused by the broker and by the ingest', async () => {
    const access = new KioskAccess(new Map());
    expect(access.mayPublish('JZ-0002', 'kiosk/JZ-0001/journal-extract')).toBe('topicNotOwn');
    expect(access.mayPublish('JZ-0001', 'kiosk/JZ-0001/journal-extract')).toBe(true);
    await send('kiosk/JZ-0002/journal-extract', await asked());
    expect(await store.journalExtracts('JZ-0001')).toEqual([]);
    expect(ingest.counters.rejected).toBe(1);
  });
});
