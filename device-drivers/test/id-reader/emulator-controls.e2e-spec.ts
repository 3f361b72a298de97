import { ErrorCode } from '@kiosk/domain';
import { type Ga467IdReaderOptions } from '../../src/id-reader/index.js';
import { Ga467EmulatorControls } from '../../src/id-reader/ga467-serial-road.js';
import { nextCardEvent, SILENT_ANSWER_MS, startGa467Rig, type Ga467Rig } from './ga467-rig.js';

describe('the GA 467 emulator controls the demo panel drives', () => {
  let rig: Ga467Rig | undefined;
  let controls: Ga467EmulatorControls;
  /** The reader, polling for cards, and the emulator on a pseudo terminal; the rig's timings unless told. */
  const start = async (timings: Ga467IdReaderOptions = {}) => {
    rig = await startGa467Rig({ reader: { cardPollMs: 20, ...timings } });
    controls = new Ga467EmulatorControls({
      reader: rig.reader,
      emulator: rig.emulator,
      pty: rig.pty,
      deviceEnd: rig.deviceEnd,
      close: rig.stop,
    });
    return rig;
  };
  afterEach(async () => {
    await rig?.stop();
    rig = undefined;
  });

  it('places a card the driver then finds and reads, and takes it away again', async () => {
    const rig = await start();
    const placed = nextCardEvent(rig, 'placed');
    controls.placeCard('zhang');
    expect(controls.isCardPresent()).toBe(true);
    await placed;
    await expect(rig.reader.readIdCard()).resolves.toMatchObject({ name: '张三明' });
    const removed = nextCardEvent(rig, 'removed');
    controls.removeCard();
    expect(controls.isCardPresent()).toBe(false);
    await removed;
  });

  it('fault: offline by name — the reader falls silent and reads offline, and answers again once cleared', async () => {
    const rig = await start({ answerTimeoutMs: SILENT_ANSWER_MS }); // silent on purpose: one answer wait
    controls.placeCard('zhang');
    controls.setFault('offline');
    await expect(rig.reader.readIdCard()).rejects.toMatchObject({ code: ErrorCode.DEVICE_TIMEOUT });
    expect(rig.reader.status().device).toBe('offline');
    controls.setFault(null);
    await expect(rig.reader.readIdCard()).resolves.toMatchObject({ name: '张三明' });
  });

  it("counts the driver's looks at the pad, each told as it is answered", async () => {
    await start();
    const from = controls.asked();
    let told = 0;
    await new Promise<void>((resolve) => {
      const off = controls.onAsked(() => {
        told += 1;
        if (told < 3) return;
        off();
        resolve();
      });
    });
    expect(controls.asked()).toBeGreaterThanOrEqual(from + 3);
    // each ask told once it is counted
    expect(controls.asked() - from).toBe(told);
  });

  it('refuses a fault name it does not know', async () => {
    await start();
    expect(() => controls.setFault('meltdown' as never)).toThrow(/no such emulated fault/);
  });
});
