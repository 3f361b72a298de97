/**
 * The fleet contract's operator commands to a kiosk, their acknowledgements and the journal extract
 * a command asks for (re-exported by `telemetry.contract.ts`). What may be added and what may never
 * change: ADR 0018.
 */
import { z } from 'zod';
import { ErrorCode } from '@kiosk/domain';
import { Code, DeviceKindSchema, MessageId, Timestamp } from './contract-fields.js';
import { KioskIdSchema } from './telemetry-topics.js';

export const COMMAND_TYPES = [
  'outOfService',
  'inService',
  'restart',
  'runSelfTest',
  'uploadJournalExtract',
] as const;
export type CommandType = (typeof COMMAND_TYPES)[number];

const commandBase = {
  id: MessageId,
  kioskId: KioskIdSchema,
  issuedAt: Timestamp,
  /** the operator's user name, for the audit trail on both sides */
  issuedBy: z.string().min(1).max(64),
  /**
   * Until when the command may run: a kiosk off the broker gets it when it is back, within this
   * time; past it the monitor records it failed (TELEMETRY_COMMAND_EXPIRED) and a kiosk that gets
   * it late refuses it with that code. Absent (an older monitor): no expiry.
   */
  expiresAt: Timestamp.optional(),
};

export const CommandSchema = z.discriminatedUnion('type', [
  z.object({ ...commandBase, type: z.literal('outOfService'), reason: Code.optional() }).strict(),
  z.object({ ...commandBase, type: z.literal('inService') }).strict(),
  z.object({ ...commandBase, type: z.literal('restart') }).strict(),
  z
    .object({ ...commandBase, type: z.literal('runSelfTest'), devices: z.array(DeviceKindSchema).optional() })
    .strict(),
  z
    .object({ ...commandBase, type: z.literal('uploadJournalExtract'), from: Timestamp, to: Timestamp })
    .strict(),
]);
export type Command = z.infer<typeof CommandSchema>;

export const COMMAND_RESULTS = ['done', 'rejected', 'failed'] as const;
export type CommandResult = (typeof COMMAND_RESULTS)[number];

export const CommandAckSchema = z
  .object({
    commandId: MessageId,
    kioskId: KioskIdSchema,
    result: z.enum(COMMAND_RESULTS),
    /** why it was rejected or failed, as a code */
    code: Code.optional(),
    at: Timestamp,
  })
  .strict();
export type CommandAck = z.infer<typeof CommandAckSchema>;

/**
 * The one answer that is not final (ADR 0027): the kiosk's journal could not record the command
 * before it acted, or could not be read for it, so it did not run and runs when delivered again.
 * The monitor stores its code and keeps the command waiting (sent again when the kiosk is back,
 * until its expiry); the kiosk's next answer replaces it. Any other answer is final.
 */
export const NOT_RUN_ANSWER_CODE = ErrorCode.TELEMETRY_COMMAND_JOURNAL_UNAVAILABLE;

/** Whether `ack` is the command's last word (not the journal-unavailable answer above). */
export const isFinalAnswer = (ack: Pick<CommandAck, 'code'>): boolean => ack.code !== NOT_RUN_ANSWER_CODE;

/** The largest journal extract one message carries; a longer range is refused by the kiosk. */
export const MAX_JOURNAL_EXTRACT_BYTES = 1_048_576;

/**
 * On `kiosk/<id>/journal-extract` (QoS 1), the answer to `uploadJournalExtract`, sent before its
 * acknowledgement: the kiosk journal's transactions that started in [from, to], as the auditors'
 * JSON Lines export (one transaction with its steps per line). The journal keeps only masked data
 * and never a PIN, so the extract carries none either.
 */
export const JournalExtractSchema = z
  .object({
    commandId: MessageId,
    kioskId: KioskIdSchema,
    from: Timestamp,
    to: Timestamp,
    transactions: z.number().int().min(0),
    jsonl: z.string().max(MAX_JOURNAL_EXTRACT_BYTES),
    at: Timestamp,
  })
  .strict();
export type JournalExtract = z.infer<typeof JournalExtractSchema>;
