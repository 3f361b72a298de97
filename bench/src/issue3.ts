/**
 * `npm run issue3 -w @kiosk/bench [-- runs]`: issue 3's benchmarks alone, the start-up `runs` times
 * (default 3; the run with the median ratio is tabled, every ratio listed), then the balance
 * journeys. Their two sections of bench/RESULTS.md are replaced; the other sections stay as the
 * last `npm run bench` wrote them.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  journeySection,
  measureJourneyRun,
  measureStartupRun,
  startupSection,
  type StartupRun,
} from './issue3.bench.js';

const RESULTS = fileURLToPath(new URL('../RESULTS.md', import.meta.url));
const FIRST = '## Daemon start-up (issue 3)';
const NEXT = '## Journal commits (issue 9)';

const runs = Math.max(1, Number(process.argv[2] ?? 3));
const startups: StartupRun[] = [];
for (let i = 0; i < runs; i += 1) startups.push(await measureStartupRun());
const journeys = await measureJourneyRun();
const sections = [
  ...startupSection(startups),
  ...journeySection(journeys),
  `(These two sections by \`npm run issue3 -w @kiosk/bench\` on ${new Date().toISOString().slice(0, 10)}.)`,
  '',
];
const text = readFileSync(RESULTS, 'utf8');
const from = text.indexOf(FIRST);
const to = text.indexOf(NEXT);
if (from < 0 || to < from) throw new Error(`bench/RESULTS.md has no "${FIRST}" … "${NEXT}" to replace`);
writeFileSync(RESULTS, text.slice(0, from) + sections.join('\n') + text.slice(to));
process.stdout.write(`${sections.join('\n')}\n`);
