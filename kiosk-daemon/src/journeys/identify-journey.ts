import type { KioskConfig } from '@kiosk/config';
import { assertIdCardUsable, type CameraPort, type IdReaderPort } from '@kiosk/device-drivers';
import { ErrorCode, KioskError, maskIdNumber } from '@kiosk/domain';
import { identifyMachine, type IdentifyMachine } from '@kiosk/state-machines';
import { fromPromise } from 'xstate';
import { idCardPlacementsOf } from '../sessions/id-card-placements.js';
import { assertIdCardAtAct, ID_CARD_CHECKED } from './id-card-at-act.js';
import { ResidentPhotoHold } from './resident-photo-hold.js';
import { ScopeKey, type ScopeOf } from './session-scope.js';

export interface IdentifyJourneyDeps {
  readonly idReader: IdReaderPort;
  readonly camera: CameraPort;
  readonly config: KioskConfig;
}

/** The session's hold of the ID-card photo (the card face of a card made in it uses it too). */
export const RESIDENT_PHOTO = new ScopeKey(
  'residentPhoto',
  () => new ResidentPhotoHold(),
  (hold) => hold.drop(),
);

/**
 * Identification by resident ID card and face: the card is read when the resident places it (not
 * one that may be the last resident's, `IdCardPlacements`), checked
 * (valid, right region, right checksum), and its photo is kept in the session's photo hold only for
 * the face match and the face of a card made in the session; it is dropped with the session and
 * never journaled. The face is matched with the card read: once matched, the ID card on the reader
 * is asked after at once (`assertIdCardAtAct`): a card swapped for another person's since the read,
 * however quickly, is refused ID_MISMATCH, never taken for the one checked.
 */
export function provideIdentifyJourney(deps: IdentifyJourneyDeps, scopeOf: ScopeOf): IdentifyMachine {
  return identifyMachine.provide({
    actors: {
      readIdCard: fromPromise(async ({ input, signal, system }) => {
        const scope = scopeOf(system);
        const { tools } = scope;
        const photos = scope.get(RESIDENT_PHOTO);
        // a card the last resident may have left on the reader is never read for this session
        // (lifted and placed again, it is); one placed while the kiosk was idle is this resident's
        const placements = idCardPlacementsOf(deps.idReader);
        await placements.freshCardPlaced(signal);
        const card = await deps.idReader.readIdCard(signal);
        // read: at the session's end it is asked to be taken while it lies there
        placements.read(input.sessionId, maskIdNumber(card.idNumber));
        try {
          assertIdCardUsable(card, {
            regionPrefixes: deps.config.kiosk.region.idRegionPrefixes,
            timeZone: deps.config.kiosk.timeZone,
          });
        } catch (e) {
          await tools.step('idCard.read', {
            id: maskIdNumber(card.idNumber),
            refused: KioskError.from(e).code,
          });
          throw e;
        }
        photos.keep(card.idNumber, card.photo);
        scope.get(ID_CARD_CHECKED).idNumber = card.idNumber;
        await tools.step('idCard.read', { id: maskIdNumber(card.idNumber) });
        // in full only sealed: the ID number the resident proved themself with, and their name
        // (staff settling what a restart left see both masked only)
        await tools.seal?.('idNumber', card.idNumber);
        await tools.seal?.('residentName', card.name);
        return { idNumber: card.idNumber, name: card.name, birthDate: card.birthDate, validTo: card.validTo };
      }),

      matchFace: fromPromise(async ({ input, signal, system }) => {
        const scope = scopeOf(system);
        const { tools } = scope;
        const photo = scope.get(RESIDENT_PHOTO).current();
        if (!photo) throw new KioskError(ErrorCode.ID_CARD_ABSENT, 'Place your ID card on the reader first.');
        const match = await deps.camera.captureAndMatch(photo, signal);
        // the face matched the card read: that card (or none) lies on the reader, never another
        // person's laid there since, however quick the swap (asked of the reader now)
        const checked = scope.get(ID_CARD_CHECKED).idNumber;
        await assertIdCardAtAct(
          deps.idReader,
          { sessionId: input.sessionId, idNumber: checked, mustLie: false },
          signal,
        );
        await tools.step('face.match', { score: match.score });
        return match;
      }),
    },
  });
}
