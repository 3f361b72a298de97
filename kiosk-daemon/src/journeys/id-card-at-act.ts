/**
 * The resident's ID card at an act that relies on it (docs/adr/0019): the card the session read
 * and checked is asked after at the act, of the reader at that moment (`sameCardAsRead`: the
 * reader's protocol tells a lift however quick, not its last poll). A card lifted and another laid
 * there since, however quickly, is read again: the checked holder's card goes on (it is then the
 * card read: asked to be taken at the session's end); another person's is refused ID_MISMATCH
 * before the act. None there is refused ID_CARD_ABSENT where the act needs the card on the reader
 * (the fee, the resident's proof while it is paid); elsewhere the read stands (nothing of anyone
 * else's is on the reader to pass).
 */
import type { IdReaderPort } from '@kiosk/device-drivers';
import { ErrorCode, KioskError, maskIdNumber } from '@kiosk/domain';
import { idCardPlacementsOf } from '../sessions/id-card-placements.js';
import { ScopeKey } from './session-scope.js';

/** The ID number of the ID card the session read and checked (its identification). */
export const ID_CARD_CHECKED = new ScopeKey(
  'idCardChecked',
  () => ({ idNumber: null as string | null }),
  (checked) => {
    checked.idNumber = null;
  },
);

export interface IdCardAtAct {
  readonly sessionId: string;
  /** the ID number checked (null: none was, and any card lying there is another's) */
  readonly idNumber: string | null;
  /** the act needs the card on the reader (the fee): none there is refused ID_CARD_ABSENT */
  readonly mustLie: boolean;
}

/** What of the ID card reader the check at an act asks. */
export type IdCardReader = Pick<
  IdReaderPort,
  'sameCardAsRead' | 'isCardPresent' | 'readIdCard' | 'onCardEvent'
>;

export async function assertIdCardAtAct(
  reader: IdCardReader,
  act: IdCardAtAct,
  signal?: AbortSignal,
): Promise<void> {
  // the card checked, as the reader last read it, never lifted since; the reader's last read may be
  // another person's card (read by an earlier check that refused it): asked by the number checked
  if (act.idNumber !== null && (await reader.sameCardAsRead(act.idNumber, signal))) return;
  if (!reader.isCardPresent()) {
    if (!act.mustLie) return;
    throw new KioskError(
      ErrorCode.ID_CARD_ABSENT,
      'Place your ID card on the reader and keep it there while the fee is paid.',
    );
  }
  // another placement since the check: whose card it is, the reader says
  const card = await reader.readIdCard(signal);
  if (act.idNumber === null || card.idNumber !== act.idNumber) {
    throw new KioskError(
      ErrorCode.ID_MISMATCH,
      'The ID card on the reader is not the one checked for you; place your own ID card on the reader.',
    );
  }
  idCardPlacementsOf(reader).read(act.sessionId, maskIdNumber(card.idNumber));
}
