/**
 * The camera's entries in `devices`: the in-memory emulator, or the face-match service over HTTP
 * (docs/camera-face-match-http.md) at its URL, or emulated (`emulated: true`: the daemon starts
 * the service's emulator on an ephemeral loopback port and runs the real driver against it, as the
 * serial devices' `emulatedOnPseudoTerminal`).
 */
import { z } from 'zod';
import { ms, msAtMost } from './config-values.js';
import { isLoopbackAddress } from './loopback-address.js';

const score = { error: 'expected a score 0–100' };
const matchScore = z.int(score).min(0, score).max(100, score);

/** The HTTP camera's bounds when the profile sets none. */
export const CAMERA_HTTP_DEFAULTS = {
  /** the service's window to find a live face */
  captureTimeoutMs: 20_000,
  /** the answer time of its health and of a cancel, and the margin past the capture window */
  requestTimeoutMs: 2_000,
  /** how often its health is asked while idle */
  healthPollMs: 10_000,
} as const;

const serviceUrlError = {
  error:
    'expected an http:// URL on this kiosk (127.0.0.0/8, ::1 or localhost): the driver speaks plain HTTP and sends the ID card photo',
};
/**
 * The face-match service's URL: plain http (the driver's node:http speaks nothing else: an https
 * URL left the camera offline for good) on the kiosk itself, as ADR 0023 places the service, since
 * the request carries the ID card's photo in the clear.
 */
const serviceUrl = z.url({ protocol: /^http$/, ...serviceUrlError }).refine((url) => {
  const host = new URL(url).hostname.replace(/^\[(.*)\]$/, '$1');
  return host === 'localhost' || isLoopbackAddress(host);
}, serviceUrlError);

/** Exactly one of `url` and `emulated: true`; an emulator's score only for the emulator. */
function checkOneService(ctx: {
  value: { url?: string | undefined; emulated: boolean; matchScore?: number | undefined };
  issues: z.core.$ZodRawIssue[];
}): void {
  const { url, emulated, matchScore } = ctx.value;
  if ((url === undefined) === emulated) {
    if (!emulated && matchScore !== undefined) {
      ctx.issues.push({
        code: 'custom',
        path: ['matchScore'],
        input: matchScore,
        message: 'a real face-match service gives its own scores: matchScore is for emulated: true only',
      });
    }
    return;
  }
  ctx.issues.push({
    code: 'custom',
    path: url === undefined ? ['url'] : ['emulated'],
    input: url,
    message:
      url === undefined
        ? "expected the face-match service's url, or emulated: true"
        : 'give either url or emulated: true, not both',
  });
}

export const cameraEntries = [
  z.strictObject({
    driver: z.literal('emulator'),
    /** the face-match score the emulator reports, 0–100 */
    matchScore: matchScore.default(92),
  }),
  /** a face-match service on the kiosk reached over HTTP (docs/camera-face-match-http.md) */
  z
    .strictObject({
      driver: z.literal('http'),
      url: serviceUrl.optional(),
      emulated: z.boolean({ error: 'expected true or false' }).default(false),
      /** emulated only: the score the service's emulator gives when none is queued */
      matchScore: matchScore.optional(),
      // up to 10 min each: a capture's own timer is the two together
      captureTimeoutMs: msAtMost(600_000, '10 min').default(CAMERA_HTTP_DEFAULTS.captureTimeoutMs),
      requestTimeoutMs: msAtMost(600_000, '10 min').default(CAMERA_HTTP_DEFAULTS.requestTimeoutMs),
      healthPollMs: ms.default(CAMERA_HTTP_DEFAULTS.healthPollMs),
    })
    .check(checkOneService),
] as const;
