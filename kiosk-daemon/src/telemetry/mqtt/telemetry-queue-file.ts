/**
 * The telemetry queue's file (`fleet-queue.json` beside the journal): its shape, how it is read and
 * how it is written (atomically, temp file + rename). `TelemetryQueue` decides what it holds.
 *
 * A file that does not read (a disk fault) does not keep the kiosk from serving: it is set aside for
 * field staff, the queue starts empty, and the events it seems to have held are counted as dropped,
 * so the fleet hears of the loss (`eventsDropped`).
 *
 * Read across releases (ADR 0018): a kiosk rolled back to an older release meets the file its newer
 * release wrote. The file is read event by event: an event this release does not read (a new type,
 * a new field or value) but whose envelope does (id, kioskId, seq, time, a type of a name's form)
 * is kept as it was written and sent on as it was, for a monitor to read open; only an event
 * without that envelope is counted as dropped. Fields of the file this release does not know are
 * left out. The queue is never set aside for what a newer release added.
 */
import { readFileSync, renameSync } from 'node:fs';
import { z } from 'zod';
import { ErrorCode, KioskError } from '@kiosk/domain';
import { KioskIdSchema, TelemetryEventSchema, type TelemetryEvent } from '@kiosk/fleet-monitor/contract';
import { writeKeptFile } from '@kiosk/device-drivers';

const QueueFileSchema = z.object({
  nextSeq: z.number().int().min(0),
  dropped: z.number().int().min(0),
  events: z.array(z.unknown()),
  // absent in a file of a release before it; a list that does not read says nothing either
  sent: z.array(z.string()).optional().catch(undefined),
});

/** what this release checks of an event it does not read, as the monitor's open reading does */
const EnvelopeSchema = z.looseObject({
  id: z.uuid(),
  kioskId: KioskIdSchema,
  seq: z.number().int().min(0),
  at: z.iso.datetime(),
  type: z.string().regex(/^[A-Za-z0-9:_-]{1,40}$/),
});

/** An event a newer release queued that this release does not read: kept and sent on as it was. */
export type NewerReleaseEvent = z.infer<typeof EnvelopeSchema>;
export type QueuedEvent = TelemetryEvent | NewerReleaseEvent;

/** What the queue keeps in its file. */
export interface QueueFileContents {
  readonly nextSeq: number;
  /** events dropped and not yet reported to a monitor */
  readonly dropped: number;
  readonly events: readonly QueuedEvent[];
  /**
   * the ids among `events` that went to a broker (they may be stored; a self test alert's written
   * before it goes); undefined when the file does not say (a release before it): any may have
   */
  readonly sent?: readonly string[];
}

/** What the file held: nothing (no file yet), or what reads of it; `setAside` where an unreadable one went. */
export type QueueFileRead = (QueueFileContents & { readonly setAside?: string }) | undefined;

/** Reads the queue file: undefined when there is none; an unreadable one is moved aside. */
export function readQueueFile(file: string): QueueFileRead {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  const parsed = QueueFileSchema.safeParse(safeJson(text));
  if (!parsed.success) return setAsideUnreadable(file, text);
  let dropped = parsed.data.dropped;
  const events = parsed.data.events.flatMap((body): QueuedEvent[] => {
    const known = TelemetryEventSchema.safeParse(body);
    if (known.success) return [known.data];
    const newer = EnvelopeSchema.safeParse(body);
    if (newer.success) return [newer.data];
    dropped++;
    return [];
  });
  const { sent } = parsed.data;
  return { nextSeq: parsed.data.nextSeq, dropped, events, ...(sent !== undefined && { sent }) };
}

/** Writes the whole queue durably (writeKeptFile: flushed, renamed over the old one, its folder flushed). */
export function writeQueueFile(file: string, contents: QueueFileContents): void {
  writeKeptFile(file, {
    nextSeq: contents.nextSeq,
    dropped: contents.dropped,
    events: contents.events,
    sent: contents.sent ?? [],
  });
}

/**
 * Moves an unreadable file aside and takes from its text what still reads: the sequence (so it
 * keeps rising; the time in ms when even that is gone) and how many events it held (at least one).
 */
function setAsideUnreadable(file: string, text: string): QueueFileRead {
  const aside = `${file}.unreadable-${Date.now()}`;
  try {
    renameSync(file, aside);
  } catch (cause) {
    throw new KioskError(
      ErrorCode.TELEMETRY_QUEUE_FILE_UNREADABLE,
      'the telemetry queue file does not read and cannot be moved aside',
      { file },
      { cause },
    );
  }
  const seq = /"nextSeq"\s*:\s*(\d+)/.exec(text)?.[1];
  return {
    nextSeq: seq === undefined ? Date.now() : Number(seq) + 1,
    dropped: Math.max(1, text.match(/"id"\s*:/g)?.length ?? 0),
    events: [],
    setAside: aside,
  };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
