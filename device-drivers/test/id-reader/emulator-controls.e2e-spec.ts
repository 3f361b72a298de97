import { ErrorCode } from '@kiosk/domain';
import { Ga467EmulatorControls } from '../../src/id-reader/index.js';
import { nextCardEvent, startGa467Rig, type Ga467Rig } from './ga467-rig.js';

describe('the GA 467 emulator controls the demo panel drives', () => {
  let rig: Ga467Rig;
  let controls: Ga467EmulatorControls;
  beforeEach(async () => {
    rig = await startGa467Rig({ reader: { cardPollMs: 20 } });
    controls = new Ga467EmulatorControls({
      reader: rig.reader,
      emulator: rig.emulator,
      pty: rig.pty,
      deviceEnd: rig.deviceEnd,
      close: rig.stop,
    });
  });
  afterEach(async () => {
    await rig.stop();
  });

  it('places a card the driver then finds and reads, and takes it away again', async () => {
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
    controls.placeCard('zhang');
    controls.setFault('offline');
    await expect(rig.reader.readIdCard()).rejects.toMatchObject({ code: ErrorCode.DEVICE_TIMEOUT });
    expect(rig.reader.status().device).toBe('offline');
    controls.setFault(null);
    await expect(rig.reader.readIdCard()).resolves.toMatchObject({ name: '张三明' });
  });

  it('refuses a fault name it does not know', () => {
    expect(() => controls.setFault('meltdown' as never)).toThrow(/no such emulated fault/);
  });
});
