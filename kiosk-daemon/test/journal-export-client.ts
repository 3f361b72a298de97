/**
 * The auditors' export of a running daemon's journal, for specs: a supervisor logs in at the kiosk
 * (staff card, PIN on the demo pad), takes `GET /journal/export`, and logs out, the kiosk leaving
 * maintenance. The visit is itself in the journal it exported (open, with its export step).
 */
import { DEMO_SUPERVISOR, maintenanceCall, staffLogIn } from './maintenance-client.js';
import type { UiClient } from './ui-client.js';

export interface ExportAnswer {
  readonly status: number;
  readonly text: string;
}

/** The export's answer to `query` (from=…&to=…[&format=…]) within a supervisor's visit. */
export async function exportJournalAsSupervisor(
  baseUrl: string,
  ui: UiClient,
  query: string,
): Promise<ExportAnswer> {
  const login = await staffLogIn(baseUrl, ui, DEMO_SUPERVISOR);
  if (login.status !== 200) throw new Error(`supervisor log-in refused: ${JSON.stringify(login.body)}`);
  const token = (login.body as { token: string }).token;
  try {
    const response = await fetch(`${baseUrl}/journal/export?${query}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    return { status: response.status, text: await response.text() };
  } finally {
    await maintenanceCall(baseUrl, 'POST', '/maintenance/logout', { token });
    await ui.waitForKiosk((v) => v.mode !== 'maintenance');
  }
}

/** Today's journal (UTC day) as JSON Lines, exported by a supervisor. */
export async function journalOfToday(baseUrl: string, ui: UiClient): Promise<string> {
  const day = new Date().toISOString().slice(0, 10);
  const answer = await exportJournalAsSupervisor(baseUrl, ui, `from=${day}&to=${day}`);
  if (answer.status !== 200) throw new Error(`journal export refused: ${answer.text}`);
  return answer.text;
}

/** One transaction of a journal export (JSON Lines), as the specs read it. */
export interface ExportedTransaction {
  readonly journey: string;
  readonly sessionId: string;
  readonly outcome: string | null;
  readonly steps: readonly { readonly step: string; readonly phase: string }[];
}

/** The transactions of a journal export (JSON Lines: one transaction a line), in its order. */
export function exportedTransactions(exported: string): ExportedTransaction[] {
  return exported
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as ExportedTransaction);
}
