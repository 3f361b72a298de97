/**
 * The socket.io road between the touch UI and the daemon. Every inbound payload is validated with
 * these schemas at the gateway; the UI uses the same types. Replies go through acknowledgements:
 * `{ ok: true }` or `{ ok: false, error: { code, message } }`.
 */
import { z } from 'zod';
import { DEVICE_KINDS } from './device-status.js';
import type { ErrorCode } from './kiosk-error.js';
import { FEE_METHODS } from './issuance-rules.js';
import { JOURNEYS, SPECIAL_WITHDRAWAL_KINDS } from './journeys.js';
import { LOCALES } from './session-view.js';

/** Largest inbound payload accepted, in bytes of its JSON. */
export const GATEWAY_MAX_PAYLOAD_BYTES = 4096;

/** The most `gateway.maxPayloadBytes` may be configured to, in bytes of a payload's JSON (1 MiB). */
export const GATEWAY_MAX_PAYLOAD_BYTES_CEILING = 1_048_576;

/**
 * What the daemon's socket.io server reads of one packet (its `maxHttpBufferSize`): twice the
 * ceiling, so a message the configured bound allows is always read (its event name and socket.io's
 * framing on top), and one over the bound is answered GATEWAY_MESSAGE_TOO_LARGE up to this size,
 * whatever the bound; only a packet larger still is dropped by socket.io itself, the connection
 * closed (the client reconnects; the daemon serves on).
 */
export const GATEWAY_SOCKET_BUFFER_BYTES = 2 * GATEWAY_MAX_PAYLOAD_BYTES_CEILING;

export const PIN_PAD_KEYS = [
  '0',
  '1',
  '2',
  '3',
  '4',
  '5',
  '6',
  '7',
  '8',
  '9',
  'clear',
  'cancel',
  'enter',
] as const;

/**
 * The faults the emulated card printer knows (its `setFault`), by the words `demo.fault` carries:
 * the device layer's emulator and the demo panel's list are this one.
 */
export const CARD_PRINTER_FAULTS = [
  'offline',
  'hopperEmpty',
  'ribbonOut',
  'rejectBinFull',
  'jamAtFeed',
  'jamAtChipStation',
  'jamAtPrintStation',
  'jamAtOutput',
  /** the next blank does not touch the chip contacts */
  'chipNoContact',
  'coverOpen',
  'printHeadError',
  /**
   * the printer answers no frame while it is set (its line stays up): every command and status read
   * times out, as a printer hung in its firmware; set during a refill, the refill goes unanswered
   */
  'noAnswer',
] as const;

/**
 * The faults of the serial PIN pad's byte-level emulator (`EppEmulatorControls`), by the words
 * `demo.fault` carries: the device layer's controls and the demo panel's list are this one.
 */
export const EPP_DEMO_FAULTS = [
  'offline',
  'noAnswer',
  'tornFrame',
  'badCheckByte',
  'corruptedLength',
  'cablePulledDuringEntry',
] as const;

/**
 * The faults of the face-match service's emulator (`CameraServiceEmulator`), by the words
 * `demo.fault` carries: the device layer's emulator and the demo panel's list are this one.
 */
export const CAMERA_SERVICE_FAULTS = [
  'offline',
  'noFace',
  'notLive',
  'busy',
  'serverError',
  'malformedJson',
  'missingScore',
  'scoreOutOfRange',
  'otherCaptureId',
  'silent',
] as const;

