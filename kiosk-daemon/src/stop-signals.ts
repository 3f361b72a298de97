/**
 * The daemon's SIGTERM/SIGINT listeners, installed when this module is evaluated: main imports it
 * before the configuration and the daemon's modules, so a signal while the program loads or reads
 * its configuration is held, never Node's default (the process killed by the signal, no line said,
 * no exit code of its own). Until main hands over its stop (`onStopSignal`), the first signal is
 * only kept; main asks for it (`stopAskedBeforeStart`) before it opens anything.
 */
export type StopSignal = 'SIGTERM' | 'SIGINT';

let heldSignal: StopSignal | undefined;
let stopHandler: ((signal: StopSignal) => void) | undefined;

// a signal listener is called with the signal's name and number: only the name is passed on;
// kept for the whole life of the process, so a second signal during a stop is not Node's default
const listener = (signal: NodeJS.Signals): void => {
  const name: StopSignal = signal === 'SIGINT' ? 'SIGINT' : 'SIGTERM';
  if (stopHandler) stopHandler(name);
  else heldSignal ??= name;
};
process.on('SIGTERM', listener);
process.on('SIGINT', listener);

/**
 * The signal that came before the start, if any. A signal that came during synchronous work
 * (reading and checking the configuration) reaches its listener only when the event loop next
 * polls: two immediates have a poll between them, whatever phase this is called in.
 */
export async function stopAskedBeforeStart(): Promise<StopSignal | undefined> {
  for (let turn = 0; turn < 2; turn++) await new Promise<void>((resolve) => setImmediate(resolve));
  return heldSignal;
}

/** From now on each signal goes to `stop` (main's graceful stop). */
export function onStopSignal(stop: (signal: StopSignal) => void): void {
  stopHandler = stop;
}
