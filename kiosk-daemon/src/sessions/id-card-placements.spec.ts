/**
 * Whose an ID card lying on the reader at a session's start is (docs/adr/0019), over a reader
 * that reports placements as the drivers do: read when placed while the kiosk was idle, not read
 * when it may be someone's before.
 */
import type { IdCardEvent, IdReaderPort } from '@kiosk/device-drivers';
import { IdCardPlacements } from './id-card-placements.js';

class PadReader implements Pick<IdReaderPort, 'isCardPresent' | 'onCardEvent'> {
  private present = false;
  private readonly listeners = new Set<(e: IdCardEvent) => void>();
  constructor(present = false) {
    this.present = present;
  }
  isCardPresent(): boolean {
    return this.present;
  }
  onCardEvent(listener: (e: IdCardEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
  place(): void {
    this.present = true;
    for (const l of this.listeners) l({ type: 'placed' });
  }
  /** the reader, back from offline (at boot or later), finds a card on its first look */
  foundBackFromOffline(): void {
    this.present = true;
    for (const l of this.listeners) l({ type: 'placed', unseen: true });
  }
  lift(): void {
    this.present = false;
    for (const l of this.listeners) l({ type: 'removed' });
  }
}

function watched(reader: PadReader): { placements: IdCardPlacements; session: { runs: boolean } } {
  const placements = new IdCardPlacements(reader);
  const session = { runs: false };
  placements.watchSessions(() => session.runs);
  return { placements, session };
}

describe('IdCardPlacements: whose the card on the reader is', () => {
  it('an ID card placed before the journey is tapped is read', () => {
    const reader = new PadReader();
    const { placements } = watched(reader);
    reader.place();
    placements.sessionStarted();
    expect(placements.freshCardPresent()).toBe(true);
  });

  it('an ID card left by the last resident is not read for the next session, until lifted and placed again', () => {
    const reader = new PadReader();
    const { placements, session } = watched(reader);
    session.runs = true;
    placements.sessionStarted();
    reader.place();
    placements.read('s1', '1101**********0011');
    session.runs = false;
    placements.sessionStarted();
    expect(placements.freshCardPresent()).toBe(false);
    // and for the one after, still never lifted
    placements.sessionStarted();
    expect(placements.freshCardPresent()).toBe(false);
    reader.lift();
    reader.place();
    expect(placements.freshCardPresent()).toBe(true);
  });

  it('an ID card placed while a session ran and not read there is not read for the next session', () => {
    const reader = new PadReader();
    const { placements, session } = watched(reader);
    session.runs = true;
    placements.sessionStarted();
    reader.place();
    session.runs = false;
    placements.sessionStarted();
    expect(placements.freshCardPresent()).toBe(false);
  });

  it('an ID card already lying on the reader when the kiosk began to watch it is not read', () => {
    const reader = new PadReader(true);
    const { placements } = watched(reader);
    placements.sessionStarted();
    expect(placements.freshCardPresent()).toBe(false);
    reader.lift();
    reader.place();
    placements.sessionStarted();
    expect(placements.freshCardPresent()).toBe(true);
  });

  it('the card a session read, lifted and placed again while idle, is read for the next session', () => {
    const reader = new PadReader();
    const { placements, session } = watched(reader);
    session.runs = true;
    placements.sessionStarted();
    reader.place();
    placements.read('s1', '1101**********0011');
    reader.lift();
    session.runs = false;
    reader.place();
    placements.sessionStarted();
    expect(placements.freshCardPresent()).toBe(true);
    expect(placements.leftBy('s1')).toBeNull();
  });

  it('ID card placed while idle, left through a balance session: not read for the next resident', () => {
    const reader = new PadReader();
    const { placements, session } = watched(reader);
    // the first resident lays their card on the pad, then taps a balance query (bank card, PIN):
    // their session ends without reading the ID card, which stays on the reader
    reader.place();
    session.runs = true;
    placements.sessionStarted();
    expect(placements.leftBy('s1')).toBeNull();
    session.runs = false;
    // the next resident's session: the card lay there through a whole session, maybe someone's
    session.runs = true;
    placements.sessionStarted();
    expect(placements.freshCardPresent()).toBe(false);
    // lifted and placed again: theirs, read
    reader.lift();
    reader.place();
    expect(placements.freshCardPresent()).toBe(true);
  });

  it('an ID card placed while idle, lifted and placed again while idle after a session that did not read it, is read', () => {
    const reader = new PadReader();
    const { placements, session } = watched(reader);
    reader.place();
    session.runs = true;
    placements.sessionStarted();
    session.runs = false;
    reader.lift();
    reader.place();
    placements.sessionStarted();
    expect(placements.freshCardPresent()).toBe(true);
  });

  it('an ID card first found by the reader back from offline is not read for the next session, until lifted and placed again', () => {
    const reader = new PadReader();
    const { placements } = watched(reader);
    reader.foundBackFromOffline();
    placements.sessionStarted();
    expect(placements.freshCardPresent()).toBe(false);
    reader.lift();
    reader.place();
    expect(placements.freshCardPresent()).toBe(true);
  });

  it('an ID card first found by the reader back from offline while a session runs is not read for it', () => {
    const reader = new PadReader();
    const { placements, session } = watched(reader);
    session.runs = true;
    placements.sessionStarted();
    reader.foundBackFromOffline();
    expect(placements.freshCardPresent()).toBe(false);
    session.runs = false;
    placements.sessionStarted();
    expect(placements.freshCardPresent()).toBe(false);
  });
});
