/**
 * A card making recovery cannot decide, for specs: a new card of `wang` waits at the slot, nobody
 * takes it, the daemon is killed right after journaling its pull-back
 * (`journal.crashAt=after:card.retract:intent`); while it is down the card leaves the slot and the
 * printer is replaced by a model that does not count its bin (`UNCOUNTED`: it refuses the counters
 * read, as a real one without counters does), so at the next boot the kiosk reads no reject bin
 * count, recovery cannot tell whether the card was pulled in or taken and journals
 * `recovery.needsStaff`. Say what happened to the card (`rejected`, or `taken` by the resident); the
 * next boots start with the arguments answered.
 * The bundled daemon (`daemonStart`), as the specs' next boots on the journal.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEMO_RESIDENTS } from '@kiosk/domain';
import { startDaemon } from './daemon-process.js';
import { daemonStart } from './kill-harness-world.js';
import { latestTransaction } from './recovery-world.js';
import { UiClient } from './ui-client.js';
import { UNCOUNTED } from './uncounted-bin-kiosk.js';

/**
 * Starts a card making once the kiosk offers it (within `offeredWithinMs`) and places the
 * resident's ID card.
 */
export async function startCardMaking(
  ui: UiClient,
  idCardId: string,
  offeredWithinMs = 15_000,
): Promise<void> {
  await ui.connected();
  await ui.waitForKiosk((k) => k.journeysOffered.includes('issueCard'), offeredWithinMs);
  expect(await ui.emit('session.start', { journey: 'issueCard' })).toEqual({ ok: true });
  await ui.waitForSession((v) => v?.step === 'placeIdCard');
  await ui.emit('demo.idCard', { action: 'place', idCardId });
}

/**
 * The new card waiting at the printer's slot leaves it while the kiosk is down: `issued` (the
 * resident took it) or `rejected` (into the reject bin, which holds one more).
 */
export function cardLeavesSlot(dir: string, to: 'issued' | 'rejected'): void {
  const stateFile = join(dir, 'card-printer.json');
  const state = JSON.parse(readFileSync(stateFile, 'utf8')) as Record<string, number | string | null>;
  expect(state.position).toBe('outputSlot');
  const one = (count: string) => ({ [count]: (state[count] as number) + 1 });
  writeFileSync(
    stateFile,
    JSON.stringify({
      ...state,
      ...one(to),
      ...(to === 'rejected' && one('rejectBin')),
      position: 'none',
      cardId: null,
    }),
  );
}

/**
 * Runs the first daemon in `dir` with `args` (an external host, so the application outlives it)
 * up to its kill during the retract, then moves the card; answers the transaction's id and the
 * arguments of the next boots (`args` with the printer that does not count its bin).
 */
export async function killDuringRetractWithCardGone(
  dir: string,
  args: readonly string[],
  card: 'rejected' | 'taken',
): Promise<{ transactionId: string; later: string[] }> {
  const wang = DEMO_RESIDENTS.find((r) => r.key === 'wang')!;
  const first = await startDaemon(
    [...args, '--set', 'timeouts.cardTakeMs=1500', '--set', 'journal.crashAt=after:card.retract:intent'],
    daemonStart(dir),
  );
  const ui = new UiClient(first.url);
  try {
    await startCardMaking(ui, wang.key);
    await ui.waitForSession((v) => v?.step === 'takeNewCard', 60_000);
    // nobody takes it: the retract is journaled, then the power is cut
    expect((await first.ended).signal).toBe('SIGKILL');
  } finally {
    ui.close();
  }
  cardLeavesSlot(dir, card === 'rejected' ? 'rejected' : 'issued');
  return { transactionId: latestTransaction(dir, 'issueCard'), later: [...args, ...UNCOUNTED] };
}