export const InboundSchemas = {
  'session.start': z.strictObject({ journey: z.enum(JOURNEYS) }),
  'session.command': z.strictObject({
    command: z.enum(['cancel', 'continue', 'moreTime', 'finish', 'print', 'retry', 'confirm']),
  }),
  /** a withdrawal's amount, chosen on screen (the caps are checked by the machine and the host) */
  'session.amount': z.strictObject({ amountFen: z.int().positive().max(10_000_000) }),
  /** a withdrawal that needs proof at a counter, asked for on the amount screen: explained and refused */
  'session.specialWithdrawal': z.strictObject({ kind: z.enum(SPECIAL_WITHDRAWAL_KINDS) }),
  'locale.set': z.strictObject({ locale: z.enum(LOCALES) }),
  /** how the resident pays a replacement card's fee: QR code or the personal account */
  'session.payFee': z.strictObject({ method: z.enum(FEE_METHODS) }),
  /** why a card is replaced: lost, or damaged and handed in at this kiosk */
  'session.replacementReason': z.strictObject({ reason: z.enum(['lost', 'damaged']) }),
  /** demo profile only: the emulator panel */
  'demo.card': z.strictObject({
    action: z.enum(['insert', 'remove', 'take']),
    cardId: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,40}$/)
      .optional(),
  }),
  /** demo profile only: place a resident ID card on the ID reader, or take it off */
  'demo.idCard': z.strictObject({
    action: z.enum(['place', 'remove']),
    idCardId: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,40}$/)
      .optional(),
  }),
  /** demo profile only: the score the camera answers with at the next face match */
  'demo.face': z.strictObject({ score: z.int().min(0).max(100) }),
  /** demo profile only: the resident takes the notes from the cash slot */
  'demo.cash': z.strictObject({ action: z.enum(['take']) }),
  /** demo profile only: the resident takes the new card from the card printer's slot */
  'demo.newCard': z.strictObject({ action: z.enum(['take']) }),
  /** demo profile only: the resident scans the fee's QR code and pays */
  'demo.payment': z.strictObject({ action: z.enum(['pay']) }),
  /** demo profile only: the on-screen pad stands in for the PIN pad's keys */
  'demo.pinpad': z.strictObject({ key: z.enum(PIN_PAD_KEYS) }),
  /**
   * demo profile only, for the specs: answers once the daemon's driver has looked at the emulated
   * device `more` more times (the byte-level GA 467 reader's pad: find card or the held card's
   * probe; the card printer's bezel sensor), or refuses with DEVICE_TIMEOUT after `withinMs`; the
   * ack carries the looks counted and, for the ID reader, the cards read meanwhile (`DemoLooks`).
   * Asked for, never pushed: the panel is not sent a state with each of the driver's polls.
   */
  'demo.looks': z.strictObject({
    device: z.enum(['idReader', 'cardPrinter']),
    more: z.int().min(1).max(100),
    withinMs: z.int().min(1).max(60_000),
  }),
  /** demo profile only: cause or clear a device fault */
  'demo.fault': z.strictObject({
    device: z.enum(DEVICE_KINDS),
    fault: z
      .string()
      .regex(/^[a-zA-Z]{1,40}$/)
      .nullable(),
  }),
} as const;

export type InboundEvent = keyof typeof InboundSchemas;
export type InboundPayload<E extends InboundEvent> = z.infer<(typeof InboundSchemas)[E]>;

export const OutboundEvents = {
  kioskView: 'kiosk.view',
  sessionView: 'session.view',
  gatewayError: 'gateway.error',
  demoState: 'demo.state',
} as const;

export interface GatewayErrorBody {
  readonly code: ErrorCode;
  readonly message: string;
  /** the inbound event the error answers, when known */
  readonly event?: string;
}

/** What `demo.looks` answers with: the driver's looks counted while it waited, and the cards read meanwhile. */
export interface DemoLooks {
  readonly looks: number;
  /** the ID reader only: the cards it read (read base message); a read's own find card is a look */
  readonly reads?: number;
}

export type Ack =
  | { readonly ok: true; readonly looks?: DemoLooks }
  | { readonly ok: false; readonly error: GatewayErrorBody };

/** What the demo panel shows: the emulated cards and where each one is. */
export interface DemoState {
  readonly cards: readonly {
    readonly cardId: string;
    readonly label: string;
    readonly location: 'outside' | 'inReader' | 'atSlot' | 'captured';
    /** the card's state as a code the panel words ('made', 'active', …, 'blank'), not in the label */
    readonly state?: string;
  }[];
  readonly faults: readonly { readonly device: string; readonly fault: string }[];
  /** the resident ID cards the ID reader emulator holds, and which one lies on the reader */
  readonly idCards?: readonly {
    readonly idCardId: string;
    readonly label: string;
    readonly location: 'outside' | 'onReader';
  }[];
  /** the score the camera emulator answers with next (accepted at 70 by default) */
  readonly faceScore?: number;
  /** notes waiting at the cash slot */
  readonly cash?: { readonly atSlot: boolean; readonly amountFen: number };
  /** the card printer: a new card waiting at its slot, and the face last printed */
  readonly newCard?: {
    readonly atSlot: boolean;
    /**
     * where the panel loads the face last printed (a PNG, `/demo/images/<hash>.png` on the
     * daemon): the address changes only with the image, so the panel loads each face once
     */
    readonly facePngUrl?: string;
    /** every blank accounted for: loaded = in the hopper + inside + issued + rejected */
    readonly blanks?: {
      readonly loaded: number;
      readonly inHopper: number;
      readonly inPrinter: number;
      readonly issued: number;
      readonly rejected: number;
      /** of the rejected, the cards staff took out after a jam */
      readonly jammed?: number;
    };
  };
  /** a QR payment waiting to be paid */
  readonly payment?: { readonly pending: boolean };
  /**
   * the last receipt the receipt printer emulator cut: its text and, when a CJK font is present,
   * where the panel loads its image (as `newCard.facePngUrl`)
   */
  readonly receipt?: { readonly text: string; readonly pngUrl?: string };
}
