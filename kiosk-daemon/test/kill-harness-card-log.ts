/**
 * The kill harness's check of the withdrawals' records on the resident's card log (ADR 0026), read
 * from the virtual card's file beside the journal (its chip outlives every kill): never more `W`
 * records than withdrawals the host paid (a record written twice), at least those the journal says
 * were written, at most those and the ones it says are not known; and every record's intent decided
 * (done, failed, or settled after it), never left as an intent alone by a recovery.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { World } from './kill-harness-world.js';

/** 'W' in ASCII: a log record's kind is its eighth byte (`social-security-card.protocol.ts`) */
const WITHDRAWAL_KIND_HEX = '57';

interface LogStep {
  transactionId: string;
  step: string;
  phase: string;
  detail: string | null;
}

export async function cardLogProblems(world: World, paidWithdrawals: number): Promise<string[]> {
  const file = join(world.dir, 'cards', `${world.resident.key}.card.json`);
  if (!existsSync(file)) return [];
  const { log } = JSON.parse(readFileSync(file, 'utf8')) as { log: string[] };
  const onCard = log.filter((hex) => hex.slice(14, 16) === WITHDRAWAL_KIND_HEX).length;
  const rows = await world.journal.all<LogStep>(
    `SELECT "transactionId", "step", "phase", "detail" FROM "journal_step" WHERE "step" IN ('card.logTransaction', 'card.logSettled') ORDER BY "id"`,
  );
  const problems: string[] = [];
  let written = 0;
  let unknown = 0;
  for (const transactionId of new Set(rows.map((r) => r.transactionId))) {
    const steps = rows.filter((r) => r.transactionId === transactionId);
    const done = steps.some((s) => s.step === 'card.logTransaction' && s.phase === 'done');
    const settled = steps.find((s) => s.step === 'card.logSettled');
    const said = settled ? (JSON.parse(settled.detail ?? '{}') as { written?: unknown }).written : undefined;
    if (done || said === true) written += 1;
    else if (said === 'unknown') unknown += 1;
    // failed and never said what it left on the chip: boot says it (`card-log-at-boot.ts`)
    else if (settled === undefined) problems.push(`${transactionId}: its card record left undecided`);
  }
  if (onCard > paidWithdrawals) {
    problems.push(`${onCard} withdrawal records on the card, the host paid ${paidWithdrawals} withdrawals`);
  }
  if (onCard < written || onCard > written + unknown) {
    problems.push(
      `${onCard} withdrawal records on the card, the journal says ${written} (+${unknown} not known)`,
    );
  }
  return problems;
}
