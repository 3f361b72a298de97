/**
 * The face-match service's answers read for the HTTP camera driver: each through its schema
 * (`camera-http.protocol.ts`), each outcome and refusal to the kiosk's coded error. What does not
 * fit is a DEVICE_PROTOCOL_ERROR, never a score, and no error carries the answer's body (a faulty
 * service could echo the photo back).
 */
import { ErrorCode, KioskError } from '@kiosk/domain';
import type { FaceMatch } from './camera.port.js';
import { ExchangeFailure, type ServiceAnswer } from './camera-http-exchange.js';
import {
  CaptureAnswerSchema,
  HealthAnswerSchema,
  ServiceErrorSchema,
  SERVICE_ERROR_CODES,
  type HealthAnswer,
} from './camera-http.protocol.js';

export const protocolError = (what: string): KioskError =>
  new KioskError(ErrorCode.DEVICE_PROTOCOL_ERROR, `The face-match service answered ${what}.`);

const serviceFailed = (status: number): KioskError =>
  new KioskError(ErrorCode.DEVICE_HARDWARE_ERROR, `The face-match service failed (HTTP ${status}).`);

/** 5xx but 503 (which names what is down): the service itself failed. */
const failedItself = (status: number): boolean => status >= 500 && status !== 503;

/** Reads an answer's JSON through a schema; anything else is a protocol error (the body never shown). */
function parsed<T>(
  answer: ServiceAnswer,
  schema: { safeParse(v: unknown): { success: boolean; data?: T } },
): T {
  let json: unknown;
  try {
    json = JSON.parse(answer.body);
  } catch {
    throw protocolError(`something that is not JSON (HTTP ${answer.status})`);
  }
  const result = schema.safeParse(json);
  if (!result.success) throw protocolError(`in a form this kiosk does not know (HTTP ${answer.status})`);
  return result.data as T;
}

/** The health's answer: 200, or 503 saying what is down. */
export function healthOf(answer: ServiceAnswer): HealthAnswer {
  if (failedItself(answer.status)) throw serviceFailed(answer.status);
  if (answer.status !== 200 && answer.status !== 503) {
    throw protocolError(`its health with HTTP ${answer.status}`);
  }
  return parsed(answer, HealthAnswerSchema);
}

/** A capture's answer: the score, or the coded refusal. */
export function scoreOf(answer: ServiceAnswer, captureId: string): FaceMatch {
  if (answer.status !== 200) {
    throw failedItself(answer.status) ? serviceFailed(answer.status) : refusalOf(answer);
  }
  const result = parsed(answer, CaptureAnswerSchema);
  if (result.captureId !== captureId) throw protocolError('for another capture than the one asked');
  switch (result.outcome) {
    case 'matched':
      return { score: result.score };
    case 'notLive':
      // a face that is not live (a photo, a screen) matches no one: a try that did not match
      return { score: 0 };
    case 'noFace':
      throw new KioskError(
        ErrorCode.FACE_NOT_DETECTED,
        'No face was found; look at the camera and try again.',
      );
    case 'referenceUnusable':
      throw new KioskError(ErrorCode.FACE_NOT_DETECTED, 'No face was found in the ID card photo.');
    case 'cancelled':
      throw new KioskError(
        ErrorCode.DEVICE_OPERATION_CANCELLED,
        'The face-match service cancelled the capture.',
      );
  }
}

function refusalOf(answer: ServiceAnswer): KioskError {
  const { error } = parsed(answer, ServiceErrorSchema);
  if (answer.status === 409 && error.code === SERVICE_ERROR_CODES.busy) {
    return new KioskError(ErrorCode.DEVICE_BUSY, 'The face-match service is busy with another capture.');
  }
  if (answer.status === 503 && error.code === SERVICE_ERROR_CODES.cameraOffline) {
    return new KioskError(ErrorCode.DEVICE_OFFLINE, 'The face-match service has no camera.');
  }
  return protocolError(`with a refusal this kiosk does not know: HTTP ${answer.status} (${error.code})`);
}

/** What an exchange that failed (or anything thrown) is, coded. */
export function codedFailure(e: unknown): KioskError {
  if (e instanceof ExchangeFailure) {
    if (e.reason === 'unreachable') {
      return new KioskError(ErrorCode.DEVICE_OFFLINE, 'The face-match service is not reachable.');
    }
    if (e.reason === 'tooLarge') return protocolError('more than an answer can hold (16 KiB)');
    return new KioskError(ErrorCode.DEVICE_OFFLINE, 'The face-match service dropped the connection.');
  }
  return KioskError.from(e);
}
