/**
 * `npm run bench`: runs every benchmark and writes bench/RESULTS.md. Ratios are against a
 * baseline run in the same run on the same machine, never against a number from elsewhere.
 */
import { writeFileSync } from 'node:fs';
import { arch, cpus, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import { cardMakingSection, measureCardMaking } from './card-making.bench.js';
import { journeySection, measureJourneyRun, measureStartupRun, startupSection } from './issue3.bench.js';
import { journalSection, measureJournalCommits } from './journal.bench.js';
import { journalReadSection, measureJournalReads } from './journal-read.bench.js';
import { measurePcsc, pcscSection } from './pcsc.bench.js';
import { measureReceipt, receiptSection } from './receipt.bench.js';
import { measureTouchLatency, touchLatencySection } from './touch-latency.bench.js';
import { dashboardLatencySection, measureDashboardLatency } from './fleet-dashboard.bench.js';
import { measureStatusBurst, statusBurstSection } from './fleet-status-burst.bench.js';

const RESULTS = fileURLToPath(new URL('../RESULTS.md', import.meta.url));
const JOURNAL_COMMITS = 2000;

const fmt = (n: number, digits = 1) => n.toFixed(digits);

async function main(): Promise<void> {
  const startup = await measureStartupRun();
  const journeys = await measureJourneyRun();

  const journal = await measureJournalCommits(JOURNAL_COMMITS);

  const lines = [
    '# Benchmark results',
    '',
    `Written by \`npm run bench\` on ${new Date().toISOString().slice(0, 10)}; ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'} (${arch()}), ${fmt(totalmem() / 2 ** 30, 0)} GiB, Node ${process.version}.`,
    'Every ratio is against a baseline measured in the same run.',
    '',
    ...startupSection([startup]),
    ...journeySection(journeys),
  ];
  lines.push(...journalSection(JOURNAL_COMMITS, journal));
  lines.push(...journalReadSection(await measureJournalReads()));
  lines.push(...pcscSection(await measurePcsc()));
  lines.push(...receiptSection(await measureReceipt()));
  lines.push(...cardMakingSection(await measureCardMaking()));
  lines.push(...touchLatencySection(await measureTouchLatency()));
  lines.push(...dashboardLatencySection(await measureDashboardLatency()));
  lines.push(...statusBurstSection(await measureStatusBurst()));
  writeFileSync(RESULTS, lines.join('\n'));
  process.stdout.write(lines.join('\n'));
}

await main();
