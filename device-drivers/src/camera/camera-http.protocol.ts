/**
 * The face-match service's HTTP API (docs/camera-face-match-http.md), shared by the driver and
 * the service emulator so the two cannot drift apart. A local service owns the camera, checks
 * liveness and scores a capture against the ID card's photo; the kiosk sends the photo and gets a
 * score, never an image. Every answer is read through these schemas: what does not fit is a
 * DEVICE_PROTOCOL_ERROR, never a score.
 */
import { z } from 'zod';

export const CAMERA_API = {
  health: '/v1/health',
  captures: '/v1/captures',
  /** one capture under way, by the id the kiosk gave it: DELETE cancels it */
  capture: (captureId: string) => `/v1/captures/${encodeURIComponent(captureId)}`,
} as const;

/** The largest answer the kiosk reads: answers are a few hundred bytes, none carries an image. */
export const MOST_ANSWER_BYTES = 16 * 1024;

/** A capture's id: the kiosk's, echoed in the answer (an answer to another capture is refused). */
const captureId = z.string().regex(/^[A-Za-z0-9-]{8,64}$/);

/** The service's state, as its health answers it. */
export const SERVICE_STATES = ['ready', 'busy', 'cameraOffline', 'cameraFault'] as const;
export type ServiceState = (typeof SERVICE_STATES)[number];

export const HealthAnswerSchema = z.object({
  state: z.enum(SERVICE_STATES),
  /** what is wrong, for field staff, when not ready */
  message: z.string().max(500).optional(),
});
export type HealthAnswer = z.output<typeof HealthAnswerSchema>;

export const CaptureRequestSchema = z.strictObject({
  captureId,
  /** the ID card's photo, base64 (its format: the card's JPEG 2000 or what the reader decoded) */
  referencePhoto: z.base64().min(1),
  /** how long the service looks for a live face before it answers noFace */
  timeoutMs: z.int().positive(),
});
export type CaptureRequest = z.output<typeof CaptureRequestSchema>;

/** A face-match score: a whole number 0–100 (XFS4IoT Biometric's confidenceLevel scale). */
export const FaceScoreSchema = z.int().min(0).max(100);

/**
 * What a capture came to. `matched`: a live face scored against the photo. `noFace`: no face in
 * the capture window. `notLive`: a face that failed the liveness check (a photo, a screen, a mask).
 * `referenceUnusable`: no face found in the ID card's photo. `cancelled`: the kiosk cancelled it.
 */
export const CaptureAnswerSchema = z.discriminatedUnion('outcome', [
  z.object({ captureId, outcome: z.literal('matched'), score: FaceScoreSchema }),
  z.object({ captureId, outcome: z.literal('noFace') }),
  z.object({ captureId, outcome: z.literal('notLive') }),
  z.object({ captureId, outcome: z.literal('referenceUnusable') }),
  z.object({ captureId, outcome: z.literal('cancelled') }),
]);
export type CaptureAnswer = z.output<typeof CaptureAnswerSchema>;

/** A refusal's body (409 busy, 503 camera offline, 400 a request the service does not take). */
export const ServiceErrorSchema = z.object({
  error: z.object({
    code: z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,63}$/),
    message: z.string().max(500).optional(),
  }),
});
export type ServiceError = z.output<typeof ServiceErrorSchema>;

export const SERVICE_ERROR_CODES = {
  busy: 'busy',
  cameraOffline: 'cameraOffline',
  badRequest: 'badRequest',
} as const;
