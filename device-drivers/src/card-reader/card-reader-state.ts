/**
 * What a motorised card reader's status says and why: the mechanism offline, its PC/SC link
 * offline (the set-up's failure coded when it knows one) or without a reader, a card jammed
 * inside until staff clear it, a virtual card whose file does not read, else online.
 */
import { type DeviceState, type DeviceStatus, ErrorCode, type KioskError } from '@kiosk/domain';
import type { CardMechanism } from './card-mechanism.port.js';
import { type ChipLink, type ChipLinkSetUpFailure, setUpFailureText } from './chip-link.js';

export interface ReaderFault {
  readonly code: string;
  readonly message: string;
}

/** The reader's state and fault now, by the mechanism, the chip link and a jam. */
export function readerStateOf(
  mechanism: Pick<CardMechanism, 'currentFault' | 'cardFileFault'>,
  chip: Pick<ChipLink, 'state' | 'setUpFailure'>,
  jam: ReaderFault | undefined,
): { state: DeviceState; fault: ReaderFault | undefined } {
  const link = chip.state?.() ?? 'online';
  if (mechanism.currentFault() === 'offline') {
    return {
      state: 'offline',
      fault: { code: ErrorCode.DEVICE_OFFLINE, message: 'The card reader is offline.' },
    };
  } else if (link === 'offline') {
    return { state: 'offline', fault: pcscOffline(chip.setUpFailure?.()) };
  } else if (link === 'noDevice') {
    return {
      state: 'noDevice',
      fault: {
        code: ErrorCode.DEVICE_OFFLINE,
        message: 'The card reader is not connected.',
      },
    };
  } else if (jam) {
    return { state: 'hardwareError', fault: jam };
  }
  // a virtual card whose file does not read: out of order until staff test it readable again
  const unreadable = mechanism.cardFileFault?.();
  if (unreadable)
    return { state: 'hardwareError', fault: { code: unreadable.code, message: unreadable.message } };
  return { state: 'online', fault: undefined };
}

/** The reader's fault while its PC/SC link is offline: the set-up's failure coded, when it knows one. */
function pcscOffline(failed: ChipLinkSetUpFailure | undefined): ReaderFault {
  if (!failed) return { code: ErrorCode.DEVICE_OFFLINE, message: 'The PC/SC service is not reachable.' };
  const message = failed.partway
    ? `The card reader's PC/SC connection could not be set up ${setUpFailureText(failed)}; it is set up afresh.`
    : `The PC/SC service is not reachable ${setUpFailureText(failed)}.`;
  return { code: failed.code, message };
}

/** A card stuck inside (CARD_READER_JAM): the reader's fault until staff clear it. */
export function jamFault(e: KioskError): ReaderFault {
  return { code: e.code, message: e.message };
}

/** The reader's status as its port reports it: the state and fault, its capture bin, its driver. */
export function readerStatus(
  mechanism: Pick<CardMechanism, 'captureBin'>,
  state: DeviceState,
  fault: ReaderFault | undefined,
  driver: string,
): DeviceStatus {
  const bin = mechanism.captureBin();
  return {
    kind: 'cardReader',
    device: state,
    supplies: bin ? [bin] : [],
    ...(fault ? { fault } : {}),
    driver,
    updatedAt: new Date().toISOString(),
  };
}

/** Whether a status is news against the last one: its device state, fault or supplies changed. */
export function statusChanged(next: DeviceStatus, last: DeviceStatus): boolean {
  return (
    next.device !== last.device ||
    next.fault?.code !== last.fault?.code ||
    JSON.stringify(next.supplies) !== JSON.stringify(last.supplies)
  );
}
