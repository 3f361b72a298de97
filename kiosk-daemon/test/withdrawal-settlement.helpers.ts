/**
 * What withdrawal-settlement.browser works with: the relay that can lose the host's answers to
 * the settlement, the withdrawal as the host holds it, the staff log-in and log-out on the page,
 * the screen checked in both languages, and the verdict the journal kept.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Locator, Page } from 'playwright-core';
import type { HostProcess } from './daemon-process.js';
import { HttpRelay } from './http-relay.js';
import { typeStaffPinOnPad } from './maintenance-client.js';
import { checkBothLanguages as checkStaffScreen, type StaffLocale } from './staff-languages.js';
import type { UiClient } from './ui-client.js';

export const KIOSK_ID = 'JZ-9001';
export const KIOSK_KEY = 'test-kiosk-key-JZ-9001-not-secret';

/** The host's confirms and reversals of withdrawals pass on; while `loseAnswers`, their answers never come back. */
export class SettlementAnswerRelay extends HttpRelay {
  loseAnswers = false;
  readonly settles: string[] = [];

  protected async relay(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await this.bodyOf(req);
    const settle =
      req.method === 'POST' ? /^\/v1\/withdrawals\/[^/]+\/(confirm|reverse)$/.exec(req.url ?? '') : null;
    if (settle) this.settles.push(settle[1]!);
    const lose = settle !== null && this.loseAnswers;
    this.forward(req, res, body, (answer) => {
      if (lose) return; // the host acted; its answer is lost on the way back
      res.writeHead(answer.status, answer.headers);
      res.end(answer.body);
    });
  }
}

/** The kiosk's withdrawals the host holds that match `query`. */
export const heldAtHost = (host: HostProcess, query: string) =>
  host
    .as(KIOSK_ID, KIOSK_KEY)
    .request<{ withdrawals: { status: string; heldFen: number; transactionSerial?: string }[] }>(
      'GET',
      `/v1/withdrawals?${query}`,
    )
    .then((r) => r.withdrawals);

/** The withdrawal's staff screen in each language (screenshots `staff-withdrawal-<name>-<locale>.png`). */
export const checkBothLanguages = (
  page: Page,
  name: string,
  expectShown: (locale: StaffLocale) => Promise<void>,
  inView?: Locator,
) => checkStaffScreen(page, `withdrawal-${name}`, expectShown, inView);

/** Logs `staff` in on the page: the staff card number, then the PIN on the (demo) PIN pad. */
export async function logIn(page: Page, client: UiClient, staff: { id: string; pin: string }): Promise<void> {
  const login = page.getByTestId('staff-login');
  await login.waitFor({ timeout: 15_000 });
  await login.getByRole('textbox').fill(staff.id);
  await login.getByRole('button').click();
  // the PIN prompt, or the daemon's refusal of the log-in, said with its code
  await page.getByTestId('staff-pin-prompt').or(page.getByTestId('error-box')).first().waitFor();
  const refused = await page
    .getByTestId('error-box')
    .getAttribute('data-code', { timeout: 100 })
    .catch(() => null);
  if (refused !== null) throw new Error(`the staff log-in was refused: ${refused}`);
  await typeStaffPinOnPad(client, staff.pin);
  await page.getByTestId('staff-menu').waitFor({ timeout: 15_000 });
}

export async function logOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: /Log out|退出/ }).click();
  await page.getByTestId('staff-login').waitFor();
}

/** The staff verdicts journaled for `transactionId` in the folder's SQLite journal, and its status. */
export function verdictJournaled(
  dir: string,
  transactionId: string,
): { verdicts: unknown[]; status: unknown[] } {
  const db = new Database(join(dir, 'journal.sqlite'), { readonly: true });
  try {
    const verdicts = db
      .prepare(`SELECT detail FROM journal_step WHERE transactionId = ? AND step = 'recovery.staffVerdict'`)
      .all(transactionId) as { detail: string }[];
    return {
      verdicts: verdicts.map((v) => JSON.parse(v.detail) as unknown),
      status: db.prepare(`SELECT status FROM journal_transaction WHERE id = ?`).all(transactionId),
    };
  } finally {
    db.close();
  }
}
