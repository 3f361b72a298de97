/**
 * What the emulated card mechanism holds (`card-mechanism.emulator.ts`): where the card is and
 * which, the capture bin and the cards in it, and a jam. Kept in the reader's state file, when
 * there is one, before any change is taken (`card-reader-state-file.ts`), and read back from it when
 * the mechanism is made, as a real reader still holds its card after a power cut.
 */
import { binLevel, ErrorCode, KioskError, type SupplyStatus } from '@kiosk/domain';
import type { CardPosition } from './card-reader.port.js';
import type { CardJam, CardMechanismState, CardReaderStateFile } from './card-reader-state-file.js';
import type { VirtualCards } from './virtual-card/demo-cards.js';

export interface CardMechanismContentsOptions {
  readonly cards: VirtualCards;
  readonly captureBin?: { readonly count?: number; readonly capacity?: number; readonly threshold?: number };
  /** where the contents are kept across a restart; absent: forgotten. Wins over `captureBin.count`. */
  readonly stateFile?: CardReaderStateFile;
}

export class CardMechanismContents {
  private positionNow: CardPosition = 'none';
  private cardInside: string | null = null;
  private readonly capturedCards: string[] = [];
  /** the `ejectJam` fault as the state file keeps it: set, or the move it stopped */
  private jamNow: CardJam | undefined;
  private binCount: number;
  private readonly binCapacity: number;
  private readonly binThreshold: number;

  constructor(private readonly options: CardMechanismContentsOptions) {
    this.binCount = options.captureBin?.count ?? 0;
    this.binCapacity = options.captureBin?.capacity ?? 50;
    this.binThreshold = options.captureBin?.threshold ?? Math.max(1, Math.floor(this.binCapacity * 0.9));
    const remembered = options.stateFile?.remembered;
    if (remembered) this.remember(remembered, options.stateFile!.path);
  }

  get position(): CardPosition {
    return this.positionNow;
  }

  /** the virtual card in the reader or at the slot; null when none is */
  get cardId(): string | null {
    return this.cardInside;
  }

  get captured(): readonly string[] {
    return this.capturedCards;
  }

  get jam(): CardJam | undefined {
    return this.jamNow;
  }

  /** True when the capture bin takes no more card. */
  get binFull(): boolean {
    return this.binCount >= this.binCapacity;
  }

  get binCountNow(): number {
    return this.binCount;
  }

  captureBin(): SupplyStatus {
    return {
      name: 'captureBin',
      level: binLevel(this.binCount, this.binCapacity),
      count: this.binCount,
      capacity: this.binCapacity,
      threshold: this.binThreshold,
    };
  }

  /** Where `cardId` is, as the demo panel lists it. */
  locationOf(cardId: string): 'inReader' | 'atSlot' | 'captured' | 'outside' {
    if (cardId === this.cardInside) return this.positionNow as 'inReader' | 'atSlot';
    return this.capturedCards.includes(cardId) ? 'captured' : 'outside';
  }

  /**
   * The card moved (or the bin emptied, or a jam set or cleared): kept in the state file first,
   * when there is one, then taken; a file that cannot be written fails the move with a coded error
   * naming it, the card where it was.
   */
  moveTo(change: Partial<Omit<CardMechanismState, 'format'>>): void {
    const { jam, ...next } = { ...this.state(), ...change };
    if (jam) Object.assign(next, { jam });
    this.options.stateFile?.save(next);
    this.apply(next);
  }

  /** The remembered card back where it was, the bin as it was. */
  private remember(state: CardMechanismState, path: string): void {
    const unknown = [state.cardId, ...state.captured].find(
      (id) => id !== null && !this.options.cards.has(id),
    );
    if (unknown !== undefined) {
      throw new KioskError(
        ErrorCode.DEVICE_HARDWARE_ERROR,
        `The emulated card reader's state file ${path} names a card that is no virtual card here (${unknown}); remove the file to start with an empty reader.`,
        { file: path, cardId: unknown },
      );
    }
    this.apply(state);
  }

  private apply(state: CardMechanismState): void {
    this.positionNow = state.position;
    this.cardInside = state.cardId;
    this.capturedCards.splice(0, this.capturedCards.length, ...state.captured);
    this.binCount = state.captureBinCount;
    this.jamNow = state.jam;
  }

  private state(): CardMechanismState {
    return {
      format: 1,
      position: this.positionNow,
      cardId: this.cardInside,
      captured: [...this.capturedCards],
      captureBinCount: this.binCount,
      ...(this.jamNow ? { jam: this.jamNow } : {}),
    };
  }
}
