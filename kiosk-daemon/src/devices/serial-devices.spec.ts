import {
  CashDispenserEmulator,
  createPtyPair,
  IdReaderEmulator,
  loadGa467SerialRoad,
  loadLcdmSerialRoad,
  type PtyPair,
} from '@kiosk/device-drivers';
import { LcdmEmulatorControls } from '@kiosk/device-drivers/lcdm-serial-road';
import { ErrorCode, KioskError } from '@kiosk/domain';
import { DevicesService } from './devices.service.js';
import { lcdmDriverOptions, startSerialDevices } from './serial-devices.js';
import { serialConfig } from './serial-profile.spec-support.js';

describe('serial devices of the daemon', () => {
  it('puts the emulated dispenser and ID reader on pseudo-terminal pairs, with their controls', async () => {
    const serial = await startSerialDevices(serialConfig());
    try {
      expect(serial.cashDispenser?.controls).toBeInstanceOf(LcdmEmulatorControls);
      expect(serial.idReader?.controls?.cardKeys()).toContain('zhang');
      await serial.cashDispenser?.port.open();
      expect(serial.cashDispenser?.port.status()).toMatchObject({ device: 'online', driver: 'lcdm2000' });
    } finally {
      await serial.cashDispenser?.port.close();
      await Promise.all(serial.closers.map((close) => close()));
    }
  });

  it("builds the LCDM driver with the dispenser's configured timeouts, not the driver's own defaults", () => {
    const entry = serialConfig().devices.cashDispenser;
    if (entry.driver !== 'lcdm-serial') throw new Error('expected the LCDM entry');
    // the withdrawal waits for the dispenser's answer: these bound a dispense and its retract
    const options = lcdmDriverOptions({ ...entry, dispenseTimeoutMs: 45_000, responseTimeoutMs: 1_500 });
    expect(options).toMatchObject({ dispenseTimeoutMs: 45_000, responseTimeoutMs: 1_500 });
    // the ACK's wait: the line's own unless the entry sets one
    expect(options).not.toHaveProperty('ackTimeoutMs');
    expect(lcdmDriverOptions({ ...entry, ackTimeoutMs: 4_000 })).toMatchObject({ ackTimeoutMs: 4_000 });
  });

  it('fault: no pseudo terminal on this platform — the in-memory emulators run instead, and the log says so', async () => {
    const log: string[] = [];
    const config = serialConfig();
    const serial = await startSerialDevices(
      config,
      (line) => log.push(line),
      () => Promise.reject(new KioskError(ErrorCode.DEVICE_OFFLINE, 'no openpty here')),
    );
    expect(serial.cashDispenser).toBeUndefined();
    expect(serial.idReader).toBeUndefined();
    expect(log).toEqual([
      expect.stringMatching(
        /^cash dispenser: no pseudo-terminal pair here, the in-memory emulator runs instead/,
      ),
      expect.stringMatching(/^ID reader: no pseudo-terminal pair here, the in-memory emulator runs instead/),
    ]);
    const devices = new DevicesService(config, serial);
    expect(devices.emulators.idReader).toBeInstanceOf(IdReaderEmulator);
    expect(devices.emulators.cashDispenser).toBeInstanceOf(CashDispenserEmulator);
    // the in-memory dispenser is loaded as the serial entry says
    expect(devices.cashDispenser.cassettes().map((c) => [c.id, c.denominationFen, c.count])).toEqual([
      ['upper', 10000, 30],
      ['lower', 5000, 40],
    ]);
    await devices.onApplicationShutdown();
  });

  it("fault: the LCDM's serial road does not load — the start stops with DEVICE_OFFLINE naming it, no in-memory dispenser in its place", async () => {
    const log: string[] = [];
    const notLoaded = new KioskError(
      ErrorCode.DEVICE_OFFLINE,
      'The LCDM cash dispenser on its serial line cannot be driven: its code did not load (missing chunk).',
    );
    const started = startSerialDevices(serialConfig(), (line) => log.push(line), createPtyPair, {
      lcdm: () => Promise.reject(notLoaded),
      ga467: loadGa467SerialRoad,
    });
    await expect(started).rejects.toBe(notLoaded);
    expect(log).toEqual([]);
  });

  it('fault: the GA 467 serial road does not load — the start stops with its coded error and closes the dispenser it made', async () => {
    const pairs: PtyPair[] = [];
    const closed: string[] = [];
    const pairOnRecord = async () => {
      const pair = await createPtyPair();
      pairs.push(pair);
      return {
        ...pair,
        close: async () => {
          closed.push(pair.hostPath);
          await pair.close();
        },
      };
    };
    const notLoaded = new KioskError(
      ErrorCode.DEVICE_OFFLINE,
      'The GA 467 ID card reader on its serial line cannot be driven: its code did not load (missing chunk).',
    );
    const started = startSerialDevices(serialConfig(), () => undefined, pairOnRecord, {
      lcdm: loadLcdmSerialRoad,
      ga467: () => Promise.reject(notLoaded),
    });
    await expect(started).rejects.toBe(notLoaded);
    // the LCDM emulated on its pseudo terminal was made first: its pair is closed again
    expect(pairs).toHaveLength(1);
    expect(closed).toEqual([pairs[0]!.hostPath]);
  });
});
