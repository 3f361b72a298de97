/**
 * The HTTP camera driver against the face-match service emulator on loopback, as the specs use
 * them: short bounds, everything closed after each test.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach } from '@jest/globals';
import type { DeviceStatus } from '@kiosk/domain';
import { CameraHttpDriver, type CameraHttpDriverOptions } from './camera-http.driver.js';
import { CameraServiceEmulator, type CameraServiceEmulatorOptions } from './camera-service.emulator.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** An ID card's photo stand-in: some bytes with a recognisable run in them. */
export const referencePhoto = (): Uint8Array => Uint8Array.from({ length: 2048 }, (_, i) => i % 251);

export function driverOn(
  url: string,
  options: Partial<Omit<CameraHttpDriverOptions, 'url'>> = {},
): CameraHttpDriver {
  const driver = new CameraHttpDriver({ url, requestTimeoutMs: 1_000, captureTimeoutMs: 2_000, ...options });
  cleanups.push(() => driver.close());
  return driver;
}

/** The service emulator listening on an ephemeral loopback port and the driver opened on it. */
export async function cameraOnService(
  service: CameraServiceEmulatorOptions = {},
  driver: Partial<Omit<CameraHttpDriverOptions, 'url'>> = {},
): Promise<{ service: CameraServiceEmulator; driver: CameraHttpDriver; url: string }> {
  const emulator = new CameraServiceEmulator(service);
  cleanups.push(() => emulator.close());
  const { url } = await emulator.listen();
  const camera = driverOn(url, driver);
  await camera.open();
  return { service: emulator, driver: camera, url };
}

/** A loopback URL nothing listens on (the service not started). */
export async function urlOfNoService(): Promise<{ url: string; port: number }> {
  const emulator = new CameraServiceEmulator();
  const { url, port } = await emulator.listen();
  await emulator.close();
  return { url, port };
}

/** Resolves with the first status the driver pushes that passes `accept`. */
export function pushed(
  driver: CameraHttpDriver,
  accept: (status: DeviceStatus) => boolean,
): Promise<DeviceStatus> {
  return new Promise((resolve) => {
    const off = driver.onStatus((status) => {
      if (!accept(status)) return;
      off();
      resolve(status);
    });
  });
}

/** Every status the driver pushes from now on. */
export function statusesOf(driver: CameraHttpDriver): DeviceStatus[] {
  const seen: DeviceStatus[] = [];
  const off = driver.onStatus((status) => seen.push(status));
  cleanups.push(async () => off());
  return seen;
}

/**
 * A service answering as `answer` says (what the emulator never would: a fractional score, an
 * answer that echoes the photo, a health that never comes), on an ephemeral loopback port.
 */
export async function oddService(
  answer: (req: IncomingMessage, body: string, res: ServerResponse) => void,
): Promise<{ url: string; requests: { method: string; path: string }[] }> {
  const requests: { method: string; path: string }[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      requests.push({ method: req.method ?? '', path: req.url ?? '' });
      answer(req, Buffer.concat(chunks).toString('utf8'), res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
  const address = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${address.port}/`, requests };
}

/** Answers the health ready and each capture as `capture` says, echoing the kiosk's capture id. */
export function readyWithCaptures(
  capture: (captureId: string, body: string) => { status: number; text: string },
): (req: IncomingMessage, body: string, res: ServerResponse) => void {
  return (req, body, res) => {
    if (req.method === 'GET') {
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"state":"ready"}');
      return;
    }
    if (req.method !== 'POST') {
      res.writeHead(204).end();
      return;
    }
    const { captureId } = JSON.parse(body) as { captureId: string };
    const { status, text } = capture(captureId, body);
    res.writeHead(status, { 'content-type': 'application/json' }).end(text);
  };
}
