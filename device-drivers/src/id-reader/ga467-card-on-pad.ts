/**
 * What lies on a GA 467 reader's pad, as its driver knows it: whether a card lies there, which
 * placement it is, and the card read that is held (docs/id-reader-ga467.md, ADR 0017 and 0019).
 *
 * A placement is told by the protocol, not by how often the pad is looked at. The card read stays
 * selected on the reader only while it never leaves the field: lifted, however briefly, it comes
 * back idle, and a command to the selected card (read appended address, read base message) fails.
 * So, right after a read, the card is held by that probe on every module that knows it (no find
 * card in between: a module whose find card restarts the field would lose the selection), and a
 * held card that no longer answers was lifted: reported removed, and whatever find card finds then
 * is a placement of its own, in the same look (a card swapped within one poll is removed, placed).
 * A module that halts the card read and knows no probe finds only a card placed anew. A module
 * that finds the card read again and knows no probe cannot tell a lift by any command: the card is
 * read again and compared with the card read (`sameCardAsRead`).
 *
 * The first look after the reader was out of sight (before it first answered, while it did not
 * answer, its line down) sees no lift and no placement: a card it finds that was not there before
 * is reported placed `unseen` (when, and by whom, is not known); a card it held that no longer
 * answers (a module restarted forgets the card it halted) is asked after by find card, not lifted.
 * What happened on the pad while the kiosk was blind nothing tells, so the card read before is
 * never taken for the one lying there until it is read again and compared: that first look reads
 * the card lying there, and one not the card read (another's, or one that cannot be read) is
 * reported removed, then placed `unseen`; `sameCardAsRead` then trusts no probe, it reads again.
 */
import { ErrorCode } from '@kiosk/domain';
import type { IdAnswer } from './ga467-serial-line.js';
import type { IdCardEvent, ResidentIdCard } from './id-reader.port.js';
import { idReaderErrorCode, IdReaderCommand, IdReaderStatus } from './id-reader.protocol.js';

type Ask = (command: readonly [number, number]) => Promise<IdAnswer>;

/** What the held card's probe found: still there, lifted (gone), or not told (find card asks). */
type Probe = 'there' | 'lifted' | 'untold';

export class Ga467CardOnPad {
  readonly #ask: Ask;
  readonly #listeners = new Set<(e: IdCardEvent) => void>();
  #present = false;
  /** the card this driver read is (as far as it knows) still selected on the reader */
  #held = false;
  /** false once the module answered the presence probe (read appended address) "command error" */
  #probeKnown = true;
  /** placements reported so far */
  #placements = 0;
  /** the card last read, while no lift has been seen since */
  #read: ResidentIdCard | null = null;
  /** no look at the pad since the reader was out of sight: the next one sees no lift or placement */
  outOfSight = true;

  constructor(ask: Ask) {
    this.#ask = ask;
  }

  get present(): boolean {
    return this.#present;
  }

  get held(): boolean {
    return this.#held;
  }

