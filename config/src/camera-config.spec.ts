/**
 * The camera's entries: the face-match service over HTTP at its URL, or emulated by the daemon;
 * each value the driver cannot run on refused with its path and the reason.
 */
import { afterAll, describe, expect, it } from '@jest/globals';
import { stringify } from 'yaml';
import { configErrorOf, shippedProfile, TempProfiles } from './config-test-files.js';
import { DevicesConfigSchema } from './devices-config.schema.js';
import { loadConfig } from './load-config.js';

const emulators = {
  cardReader: { driver: 'emulator' },
  receiptPrinter: { driver: 'emulator' },
  cardPrinter: { driver: 'emulator' },
  cashDispenser: { driver: 'emulator' },
  idReader: { driver: 'emulator' },
  pinPad: { driver: 'emulator' },
  camera: { driver: 'emulator' },
};
const files = new TempProfiles();
afterAll(() => files.remove());

/** The shipped production profile, its kiosk key in a file of its own, after `change`. */
function production(change: (devices: Record<string, unknown>) => void = () => undefined): string {
  const data = shippedProfile('production');
  data.host['kioskKeyFile'] = files.writeText('a-key-of-enough-length', 'kiosk-key');
  change(data.devices);
  return files.writeText(stringify(data));
}

const camera = (entry: Record<string, unknown>) =>
  DevicesConfigSchema.safeParse({ ...emulators, camera: entry });
const URL_ON_THIS_KIOSK =
  'expected an http:// URL on this kiosk (127.0.0.0/8, ::1 or localhost): the driver speaks plain HTTP and sends the ID card photo';
const issues = (entry: Record<string, unknown>) =>
  (camera(entry).error?.issues ?? []).map((i) => `${i.path.join('.')}: ${i.message}`);

describe('camera config', () => {
  it('the face-match service at its URL, with the bounds defaulted', () => {
    expect(camera({ driver: 'http', url: 'http://127.0.0.1:8500/' }).data?.camera).toEqual({
      driver: 'http',
      url: 'http://127.0.0.1:8500/',
      emulated: false,
      captureTimeoutMs: 20_000,
      requestTimeoutMs: 2_000,
      healthPollMs: 10_000,
    });
  });

  it.each(['http://localhost:8500/', 'http://127.0.0.2:8500/face/', 'http://[::1]:8500/'])(
    'takes the service at %s, on the kiosk',
    (url) => expect(camera({ driver: 'http', url }).data?.camera).toMatchObject({ url }),
  );

  it("the service emulated by the daemon, with the emulator's score", () => {
    expect(camera({ driver: 'http', emulated: true, matchScore: 45 }).data?.camera).toMatchObject({
      driver: 'http',
      emulated: true,
      matchScore: 45,
    });
  });

  it('the production profile names the service at its reference URL', () => {
    expect(loadConfig({ file: production() }).devices.camera).toMatchObject({
      driver: 'http',
      url: 'http://127.0.0.1:8500/',
      emulated: false,
    });
  });

  it('fault: the face-match service emulated in production: refused (its emulator would match every face)', () => {
    const file = production((devices) => {
      devices['camera'] = { driver: 'http', emulated: true };
    });
    expect(configErrorOf(() => loadConfig({ file })).problems.map((p) => `${p.path}: ${p.reason}`)).toEqual([
      "devices.camera.emulated: emulators are refused in the production profile; give the face-match service's url",
    ]);
  });

  it.each([
    [
      'neither a URL nor emulated',
      { driver: 'http' },
      "camera.url: expected the face-match service's url, or emulated: true",
    ],
    [
      'both a URL and emulated',
      { driver: 'http', url: 'http://127.0.0.1:8500/', emulated: true },
      'camera.emulated: give either url or emulated: true, not both',
    ],
    [
      "an emulator's score for a real service",
      { driver: 'http', url: 'http://127.0.0.1:8500/', matchScore: 90 },
      'camera.matchScore: a real face-match service gives its own scores: matchScore is for emulated: true only',
    ],
    [
      'a URL that is not http',
      { driver: 'http', url: 'ftp://127.0.0.1/' },
      expect.stringMatching(/^camera\.url: /),
    ],
    [
      'an https URL (fault: the driver speaks plain http only, the camera offline for good)',
      { driver: 'http', url: 'https://127.0.0.1:8500/' },
      `camera.url: ${URL_ON_THIS_KIOSK}`,
    ],
    [
      'a service off the kiosk (fault: the ID card photo sent in the clear over the network)',
      { driver: 'http', url: 'http://10.20.0.5:8500/' },
      `camera.url: ${URL_ON_THIS_KIOSK}`,
    ],
    [
      'a host name other than localhost',
      { driver: 'http', url: 'http://face-match.example:8500/' },
      `camera.url: ${URL_ON_THIS_KIOSK}`,
    ],
    [
      'a score above 100',
      { driver: 'http', emulated: true, matchScore: 101 },
      'camera.matchScore: expected a score 0–100',
    ],
    [
      'a capture window of 0',
      { driver: 'http', emulated: true, captureTimeoutMs: 0 },
      'camera.captureTimeoutMs: expected a positive integer (ms)',
    ],
    [
      'a health poll in seconds',
      { driver: 'http', emulated: true, healthPollMs: '10s' },
      'camera.healthPollMs: expected a positive integer (ms)',
    ],
  ])('refuses %s', (_, entry, issue) => {
    expect(issues(entry)).toEqual([issue]);
  });
});
