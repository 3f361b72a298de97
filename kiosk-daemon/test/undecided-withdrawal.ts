/**
 * A withdrawal recovery cannot decide, for specs: the daemon is killed right after journaling the
 * dispense of 200 yuan (`journal.crashAt=after:cash.dispense:intent`), and two notes leave the
 * upper cassette while it is down, so at the next boot nobody knows where the cash went. The bundled
 * daemon (`daemonStart`), as the specs' next boots on the journal.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEMO_RESIDENTS } from '@kiosk/domain';
import { startDaemon } from './daemon-process.js';
import { daemonStart } from './kill-harness-world.js';
import { UiClient } from './ui-client.js';

/** What the dispenser holds after the two notes left: each cassette's notes and the bins'. */
export interface DispenserLeft {
  readonly cassettes: readonly { readonly id: string; readonly count: number }[];
  /** each cassette's notes before the withdrawal (as its dispense intent journaled them) */
  readonly cassettesBefore: readonly { readonly id: string; readonly count: number }[];
  readonly rejectBin: number;
  readonly retractBin: number;
}

/** Runs the first daemon in `dir` with `args` up to its kill, then takes the two notes. */
export async function killDuringDispenseWithNotesMissing(
  dir: string,
  args: readonly string[],
): Promise<DispenserLeft> {
  const li = DEMO_RESIDENTS.find((r) => r.key === 'li')!;
  const first = await startDaemon(
    [...args, '--set', 'journal.crashAt=after:cash.dispense:intent'],
    daemonStart(dir),
  );
  const ui = new UiClient(first.url);
  await ui.connected();
  await ui.startWithCardAndPin('withdraw', li.key, li.cardPin);
  await ui.waitForSession((v) => v?.step === 'placeIdCard');
  await ui.emit('demo.idCard', { action: 'place', idCardId: li.key });
  await ui.waitForSession((v) => v?.step === 'chooseAmount');
  void ui.emit('session.amount', { amountFen: 20_000 }).catch(() => undefined);
  expect((await first.ended).signal).toBe('SIGKILL');
  ui.close();

  // two notes left the upper cassette while the kiosk was down, and nobody knows where to
  const stateFile = join(dir, 'cash-dispenser.json');
  const state = JSON.parse(readFileSync(stateFile, 'utf8')) as DispenserLeft & {
    cassettes: { id: string; count: number }[];
  };
  const cassettesBefore = state.cassettes.map((c) => ({ id: c.id, count: c.count }));
  state.cassettes[0]!.count -= 2;
  writeFileSync(stateFile, JSON.stringify(state));
  return {
    cassettes: state.cassettes.map((c) => ({ id: c.id, count: c.count })),
    cassettesBefore,
    rejectBin: state.rejectBin,
    retractBin: state.retractBin,
  };
}

/**
 * The kill above, then the next boot on its journal with `more` arguments (a fleet's, say): its
 * recovery leaves the withdrawal for staff, so its self test fails (SELF_TEST_FAILED).
 */
export async function bootAfterUndecidedWithdrawal(
  dir: string,
  args: readonly string[],
  more: readonly string[],
) {
  await killDuringDispenseWithNotesMissing(dir, args);
  return startDaemon([...args, ...more], daemonStart(dir));
}
