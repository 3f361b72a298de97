/**
 * A serial line whose far end hangs up and is plugged in again, for the far-end-hung-up specs:
 * every plug-in is a new pseudo terminal pair with the emulator attached to its device end; the
 * driver opens the host end of the pair plugged in now (`current`), again after a hang-up.
 * Hang up with `current.close()`. `close` ends every device end and pair the line made.
 */
import type { Duplex } from 'node:stream';
import { closeSerialStream } from '../../src/common/close-serial-stream.js';
import { createPtyPair, type PtyPair } from '../../src/common/pseudo-terminal-pair.js';

export interface ReplugLine {
  /** the pair plugged in now */
  readonly current: PtyPair;
  /** a new pair, the emulator attached to its device end; it becomes `current` */
  plugIn(): Promise<PtyPair>;
  close(): Promise<void>;
}

/**
 * Plugs the line in once. `openDeviceEnd` opens the device's end of a pair (the emulator's side)
 * and `attach` gives it to the emulator.
 */
export async function replugLine(
  openDeviceEnd: (devicePath: string) => Promise<Duplex>,
  attach: (deviceEnd: Duplex) => void,
): Promise<ReplugLine> {
  const pairs: PtyPair[] = [];
  const deviceEnds: Duplex[] = [];
  const plugIn = async () => {
    const pair = await createPtyPair();
    pairs.push(pair);
    const deviceEnd = await openDeviceEnd(pair.devicePath);
    deviceEnds.push(deviceEnd);
    attach(deviceEnd);
    return pair;
  };
  const close = async () => {
    for (const end of deviceEnds) await closeSerialStream(end);
    for (const pair of pairs) await pair.close();
  };
  try {
    await plugIn();
  } catch (e) {
    await close();
    throw e;
  }
  return {
    get current() {
      return pairs[pairs.length - 1]!;
    },
    plugIn,
    close,
  };
}
