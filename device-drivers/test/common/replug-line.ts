/**
 * A serial line whose far end hangs up and is plugged in again, for the far-end-hung-up specs:
 * every plug-in is a new pseudo terminal pair with the emulator attached to its device end; the
 * driver opens the kiosk's end of the pair plugged in now (`openHostEnd`), again after a hang-up.
 * `close` ends every end and pair the line made.
 *
 * When the hang-up comes matters. The stock `serialport` binding does notice one that finds its
 * read parked on the poller (libuv reports the hung-up terminal's POLLERR as EBADF, a
 * disconnect); it reads zero bytes forever, and says nothing, when the hang-up falls between two
 * reads. `hangUp` hangs up at exactly that point: the device goes dark sending a stray byte (a
 * device losing power glitches its TX line, an adapter pulled as an answer comes) and the pair
 * closes as that byte reaches the kiosk's end, so a spec of it fails every time without the
 * hang-up-aware binding.
 */
import type { Duplex } from 'node:stream';
import { closeSerialStream } from '../../src/common/close-serial-stream.js';
import { createPtyPair, type PtyPair } from '../../src/common/pseudo-terminal-pair.js';

/** The two ends of a pair: how each is opened (the device's serial port, the kiosk's). */
export interface LineEnds {
  /** opens the device's end of a pair, the emulator's port */
  openDeviceEnd(devicePath: string): Promise<Duplex>;
  /** opens the kiosk's end of a pair, the driver's port */
  openHostEnd(hostPath: string): Promise<Duplex>;
}

/** The emulated device on the far end. */
export interface LineDevice {
  attach(deviceEnd: Duplex): void;
  /** stops answering (its power goes); an emulator without it keeps answering until hung up */
  detach?(): void;
}

export interface ReplugLine {
  /** the pair plugged in now */
  readonly current: PtyPair;
  /** a new pair, the emulator attached to its device end; it becomes `current` */
  plugIn(): Promise<PtyPair>;
  /** the kiosk's end of the current pair, opened for the driver (first open and `reopen`) */
  openHostEnd(): Promise<Duplex>;
  /**
   * The device goes dark: it stops answering, sends one stray byte, and the current pair hangs
   * up the moment that byte reaches the kiosk's end last opened (its paths gone until `close`, as
   * a port unplugged: `PtyPair.hangUp`). Resolves once hung up.
   */
  hangUp(): Promise<void>;
  close(): Promise<void>;
}

/** A stray byte from the device, like the glitch of its TX line as its power goes. */
const GLITCH = Uint8Array.of(0xff);

/** Plugs the line in once; the driver's port is `openHostEnd()`. */
export async function replugLine(ends: LineEnds, device: LineDevice): Promise<ReplugLine> {
  const pairs: PtyPair[] = [];
  const deviceEnds: Duplex[] = [];
  const hostEnds: Duplex[] = [];
  const current = () => pairs[pairs.length - 1]!;
  const plugIn = async () => {
    const pair = await createPtyPair();
    pairs.push(pair);
    const deviceEnd = await ends.openDeviceEnd(pair.devicePath);
    deviceEnds.push(deviceEnd);
    device.attach(deviceEnd);
    return pair;
  };
  const close = async () => {
    device.detach?.();
    for (const end of [...hostEnds, ...deviceEnds]) await closeSerialStream(end);
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
      return current();
    },
    plugIn,
    async openHostEnd() {
      const hostEnd = await ends.openHostEnd(current().hostPath);
      hostEnds.push(hostEnd);
      return hostEnd;
    },
    hangUp() {
      const pair = current();
      const hostEnd = hostEnds[hostEnds.length - 1];
      const deviceEnd = deviceEnds[deviceEnds.length - 1]!;
      if (!hostEnd) return Promise.reject(new Error('hangUp: the kiosk end was never opened'));
      device.detach?.();
      const hungUp = new Promise<void>((resolve, reject) => {
        // the pair's numbers stay taken until `close`: a driver reopening the path meanwhile finds
        // it missing, never the next pseudo terminal made (by this test or another worker)
        hostEnd.once('data', () => pair.hangUp().then(resolve, reject));
      });
      deviceEnd.write(GLITCH);
      return hungUp;
    },
    close,
  };
}
