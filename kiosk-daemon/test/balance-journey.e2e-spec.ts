/**
 * The balance journey through the real daemon process (the tsc output), then what the journal
 * gives auditors and what never leaves the PIN path.
 */
import { describeBalanceJourney, zhang } from './balance-journey-suite.js';
import { TSC_MAIN } from './daemon-process.js';
import { exportJournalAsSupervisor } from './journal-export-client.js';
import { pinOutcomesAnswered } from './journal-steps.js';
import { secretsShownIn } from './secrets-shown.js';

describeBalanceJourney('balance journey through the real daemon process', TSC_MAIN, (suite) => {
  it("exports the day's journal for auditors as JSON Lines and CSV, without personal data", async () => {
    // the PIN's outcome goes to the host in the background once journaled: its answer journaled
    // first, so the export holds the whole journey (the answer may come after the journey's close)
    await pinOutcomesAnswered(suite.daemon.journalPath);
    const today = new Date().toISOString().slice(0, 10);
    const jsonl = await exportJournalAsSupervisor(
      suite.daemon.url,
      suite.ui,
      `from=${today}&to=${today}&format=jsonl`,
    );
    expect(jsonl.status).toBe(200);
    const lines = jsonl.text
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as { journey: string; steps: unknown[] });
    // the card read, the PIN's verdict and its outcome told to the host (intent, done), the balance, the eject
    expect(lines.some((l) => l.journey === 'balance' && l.steps.length === 7)).toBe(true);
    const csv = (
      await exportJournalAsSupervisor(suite.daemon.url, suite.ui, `from=${today}&to=${today}&format=csv`)
    ).text;
    expect(csv.split('\r\n')[0]).toMatch(/^transactionId,kioskId,serial,journey/);
    expect(csv).toContain('card.eject,intent');
    for (const text of [JSON.stringify(lines), csv]) {
      expect(text).not.toContain(zhang.idNumber);
      expect(text).not.toContain(zhang.cardNumber);
    }
  });

  it('refuses an export with a bad date range with a coded 400', async () => {
    const res = await exportJournalAsSupervisor(suite.daemon.url, suite.ui, 'from=2026-12-01&to=2026-11-01');
    expect(res.status).toBe(400);
    expect(JSON.parse(res.text)).toMatchObject({ code: 'GATEWAY_MALFORMED_MESSAGE' });
  });

  it('never sends the PIN or the full ID number to the UI', () => {
    const all = suite.ui.traffic.join('\n');
    expect(all).toContain('showBalance');
    expect(all).not.toContain(zhang.idNumber);
    expect(all).not.toContain(zhang.cardNumber);
    expect(secretsShownIn(all, [zhang.cardPin])).toEqual([]);
  });

  it('never writes the PIN or the full ID number into its logs', () => {
    const logs = suite.daemon.output.join('\n');
    expect(logs).not.toContain(zhang.idNumber);
    expect(secretsShownIn(logs, [zhang.cardPin])).toEqual([]);
  });
});
