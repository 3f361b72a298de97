/**
 * What the journal keeps in memory of closed transactions stays within the closed ones' bound: a
 * transaction read closed from the store (a late write after a restart) keeps its last step number
 * only while it is remembered closed; once forgotten, its number is read again with its state.
 */
import type { DataSource } from './typeorm-runtime.js';
import { KnownTransactions } from './known-transactions.js';

function storeOfClosedTransactions() {
  const queried: string[] = [];
  const db = {
    options: { type: 'better-sqlite3' },
    query: (_sql: string, [id]: [string, string]) => {
      queried.push(id);
      return Promise.resolve([{ status: 'closed', last: 5 }]);
    },
  } as unknown as DataSource;
  return { known: new KnownTransactions(db), queried };
}

describe('closed transactions read from the store', () => {
  it('one still remembered closed numbers its next late step without a read', async () => {
    const { known, queried } = storeOfClosedTransactions();
    expect(await known.read('t0')).toBe('closed');
    expect(await known.nextSeq('t0')).toBe(6);
    expect(await known.nextSeq('t0')).toBe(7);
    expect(queried).toEqual(['t0']);
  });

  it('fault: one forgotten past the bound kept its step number for the daemon’s life: now read again', async () => {
    const { known, queried } = storeOfClosedTransactions();
    await known.read('t0');
    expect(await known.nextSeq('t0')).toBe(6);
    for (let i = 1; i <= 1000; i += 1) await known.read(`t${i}`);
    expect(known.stateOf('t0')).toBeUndefined();
    queried.length = 0;
    // its number and state come from the store again, as for any transaction this run does not know
    expect(await known.nextSeq('t0')).toBe(6);
    expect(queried).toEqual(['t0']);
  });
});
