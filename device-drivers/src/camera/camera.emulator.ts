/**
 * In-memory camera emulator: the score of the next match is set from its control surface
 * (`setNextScore`, the demo panel's slider), faults: 'offline', 'noFace' (nobody in front of the
 * camera). It "captures" a frame buffer, scores it and zeroes it: no image is kept.
 */
import { ErrorCode, KioskError, type DeviceStatus } from '@kiosk/domain';
import { abortableDelay } from '../common/abortable-delay.js';
import type { CameraPort, FaceMatch } from './camera.port.js';
import { InMemoryEmulator } from '../common/in-memory-emulator.js';
import { noSuchEmulatedFault } from '../common/emulated-fault.js';

export const CAMERA_EMULATOR_FAULTS = ['offline', 'noFace'] as const;
export type CameraEmulatorFault = (typeof CAMERA_EMULATOR_FAULTS)[number];

export interface CameraEmulatorOptions {
  /** score when none was queued with `setNextScore` */
  readonly defaultScore?: number;
  /** how long a capture takes; 0 yields to the event loop only */
  readonly captureMs?: number;
}

const FRAME_BYTES = 64 * 1024;

function assertScore(score: number): void {
  if (!Number.isInteger(score) || score < 0 || score > 100) {
    throw new KioskError(ErrorCode.INTERNAL, 'A face-match score is a whole number from 0 to 100.');
  }
}

export class CameraEmulator extends InMemoryEmulator implements CameraPort {
  readonly kind = 'camera' as const;
  readonly #defaultScore: number;
  readonly #captureMs: number;
  readonly #nextScores: number[] = [];
  #fault: CameraEmulatorFault | null = null;
  #busy = false;
  #framesHeld = 0;

  constructor(options: CameraEmulatorOptions = {}) {
    super();
    this.#defaultScore = options.defaultScore ?? 92;
    assertScore(this.#defaultScore);
    this.#captureMs = options.captureMs ?? 0;
  }

  async captureAndMatch(referencePhoto: Uint8Array, signal?: AbortSignal): Promise<FaceMatch> {
    if (!this.opened || this.#fault === 'offline') {
      throw new KioskError(ErrorCode.DEVICE_OFFLINE, 'The camera is offline.');
    }
    if (this.#busy) throw new KioskError(ErrorCode.DEVICE_BUSY, 'The camera is already capturing.');
    if (!(referencePhoto instanceof Uint8Array) || referencePhoto.length === 0) {
      throw new KioskError(ErrorCode.FACE_NOT_DETECTED, 'There is no reference photo to match against.');
    }
    const cancelled = () =>
      new KioskError(ErrorCode.DEVICE_OPERATION_CANCELLED, 'The face capture was cancelled.');
    if (signal?.aborted) throw cancelled();
    this.#busy = true;
    this.publish();
    const frame = new Uint8Array(FRAME_BYTES);
    this.#framesHeld += 1;
    try {
      await abortableDelay(this.#captureMs, signal, cancelled);
      if (this.#fault === 'noFace') {
        throw new KioskError(
          ErrorCode.FACE_NOT_DETECTED,
          'No face was found; look at the camera and try again.',
        );
      }
      return { score: this.#nextScores.shift() ?? this.#defaultScore };
    } finally {
      frame.fill(0);
      this.#framesHeld -= 1;
      this.#busy = false;
      this.publish();
    }
  }

  // ---- control surface -------------------------------------------------------------------

  /** Queues the score of the next match (several calls queue several tries). */
  setNextScore(score: number): void {
    assertScore(score);
    this.#nextScores.push(score);
  }

  setFault(fault: CameraEmulatorFault | null): void {
    if (fault !== null && !CAMERA_EMULATOR_FAULTS.includes(fault)) {
      throw noSuchEmulatedFault(fault);
    }
    this.#fault = fault;
    this.publish();
  }

  /** Frames the emulator holds right now: 0 whenever no capture runs (images are never kept). */
  get framesHeld(): number {
    return this.#framesHeld;
  }

  protected makeStatus(): DeviceStatus {
    return this.statusWithoutSupplies({
      offline: this.#fault === 'offline',
      busy: this.#busy,
      offlineMessage: 'The camera is offline.',
    });
  }
}
