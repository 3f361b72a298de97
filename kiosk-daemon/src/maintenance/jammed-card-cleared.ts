/**
 * Where field staff say the card jammed in the card printer went when they clear the jam (the
 * printer's fault CARD_PRINTER_JAM as the clear began, or a jam the journal met not said since:
 * `jamUnsaid`; the printer usable with no card jammed after it): into the reject bin, or taken out
 * of the printer. Journaled in the visit first
 * (`maintenance.jammedCard`), then counted: in the reject bin of a printer that does not count its
 * bin, one more card in the journal's count of the bin (set, never added:
 * `DeviceCountersService.recordRejectBinOnce`, as a supervisor's verdict's blank,
 * `journeys/staff-counted-blank.ts`); a printer that counts its bin has its own count recorded as
 * it is. Taken out, it is a blank that left the hopper and is neither issued nor in the bin: the
 * card blanks' reconciliation counts it with the cards staff found missing. Either way the
 * reconciliation explains the blank (a jam cleared on a printer without card counters left it a
 * difference no card explained). A restart between the step and its count has the count caught up
 * from the step by boot recovery of the visit (`catchUpJammedCardCounts`).
 */
import type { CardPrinterPort } from '@kiosk/device-drivers';
import { ErrorCode, type DeviceStatus, type JammedCardWhereabouts } from '@kiosk/domain';
import { deviceCountersOf } from '../journal/device-counters-of.js';
import type { JournalService } from '../journal/journal.service.js';
import { detailCount, detailText, type JournaledStep } from '../journal/step-detail.js';
import { rejectBinCount, rejectBinWithOneMore } from '../journeys/kiosk-rejected-blank.js';

/** journal step of a staff visit: where the card jammed in the card printer went */
export const JAMMED_CARD_STEP = 'maintenance.jammedCard';

/**
 * The journal's last word of a card jammed in the card printer, by the step that met it: card
 * making's reject of a jammed card (skipped), boot recovery finding it jammed, the test card jammed.
 */
const JAM_MET: readonly { readonly step: string; readonly jammed: (s: JournaledStep) => boolean }[] = [
  { step: 'card.reject', jammed: (s) => detailText(s, 'skipped') === 'jammed' },
  { step: 'recovery.blank', jammed: (s) => detailText(s, 'position') === 'jammed' },
  { step: 'maintenance.testCard', jammed: (s) => detailText(s, 'code') === ErrorCode.CARD_PRINTER_JAM },
];

/**
 * How many cards jammed in the card printer the journal met that staff have not said where they
 * went (`maintenance.jammedCard`): the printer may read usable already, staff having cleared it
 * before they said (its fault gone with the card). Each word answers one jam, the earliest not
 * answered before it (a word with none before it, for a jam the printer showed only, answers
 * none): two jams before one word leave one asked, so each jammed card is counted on its own. Any
 * step that met a jam counts, not only the latest of its kind: a jam cleared on the printer, then a
 * later card making's reject filing its own spoiled blank as usual, stays asked until answered.
 * Read from the journal alone, so a restart asks the same.
 */
export async function jamsUnsaid(journal: Pick<JournalService, 'supplyLog'>): Promise<number> {
  // the rows read are only those whose detail may say a jam (`JAM_MET` reads them exactly) and the
  // words of staff (`where`); jams are rare, so the whole journal is read
  const steps = await journal.supplyLog.stepsNamedAfter(
    [...JAM_MET.map((met) => met.step), JAMMED_CARD_STEP],
    0,
    ['"jammed"', ErrorCode.CARD_PRINTER_JAM, '"where"'],
  );
  let unsaid = 0;
  for (const s of steps) {
    if (s.step === JAMMED_CARD_STEP) unsaid = Math.max(0, unsaid - 1);
    else if (JAM_MET.some((met) => met.step === s.step && met.jammed(s))) unsaid += 1;
  }
  return unsaid;
}

/** Whether a jammed card the journal met is not said yet (`jamsUnsaid`): the staff screen asks. */
export async function jamUnsaid(journal: Pick<JournalService, 'supplyLog'>): Promise<boolean> {
  return (await jamsUnsaid(journal)) > 0;
}

/** Whether the card printer reads a card jammed inside (its fault, or where it says its card is). */
export function cardJammed(printer: Pick<CardPrinterPort, 'cardPosition'>, status?: DeviceStatus): boolean {
  return status?.fault?.code === ErrorCode.CARD_PRINTER_JAM || printer.cardPosition() === 'jammed';
}

/** The jammed card staff cleared, journaled in the visit where they say it went, then counted. */
export async function countJammedCardCleared(
  journal: JournalService,
  printer: CardPrinterPort,
  transactionId: string,
  where: JammedCardWhereabouts,
): Promise<void> {
  const device = deviceCountersOf(printer.status());
  const uncounted = where === 'inRejectBin' && rejectBinCount(printer) === undefined;
  const one = uncounted ? await rejectBinWithOneMore(journal) : undefined;
  const made = one && { rejectBin: one.count, after: one.after };
  await journal.recordStep(transactionId, JAMMED_CARD_STEP, 'event', { where, ...made });
  if (made) await journal.counters.recordRejectBinOnce(made.rejectBin, made.after, device);
  else if (device) await journal.counters.recordCounters('cardPrinter', device);
}

/**
 * Boot recovery's catch-up of the jammed cards a staff visit (`steps`, its journal steps) said were
 * put in the reject bin of a printer that does not count it: each step's count set from the step,
 * once (`recordRejectBinOnce`: nothing when a record since has it or the bin moved), so a restart
 * between the step and its count loses no card.
 */
export async function catchUpJammedCardCounts(
  journal: JournalService,
  printer: CardPrinterPort,
  steps: readonly JournaledStep[],
): Promise<void> {
  for (const s of steps) {
    if (s.step !== JAMMED_CARD_STEP) continue;
    const rejectBin = detailCount(s, 'rejectBin');
    const after = detailCount(s, 'after');
    if (rejectBin === undefined || after === undefined) continue;
    await journal.counters.recordRejectBinOnce(rejectBin, after, deviceCountersOf(printer.status()));
  }
}
