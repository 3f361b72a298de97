/**
 * A daemon killed outright (SIGKILL, a power loss) in the middle of a balance: zhang's card read
 * and held inside the reader, the PIN asked; or in the session's second journey, the records chosen
 * after that balance, the card still inside. The restart specs then boot a second daemon on the
 * same folder and read what it makes of the cut-short session and the card. The bundled daemon
 * (`daemonStart`), as the specs' next boots.
 */
import { DEMO_RESIDENTS } from '@kiosk/domain';
import { startDaemon } from './daemon-process.js';
import { daemonStart } from './kill-harness-world.js';
import { UiClient } from './ui-client.js';

const zhang = DEMO_RESIDENTS.find((r) => r.key === 'zhang')!;

/** A daemon in `dir` (started with `args`) killed while a balance waits for the PIN, the card inside. */
export async function killedAtPinEntry(args: string[], dir: string): Promise<void> {
  await killedIn(args, dir, async () => undefined);
}

/**
 * A daemon in `dir` (started with `args`, the demo panel's PIN pad among them) killed in the records
 * zhang chose at the balance, the card inside: the balance's transaction, holding the card's read,
 * closed at the switch, the records' open.
 */
export async function killedInNextJourney(args: string[], dir: string): Promise<void> {
  await killedIn(args, dir, async (ui) => {
    for (const key of zhang.cardPin) await ui.emit('demo.pinpad', { key });
    await ui.waitForSession((v) => v?.pin?.entered === zhang.cardPin.length);
    await ui.emit('demo.pinpad', { key: 'enter' });
    await ui.waitForSession((v) => v?.step === 'showBalance', 20_000);
    const chosen = await ui.emit('session.start', { journey: 'records' });
    if (!chosen.ok) throw new Error(`the records not started: ${JSON.stringify(chosen)}`);
    await ui.waitForSession((v) => v?.step === 'showRecords', 20_000);
  });
}

/** zhang's balance up to its PIN entry, the card read and held inside, then `then`, then SIGKILL. */
async function killedIn(args: string[], dir: string, then: (ui: UiClient) => Promise<void>): Promise<void> {
  const first = await startDaemon(args, daemonStart(dir));
  const ui = new UiClient(first.url);
  try {
    await ui.connected();
    await ui.emit('session.start', { journey: 'balance' });
    await ui.waitForSession((v) => v?.step === 'insertCard');
    await ui.emit('demo.card', { action: 'insert', cardId: zhang.key });
    // read, waiting for the PIN: the card is held inside, not yet ejected
    await ui.waitForSession((v) => v?.step === 'enterPin');
    await then(ui);
  } finally {
    ui.close();
    await first.stop('SIGKILL');
  }
}
