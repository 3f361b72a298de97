/**
 * The emulated mechanism's virtual cards opened, and the fault of one whose file does not read
 * (torn, overwritten): kept when the mechanism meets it (a card inserted, one remembered inside at
 * boot), so the reader reports it (hardwareError, DEVICE_HARDWARE_ERROR naming the file) until a
 * staff test finds the file readable again or gone. The file itself is never touched here.
 */
import { UnreadableCardFile } from './virtual-card/card-memory.js';
import type { VirtualCards } from './virtual-card/demo-cards.js';
import type { SocialSecurityCardEmulator } from './virtual-card/social-security-card.emulator.js';

export class CardFileFault {
  private failed: UnreadableCardFile | undefined;

  constructor(
    private readonly cards: VirtualCards,
    /** called when the fault is kept (the reader's status follows) */
    private readonly changed: () => void,
  ) {}

  /** the card file that did not read, until a staff test reads it */
  current(): UnreadableCardFile | undefined {
    return this.failed;
  }

  /** The card's program, or undefined for no such card; a file that does not read is kept, then thrown. */
  open(cardId: string): SocialSecurityCardEmulator | undefined {
    try {
      return this.cards.open(cardId);
    } catch (e) {
      if (e instanceof UnreadableCardFile) {
        this.failed = e;
        this.changed();
      }
      throw e;
    }
  }

  /**
   * The failed card file read again: undefined while it still does not read (or none failed), else
   * the fault cleared and the card (undefined once its file is gone).
   */
  recheck(): { cardId: string; card: SocialSecurityCardEmulator | undefined } | undefined {
    if (!this.failed) return undefined;
    const cardId = String(this.failed.details.cardId);
    try {
      const card = this.cards.open(cardId);
      this.failed = undefined;
      return { cardId, card };
    } catch (e) {
      if (e instanceof UnreadableCardFile) return undefined;
      throw e;
    }
  }
}
