/**
 * The camera with face matching: captures the resident's face and scores it against the photo
 * read from the ID card (0–100; the session accepts at ≥ 70, RULES.md). Liveness is the
 * camera's job. No image leaves the port and none is kept after the match: only the score.
 * A vendor SDK is one more adapter of this port.
 */
import type { DevicePort } from '../common/device-port.js';

export interface FaceMatch {
  /** similarity, an integer 0–100 */
  readonly score: number;
}

export const FACE_MATCH_ACCEPT_SCORE = 70;

export interface CameraPort extends DevicePort {
  readonly kind: 'camera';
  /**
   * Captures a face and scores it against `referencePhoto` (the ID card's photo). Refuses with
   * DEVICE_OFFLINE, DEVICE_BUSY, FACE_NOT_DETECTED, DEVICE_OPERATION_CANCELLED (aborted).
   */
  captureAndMatch(referencePhoto: Uint8Array, signal?: AbortSignal): Promise<FaceMatch>;
}
