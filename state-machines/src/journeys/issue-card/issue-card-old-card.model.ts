/**
 * An abstract model of a replacement's old card for model-based testing, written from RULES.md
 * apart from `issueCardMachine`: lost, or damaged and handed in at the kiosk; what the resident and
 * the card reader can do until the host is asked for the application, and where the old card ends.
 */
import { setup } from 'xstate';

export type OldCardModelEvent = {
  readonly type:
    | 'LOST'
    | 'DAMAGED'
    | 'NO_ANSWER'
    | 'CANCEL'
    | 'INSERTED'
    | 'NOT_INSERTED'
    | 'CAPTURED_READ'
    | 'CAPTURED_UNREADABLE'
    | 'NOT_HOLDERS'
    | 'READER_HANG';
};

export const oldCardModel = setup({
  types: {} as { events: OldCardModelEvent },
}).createMachine({
  id: 'oldCardModel',
  initial: 'asking',
  states: {
    asking: {
      on: { LOST: 'applyingLost', DAMAGED: 'waitingForCard', NO_ANSWER: 'timedOut', CANCEL: 'cancelled' },
    },
    waitingForCard: {
      on: { INSERTED: 'handingIn', NOT_INSERTED: 'timedOut', CANCEL: 'cancelled' },
    },
    // no CANCEL while the reader holds the card: it ends captured or given back
    handingIn: {
      on: {
        CAPTURED_READ: 'applyingHandedIn',
        CAPTURED_UNREADABLE: 'applyingHandedIn',
        NOT_HOLDERS: 'refused',
        READER_HANG: 'readerFailed',
      },
    },
    /** the host is asked for the application: the ends of this model */
    applyingLost: { type: 'final' },
    applyingHandedIn: { type: 'final' },
    cancelled: { type: 'final' },
    timedOut: { type: 'final' },
    refused: { type: 'final' },
    readerFailed: { type: 'final' },
  },
});