  onEvent(listener: (e: IdCardEvent) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** The read found no card ("no card" to find card or a step of the read). */
  absent(): void {
    this.#setPresence(false);
  }

  /** Find card found a card to read: present (a placement, if none was seen lying there). */
  found(): void {
    this.#setPresence(true);
  }

  /**
   * The card just read: held by the probe while it answers (asked at once, no find card before
   * it), else by what find card makes of it (a halting module's "no card" of the card read).
   */
  async afterRead(card: ResidentIdCard): Promise<void> {
    this.#read = card;
    this.#held = true;
    if (this.#probeKnown) {
      const probe = await this.#probe().catch((): Probe => 'untold');
      if (probe === 'there') return;
      if (probe === 'lifted') return this.#lifted();
    }
    this.#held = await this.#haltsCardRead();
  }

  /**
   * The held card read again straight away (a halting module finds it no more); null when there
   * is none, or it no longer answers: then it was lifted (reported removed, unless the reader was
   * out of sight meanwhile) and the reader finds, selects and reads anew. A read that fails of a
   * card still answering its probe is that read's answer (unreadable), not a lift.
   */
  async readHeld(): Promise<IdAnswer | null> {
    if (!this.#held) return null;
    const answer = await this.#ask(IdReaderCommand.READ_BASE_MESSAGE);
    const code = idReaderErrorCode(answer.sw3);
    if (code !== ErrorCode.ID_CARD_UNREADABLE) return answer;
    // still answering its probe: there, its read failing (a chip going bad), not lifted (a halting
    // module would not find it again, and it would read as absent)
    if (this.#probeKnown && !this.outOfSight && (await this.#probe()) === 'there') return answer;
    this.#held = false;
    if (!this.outOfSight) this.#lifted();
    return null;
  }

  /**
   * One look at the pad (the driver's poll); `reread` reads the card lying there (the driver's
   * read, leaving this look to end the out of sight).
   */
  async look(reread: () => Promise<ResidentIdCard>): Promise<void> {
    // back from out of sight with a card read before: not that card until read again (ADR 0019)
    if (this.outOfSight && this.#read) return this.#lookBack(this.#read, reread);
    if (this.#held && this.#probeKnown) {
      const probe = await this.#probe();
      if (probe === 'there') {
        this.outOfSight = false;
        return;
      }
      // lifted, or the probe could not tell: find card asks, in this same look (a card placed
      // within one poll of the lift is a placement of its own)
      if (probe === 'lifted' && !this.outOfSight) this.#lifted();
    }
    const answer = await this.#ask(IdReaderCommand.FIND_CARD);
    if (answer.sw3 === IdReaderStatus.CARD_FOUND) {
      // Found while a halted card is held: the held card never answers find card, so this is a
      // card lifted and placed again unnoticed (no read appended address): a placement of its
      // own, unless the reader was out of sight (a module restarted meanwhile finds the card it
      // had halted)
      if (this.#held && !this.outOfSight) this.#lifted();
      this.#held = false;
      this.#setPresence(true);
    }
    // "no card" of a card read and still held says nothing: a halting module answers it so
    else if (answer.sw3 === IdReaderStatus.NO_CARD && !this.#held) this.#setPresence(false);
    else if (answer.sw3 !== IdReaderStatus.NO_CARD) return;
    this.outOfSight = false;
  }

  /**
   * Whether the card last read, that of `idNumber`, lies there, never lifted since, as far as the
   * protocol can tell now: the held card's probe; else (a module that can tell no lift) `reread`
   * and the card compared. The card last read may be another's than the one asked after: a card
   * swapped in and read since (the check that refused it read it) is no answer for the one before.
   */
  async sameCardAsRead(idNumber: string, reread: () => Promise<ResidentIdCard>): Promise<boolean> {
    const read = this.#read;
    if (!read || !this.#present || read.idNumber !== idNumber) return false;
    // back from out of sight, a probe answering says nothing of what lay there meanwhile: read again
    if (this.#held && this.#probeKnown && !this.outOfSight) {
      const probe = await this.#probe();
      if (probe === 'there') return true;
      if (probe === 'lifted') {
        this.#lifted();
        await this.look(reread);
        return false;
      }
    }
    const placements = this.#placements;
    const again = await reread().catch((e: unknown) => {
      const code = (e as { code?: unknown }).code;
      if (code === ErrorCode.ID_CARD_ABSENT || code === ErrorCode.ID_CARD_UNREADABLE) return null;
      throw e;
    });
    // none there (reported removed by the read), or a lift the read itself saw (the held card
    // not answering it): not the card read as it lay
    if (!again || this.#placements !== placements) return false;
    // the same card: a lift of it, if any, no command tells, and it is the same holder's card
    if (sameCard(again, read)) return true;
    // another card than the one read: the one read was lifted, and this one placed
    this.#setPresence(false);
    this.#setPresence(true);
    return false;
  }

  /** The reader was out of sight: it forgets nothing, but sees no lift or placement next look. */
  lost(): void {
    this.outOfSight = true;
  }

  // ---- internals -------------------------------------------------------------------------

  /**
   * The first look back from out of sight, a card read before: the card lying there is read and
   * compared with it. The same card goes on as the same placement; another's, or a card that
   * cannot be read, is a lift of the card read and a placement `unseen`; none there is removed
   * (by the read). A reader still silent leaves the pad out of sight (the next look tries again).
   */
  async #lookBack(before: ResidentIdCard, reread: () => Promise<ResidentIdCard>): Promise<void> {
    const placements = this.#placements;
    const again = await reread().catch((e: unknown) => {
      const code = (e as { code?: unknown }).code;
      if (code === ErrorCode.ID_CARD_ABSENT) return null;
      if (code === ErrorCode.ID_CARD_UNREADABLE) return 'unreadable' as const;
      throw e;
    });
    if (again === null || again === 'unreadable') {
      this.#held = false;
      this.#read = null;
    }
    // a placement the read saw itself (none lay there before) is one already
    if (
      again !== null &&
      this.#placements === placements &&
      (again === 'unreadable' || !sameCard(again, before))
    ) {
      this.#setPresence(false);
      this.#setPresence(true);
    }
    this.outOfSight = false;
  }

  /** The card read is gone: reported removed; a card found then is another placement. */
  #lifted(): void {
    this.#held = false;
    this.#read = null;
    this.#setPresence(false);
  }

  /**
   * Asks the card read whether it is still there (read appended address, a command to the
   * selected card): 'there' while it answers; 'lifted' once it does not (or another card took its
   * place); 'untold' when the module cannot tell (then find card asks).
   */
  async #probe(): Promise<Probe> {
    const answer = await this.#ask(IdReaderCommand.READ_APPENDED_ADDRESS);
    if (answer.sw3 === IdReaderStatus.OK || answer.sw3 === IdReaderStatus.NO_CONTENT) {
      this.#setPresence(true);
      return 'there';
    }
    if (
      idReaderErrorCode(answer.sw3) === ErrorCode.ID_CARD_UNREADABLE ||
      answer.sw3 === IdReaderStatus.NO_CARD
    ) {
      // back from out of sight the module may have restarted, forgetting it: find card tells
      this.#held = false;
      return this.outOfSight ? 'untold' : 'lifted';
    }
    if (answer.sw3 === IdReaderStatus.COMMAND_ERROR) this.#probeKnown = false;
    return 'untold';
  }

  /**
   * Asks find card right after a read, the card surely still there: a module that finds it again
   * needs no holding (its "no card" means lifted); one that answers "no card" has halted it. A
   * reader that does not answer is taken for halting (no "no card" is then believed of the card).
   */
  async #haltsCardRead(): Promise<boolean> {
    try {
      const answer = await this.#ask(IdReaderCommand.FIND_CARD);
      return answer.sw3 !== IdReaderStatus.CARD_FOUND;
    } catch {
      return true;
    }
  }

  #setPresence(present: boolean): void {
    if (present === this.#present) return;
    this.#present = present;
    if (present) this.#placements += 1;
    const event: IdCardEvent = present
      ? { type: 'placed', ...(this.outOfSight ? { unseen: true } : {}) }
      : { type: 'removed' };
    for (const listener of this.#listeners) listener(event);
  }
}

/** The same ID card: the same holder's data and the same photo, byte for byte. */
function sameCard(a: ResidentIdCard, b: ResidentIdCard): boolean {
  return (
    a.idNumber === b.idNumber &&
    a.name === b.name &&
    a.validFrom === b.validFrom &&
    Buffer.from(a.photo).equals(Buffer.from(b.photo))
  );
}
