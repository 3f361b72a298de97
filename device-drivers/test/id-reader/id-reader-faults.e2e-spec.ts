import { ErrorCode } from '@kiosk/domain';
import { SILENT_ANSWER_MS, startGa467Rig, type Ga467Rig } from './ga467-rig.js';

describe('GA 467 ID reader faults', () => {
  let rig: Ga467Rig;
  afterEach(async () => {
    await rig.stop();
  });

  describe('fault: cable pulled', () => {
    it('fails the read with DEVICE_OFFLINE and reports offline', async () => {
      rig = await startGa467Rig({ reader: { cardPollMs: 0 } });
      rig.emulator.placeCard('zhang');
      await rig.pty.close();
      await expect(rig.reader.readIdCard()).rejects.toMatchObject({ code: ErrorCode.DEVICE_OFFLINE });
      expect(rig.reader.status()).toMatchObject({
        device: 'offline',
        fault: { code: ErrorCode.DEVICE_OFFLINE },
      });
    });
  });

  describe('fault: cable pulled during a read', () => {
    it('fails the read under way with DEVICE_OFFLINE, after the find and select went through', async () => {
      rig = await startGa467Rig({ reader: { cardPollMs: 0 } });
      rig.emulator.placeCard('zhang');
      rig.emulator.setFault({ kind: 'cablePulledDuringRead' });
      await expect(rig.reader.readIdCard()).rejects.toMatchObject({ code: ErrorCode.DEVICE_OFFLINE });
      expect(rig.reader.status()).toMatchObject({
        device: 'offline',
        fault: { code: ErrorCode.DEVICE_OFFLINE },
      });
    });
  });

  describe('fault: cable pulled while idle', () => {
    it('pushes an offline status from the card polling, without any read', async () => {
      rig = await startGa467Rig({ reader: { cardPollMs: 20 } });
      const offline = new Promise<void>((resolve) => {
        rig.reader.onStatus((s) => {
          if (s.device === 'offline') resolve();
        });
      });
      await rig.pty.close();
      await offline;
      expect(rig.reader.status().fault?.code).toBe(ErrorCode.DEVICE_OFFLINE);
    });
  });

  describe('fault: no answer', () => {
    it('refuses to open a reader that does not answer', async () => {
      rig = await startGa467Rig({ open: false, reader: { answerTimeoutMs: SILENT_ANSWER_MS } });
      rig.emulator.setFault({ kind: 'noAnswer' });
      await expect(rig.reader.open()).rejects.toMatchObject({ code: ErrorCode.DEVICE_TIMEOUT });
      expect(rig.reader.status().device).toBe('offline');
    });

    it('fails a read with DEVICE_TIMEOUT, reports offline, and recovers when it answers again', async () => {
      rig = await startGa467Rig({ reader: { cardPollMs: 0, answerTimeoutMs: SILENT_ANSWER_MS } });
      rig.emulator.placeCard('li');
      rig.emulator.setFault({ kind: 'noAnswer' });
      await expect(rig.reader.readIdCard()).rejects.toMatchObject({ code: ErrorCode.DEVICE_TIMEOUT });
      expect(rig.reader.status().device).toBe('offline');
      rig.emulator.setFault(null);
      await expect(rig.reader.readIdCard()).resolves.toMatchObject({ name: '李秀英' });
      expect(rig.reader.status().device).toBe('online');
    });
  });

  describe('fault: torn frame', () => {
    it('asks again after an answer that stops half-way', async () => {
      rig = await startGa467Rig({ reader: { cardPollMs: 0 } });
      rig.emulator.placeCard('zhang');
      rig.emulator.setFault({ kind: 'tornFrame', times: 2 });
      await expect(rig.reader.readIdCard()).resolves.toMatchObject({ name: '张三明' });
    });

    it('gives up with DEVICE_PROTOCOL_ERROR when every answer is torn', async () => {
      rig = await startGa467Rig({ reader: { cardPollMs: 0 } });
      rig.emulator.placeCard('zhang');
      rig.emulator.setFault({ kind: 'tornFrame', times: 100 });
      await expect(rig.reader.readIdCard()).rejects.toMatchObject({ code: ErrorCode.DEVICE_PROTOCOL_ERROR });
    });
  });

  describe('fault: bad checksum', () => {
    it('asks again after an answer with a wrong XOR', async () => {
      rig = await startGa467Rig({ reader: { cardPollMs: 0 } });
      rig.emulator.placeCard('zhao');
      rig.emulator.setFault({ kind: 'badChecksum', times: 2 });
      await expect(rig.reader.readIdCard()).resolves.toMatchObject({ name: '赵丽' });
    });

    it('gives up with DEVICE_PROTOCOL_ERROR when every answer is corrupt', async () => {
      rig = await startGa467Rig({ reader: { cardPollMs: 0 } });
      rig.emulator.placeCard('zhao');
      rig.emulator.setFault({ kind: 'badChecksum', times: 100 });
      await expect(rig.reader.readIdCard()).rejects.toMatchObject({ code: ErrorCode.DEVICE_PROTOCOL_ERROR });
    });
  });

  describe('fault: device busy', () => {
    it('fails with DEVICE_BUSY when the reader stays busy', async () => {
      rig = await startGa467Rig({ reader: { cardPollMs: 0 } });
      rig.emulator.placeCard('zhang');
      rig.emulator.setFault({ kind: 'busy' });
      await expect(rig.reader.readIdCard()).rejects.toMatchObject({ code: ErrorCode.DEVICE_BUSY });
    });

    it('refuses a second read while one runs', async () => {
      rig = await startGa467Rig({ reader: { cardPollMs: 0 } });
      rig.emulator.placeCard('zhang');
      const first = rig.reader.readIdCard();
      await expect(rig.reader.readIdCard()).rejects.toMatchObject({ code: ErrorCode.DEVICE_BUSY });
      await expect(first).resolves.toMatchObject({ name: '张三明' });
    });
  });

  describe('fault: unreadable card', () => {
    it('fails with ID_CARD_UNREADABLE', async () => {
      rig = await startGa467Rig({ reader: { cardPollMs: 0 } });
      rig.emulator.placeCard('zhang');
      rig.emulator.setFault({ kind: 'unreadable' });
      await expect(rig.reader.readIdCard()).rejects.toMatchObject({ code: ErrorCode.ID_CARD_UNREADABLE });
    });
  });

  describe('fault: security module failure', () => {
    it('refuses to open and reports a hardware error', async () => {
      rig = await startGa467Rig({ open: false });
      rig.emulator.setFault({ kind: 'samFailure' });
      await expect(rig.reader.open()).rejects.toMatchObject({ code: ErrorCode.DEVICE_HARDWARE_ERROR });
      expect(rig.reader.status().device).toBe('hardwareError');
    });
  });
});
