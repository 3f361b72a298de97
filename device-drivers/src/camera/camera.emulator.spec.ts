import { ErrorCode } from '@kiosk/domain';
import { CameraEmulator } from './camera.emulator.js';

const photo = () => Uint8Array.from({ length: 1024 }, (_, i) => i % 251);

async function openCamera(options = {}): Promise<CameraEmulator> {
  const c = new CameraEmulator(options);
  await c.open();
  return c;
}

describe('CameraEmulator', () => {
  it('scores with the default score when none is queued', async () => {
    const c = await openCamera({ defaultScore: 88 });
    await expect(c.captureAndMatch(photo())).resolves.toEqual({ score: 88 });
  });

  it('uses the queued scores in order, one per try', async () => {
    const c = await openCamera();
    c.setNextScore(40);
    c.setNextScore(75);
    await expect(c.captureAndMatch(photo())).resolves.toEqual({ score: 40 });
    await expect(c.captureAndMatch(photo())).resolves.toEqual({ score: 75 });
    await expect(c.captureAndMatch(photo())).resolves.toEqual({ score: 92 });
  });

  it('refuses a score outside 0..100', async () => {
    const c = await openCamera();
    expect(() => c.setNextScore(101)).toThrow(expect.objectContaining({ code: ErrorCode.INTERNAL }));
    expect(() => c.setNextScore(-1)).toThrow();
    expect(() => c.setNextScore(50.5)).toThrow();
  });

  it('holds a frame only while it captures and keeps none afterwards', async () => {
    const c = await openCamera({ captureMs: 5 });
    const pending = c.captureAndMatch(photo());
    expect(c.framesHeld).toBe(1);
    expect(c.status().device).toBe('busy');
    await pending;
    expect(c.framesHeld).toBe(0);
    expect(c.status().device).toBe('online');
    expect(Object.keys(await pending)).toEqual(['score']);
  });

  it('refuses a second capture while one runs (device busy)', async () => {
    const c = await openCamera({ captureMs: 5 });
    const first = c.captureAndMatch(photo());
    await expect(c.captureAndMatch(photo())).rejects.toMatchObject({ code: ErrorCode.DEVICE_BUSY });
    await first;
  });

  it('cancels a capture when the session aborts, dropping the frame', async () => {
    const c = await openCamera({ captureMs: 10_000 });
    const controller = new AbortController();
    const pending = c.captureAndMatch(photo(), controller.signal);
    controller.abort();
    await expect(pending).rejects.toMatchObject({ code: ErrorCode.DEVICE_OPERATION_CANCELLED });
    expect(c.framesHeld).toBe(0);
    await expect(c.captureAndMatch(photo(), AbortSignal.abort())).rejects.toMatchObject({
      code: ErrorCode.DEVICE_OPERATION_CANCELLED,
    });
  });

  it('refuses an empty reference photo', async () => {
    const c = await openCamera();
    await expect(c.captureAndMatch(new Uint8Array(0))).rejects.toMatchObject({
      code: ErrorCode.FACE_NOT_DETECTED,
    });
  });

  describe('fault: no face', () => {
    it('refuses with FACE_NOT_DETECTED and keeps the queued score for the next try', async () => {
      const c = await openCamera();
      c.setNextScore(81);
      c.setFault('noFace');
      await expect(c.captureAndMatch(photo())).rejects.toMatchObject({ code: ErrorCode.FACE_NOT_DETECTED });
      c.setFault(null);
      await expect(c.captureAndMatch(photo())).resolves.toEqual({ score: 81 });
    });
  });

  describe('fault: offline', () => {
    it('refuses with DEVICE_OFFLINE and reports offline', async () => {
      const c = await openCamera();
      c.setFault('offline');
      expect(c.status()).toMatchObject({ device: 'offline', fault: { code: ErrorCode.DEVICE_OFFLINE } });
      await expect(c.captureAndMatch(photo())).rejects.toMatchObject({ code: ErrorCode.DEVICE_OFFLINE });
    });
  });

  it('refuses an unknown emulated fault with a coded error', async () => {
    const device = await openCamera();
    expect(() => device.setFault('meltdown' as never)).toThrow(
      expect.objectContaining({ code: ErrorCode.INTERNAL }),
    );
  });
});
