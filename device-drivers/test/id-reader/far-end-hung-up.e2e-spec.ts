/**
 * Fault: the far end of the ID reader's serial line hung up. The port read zero bytes in a loop
 * and the driver heard of it only at its next write; now it reports DEVICE_OFFLINE at once,
 * without a command, and with `reopen` it comes back online when the line does.
 */
import { ErrorCode } from '@kiosk/domain';
import { Ga467IdReader, Ga467IdReaderEmulator, openGa467SerialPort } from '../../src/id-reader/index.js';
import { replugLine } from '../common/replug-line.js';
import { statusWhere } from '../common/status-where.js';
import { startGa467Rig, type Ga467Rig } from './ga467-rig.js';

describe('fault: far end of the ID reader line hung up', () => {
  let rig: Ga467Rig | undefined;
  afterEach(async () => {
    await rig?.stop();
    rig = undefined;
  });

  it('reports the reader offline with DEVICE_OFFLINE at once, without card polling', async () => {
    rig = await startGa467Rig({ reader: { cardPollMs: 0 } });
    const offline = statusWhere(rig.reader, (s) => s.device === 'offline');
    await rig.pty.close();
    expect((await offline).fault?.code).toBe(ErrorCode.DEVICE_OFFLINE);
  });

  it('reconnects and comes back online when the line comes back', async () => {
    const emulator = new Ga467IdReaderEmulator();
    const line = await replugLine(openGa467SerialPort, (deviceEnd) => emulator.attach(deviceEnd));
    const reader = new Ga467IdReader(await openGa467SerialPort(line.current.hostPath), {
      answerTimeoutMs: 300,
      cardPollMs: 0,
      reconnectMs: 20,
      reopen: () => openGa467SerialPort(line.current.hostPath),
    });
    try {
      await reader.open();
      const offline = statusWhere(reader, (s) => s.device === 'offline');
      emulator.detach();
      await line.current.close();
      expect((await offline).fault?.code).toBe(ErrorCode.DEVICE_OFFLINE);

      const online = statusWhere(reader, (s) => s.device === 'online');
      await line.plugIn();
      expect((await online).fault).toBeUndefined();
      emulator.placeCard('li');
      await expect(reader.readIdCard()).resolves.toMatchObject({ idNumber: expect.any(String) });
    } finally {
      emulator.detach();
      await reader.close();
      await line.close();
    }
  });
});
