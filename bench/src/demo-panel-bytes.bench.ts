/**
 * What the demo panel costs on the wire per journey: the bytes of every `demo.state` frame the
 * touch screen's socket receives, plus the bytes of each demo image (the last receipt, the last
 * card face) the panel loads over HTTP the first time its address appears (a browser keeps it
 * after that). The real daemon in this process (test profile, demo panel on, emulators, the
 * embedded host), the mixed run's robot resident answering each screen, journeys in a fixed order:
 * records printed (a receipt), a card made (a face), then a balance and a withdrawal.
 *
 * Run: `npx tsc -b && node bench/dist/demo-panel-bytes.bench.js`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadConfig } from '@kiosk/config';
import { DEMO_RESIDENTS, type Journey, type Prng } from '@kiosk/domain';
import { createKioskLogger, startKioskDaemon } from '@kiosk/kiosk-daemon';
import { io } from 'socket.io-client';
import { runJourney, Screen, type Resident } from './mixed-journeys.robot.js';

export interface DemoPanelBytes {
  readonly journey: Journey;
  readonly outcome: string;
  /** `demo.state` frames received during the journey */
  readonly frames: number;
  /** their bytes, as received on the socket */
  readonly frameBytes: number;
  /** demo images loaded over HTTP during the journey (each address once) */
  readonly imageBytes: number;
}

/** A resident who never errs, prints the records and pays by QR (the robot's choices made fixed). */
const STEADY: Prng = {
  next: () => 0.5,
  int: (min) => min,
  pick: (items) => items[0]!,
  chance: (p) => p >= 0.3,
};

const IMAGE_ADDRESS = /\/demo\/images\/[A-Za-z0-9._-]+/g;

const resident = (key: string, cardId = key): Resident => {
  const demo = DEMO_RESIDENTS.find((r) => r.key === key)!;
  return { key, cardId, pin: demo.cardPin, state: demo.cardState };
};

export async function measureDemoPanelBytes(): Promise<DemoPanelBytes[]> {
  const dir = mkdtempSync(join(tmpdir(), 'kiosk-bench-demo-'));
  const config = loadConfig({
    profile: 'test',
    overrides: ['gateway.port=0', `journal.path=${join(dir, 'journal.sqlite')}`, 'demo.panel=true'],
  });
  const daemon = await startKioskDaemon(config, createKioskLogger('error'));
  const socket = io(daemon.url, { path: '/socket.io', transports: ['websocket'], forceNew: true });
  let frames = 0;
  let frameBytes = 0;
  let imageBytes = 0;
  const loaded = new Set<string>();
  const loads: Promise<void>[] = [];
  socket.io.on('open', () =>
    socket.io.engine.on('packet', (packet: { type: string; data?: unknown }) => {
      // an engine.io message carrying the socket.io event (`2["demo.state",…]`); its frame adds the type byte
      if (typeof packet.data !== 'string' || !packet.data.startsWith('2["demo.state"')) return;
      frames += 1;
      frameBytes += 1 + Buffer.byteLength(packet.data);
      for (const address of packet.data.match(IMAGE_ADDRESS) ?? []) {
        if (loaded.has(address)) continue;
        loaded.add(address);
        loads.push(
          fetch(`${daemon.url}${address}`)
            .then((response) => response.arrayBuffer())
            .then((body) => void (imageBytes += body.byteLength)),
        );
      }
    }),
  );
  const screen = new Screen(socket);
  try {
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    await screen.until(() => (screen.kiosk?.mode === 'inService' ? true : undefined), 'in service');
    const zhang = resident('zhang');
    const plan: [Resident, Journey][] = [
      [resident('li'), 'records'],
      [resident('wang'), 'issueCard'],
      [zhang, 'balance'],
      [zhang, 'withdraw'],
    ];
    const results: DemoPanelBytes[] = [];
    for (const [who, journey] of plan) {
      await screen.until(() => (screen.session === null ? true : undefined), 'the home screen');
      frames = 0;
      frameBytes = 0;
      imageBytes = 0;
      const run = await runJourney(screen, STEADY, who, journey);
      await screen.until(() => (screen.session === null ? true : undefined), 'the home screen');
      await Promise.all(loads.splice(0));
      results.push({ journey, outcome: run.outcome, frames, frameBytes, imageBytes });
    }
    return results;
  } finally {
    socket.close();
    await daemon.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const results = await measureDemoPanelBytes();
  const kb = (n: number) => `${(n / 1024).toFixed(1)} KiB`;
  for (const r of results)
    console.log(
      `${r.journey.padEnd(11)} ${r.outcome.padEnd(10)} ${String(r.frames).padStart(3)} frames ${kb(r.frameBytes).padStart(11)}` +
        ` + images ${kb(r.imageBytes).padStart(9)} = ${kb(r.frameBytes + r.imageBytes)}`,
    );
  const total = results.reduce((sum, r) => sum + r.frameBytes + r.imageBytes, 0);
  console.log(`total ${kb(total)} for ${results.length} journeys`);
  process.exit(0);
}
