/**
 * A daemon killed outright (SIGKILL, a power loss) in the middle of a balance: zhang's card read
 * and held inside the reader, the PIN asked. The restart specs then boot a second daemon on the
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
  const first = await startDaemon(args, daemonStart(dir));
  const ui = new UiClient(first.url);
  await ui.connected();
  await ui.emit('session.start', { journey: 'balance' });
  await ui.waitForSession((v) => v?.step === 'insertCard');
  await ui.emit('demo.card', { action: 'insert', cardId: zhang.key });
  // read, waiting for the PIN: the card is held inside, not yet ejected
  await ui.waitForSession((v) => v?.step === 'enterPin');
  ui.close();
  await first.stop('SIGKILL');
}
