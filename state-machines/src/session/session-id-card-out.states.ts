/**
 * The session's last step, after every other way out: the resident's ID card, read in this session
 * and still on its reader, is asked to be taken before the kiosk is free for the next resident.
 *
 *   leaving ─(an ID card this session read lies on the reader)→ takeIdCard → ended
 *      └────────────────────────────────────────────────────────────────→ ended
 *
 * The ID card reader has no slot and no capture: the card lies on the pad. It is waited for as a
 * card at the slot is (`timeouts.cardTakeMs`); lifted, the session ends; not lifted in time (or
 * the kiosk stops serving meanwhile), the session ends with `idCardNotTaken` for the daemon to
 * journal, and the card is never read for the next session (it must be lifted and placed again).
 */
import { assign } from 'xstate';
import { sessionSetup } from './session.setup.js';

export const leaving = sessionSetup.createStateConfig({
  entry: 'finish',
  always: [
    {
      // only after an identification ran: the daemon answers for a card this session read
      guard: ({ context }) =>
        context.results.some((r) => r.journey === 'identify') && context.idCardLeft?.() === true,
      target: 'takeIdCard',
    },
    { target: 'ended' },
  ],
});

export const takeIdCard = sessionSetup.createStateConfig({
  entry: 'markCardTake',
  on: {
    ID_CARD_REMOVED: 'ended',
    ABORT: { target: 'ended', actions: assign({ idCardNotTaken: true as const }) },
  },
  after: { cardTakeTimeout: { target: 'ended', actions: assign({ idCardNotTaken: true as const }) } },
});
