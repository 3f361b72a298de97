/**
 * The virtual cards of the demo: one per resident of `DEMO_RESIDENTS` (same name, ID number, card
 * number, PIN and state; an expired card's expiry lies in the past), made as an issuer would make
 * them, and kept in a card store so they keep their data and counters across restarts.
 */
import { createHash } from 'node:crypto';
import { DEMO_RESIDENTS, type DemoResident, maskCardNumber, maskName } from '@kiosk/domain';
import {
  encodeLogRecord,
  encodeCardRecords,
  parseCardRecords,
  type CardRecordFields,
} from '../card-records.protocol.js';
import { CARD_FILES, PIN_TRIES, RECORD_TAG } from '../social-security-card.protocol.js';
import { encodeTlv } from '../apdu.protocol.js';
import { type CardMemory, type CardMemoryStore, hashPin, UnreadableCardFile } from './card-memory.js';
import { SocialSecurityCardEmulator } from './social-security-card.emulator.js';

/**
 * The issuer key of the DEMO cards only (AES-128). Real issuer keys live in the host's HSM or a
 * SAM, never in code; a production profile supplies its own and never loads the demo cards.
 */
export const DEMO_ISSUER_KEY: Buffer = Buffer.from('4b494f534b2d44454d4f2d4953535545', 'hex');

/** A card to make: the chip content plus the PIN the card starts with (demo data only). */
export interface VirtualCardSpec {
  readonly cardId: string;
  readonly label: string;
  readonly fields: CardRecordFields;
  readonly pin: string;
  readonly pinTriesLeft?: number;
  readonly unprinted?: number;
  /** made on the chip that spends a try on the tries-left query (`CardMemory.spendsTryOnTriesQuery`) */
  readonly spendsTryOnTriesQuery?: boolean;
}

const addYears = (iso: string, years: number) => `${Number(iso.slice(0, 4)) + years}${iso.slice(4)}`;
const isoDay = (d: Date) => d.toISOString().slice(0, 10);

/** A chip serial that stays the same for the same card number (so restarts agree). */
export function chipSerialFor(seed: string): string {
  return createHash('sha256').update(`chip:${seed}`).digest().subarray(0, 16).toString('hex').toUpperCase();
}

export function demoCardSpec(resident: DemoResident, today = new Date()): VirtualCardSpec {
  let expiryDate = addYears(resident.cardIssueDate, 10);
  if (resident.cardState === 'expired' && expiryDate >= isoDay(today)) {
    expiryDate = isoDay(new Date(today.getTime() - 86_400_000));
  }
  return {
    cardId: resident.key,
    label: `${maskName(resident.name)} ${maskCardNumber(resident.cardNumber)} (${resident.cardState})`,
    pin: resident.cardPin,
    fields: {
      cardIdentifier: chipSerialFor(resident.cardNumber),
      cardType: '1',
      version: '3.00',
      issuingOrganisation: `${resident.idNumber.slice(0, 4)}00000001`,
      issueDate: resident.cardIssueDate,
      expiryDate,
      cardNumber: resident.cardNumber,
      idNumber: resident.idNumber,
      name: resident.name,
      sex: resident.sex,
      ethnicity: '01',
      birthPlace: resident.idNumber.slice(0, 6),
      birthDate: resident.birthDate,
    },
  };
}

/** The chip memory of a personalised card; `pinTryLimit`: wrong PINs before it locks (3). */
export function cardMemoryOf(spec: VirtualCardSpec, pinTryLimit = PIN_TRIES): CardMemory {
  const records: Record<string, string> = {};
  for (const [n, bytes] of encodeCardRecords(spec.fields)) records[String(n)] = bytes.toString('hex');
  return {
    format: 1,
    cardId: spec.cardId,
    label: spec.label,
    chipSerial: spec.fields.cardIdentifier,
    records,
    pin: hashPin([...spec.pin].map(Number)),
    pinTriesLeft: spec.pinTriesLeft ?? pinTryLimit,
    pinTryLimit,
    log: [],
    unprinted: spec.unprinted ?? 0,
    ...(spec.spendsTryOnTriesQuery === true ? { spendsTryOnTriesQuery: true } : {}),
  };
}

/** A blank from the card printer's hopper: only the chip serial, no PIN, nothing personalised. */
export function blankCardMemory(
  cardId: string,
  chipSerial = chipSerialFor(cardId),
  pinTryLimit = PIN_TRIES,
): CardMemory {
  const serial = encodeTlv(RECORD_TAG.cardIdentifier, Buffer.from(chipSerial, 'hex'));
  return {
    format: 1,
    cardId,
    label: `blank ${cardId}`,
    chipSerial,
    records: { [String(CARD_FILES.EF05.firstRecord)]: serial.toString('hex') },
    pin: null,
    pinTriesLeft: pinTryLimit,
    pinTryLimit,
    log: [],
    unprinted: 0,
  };
}

/**
 * A set of virtual cards kept in one store; each `open` reads the card's memory afresh. The store
 * may be given as a function, called when a card is first used (`demoCardsOnFirstUse`).
 */
export class VirtualCards {
  private opened: CardMemoryStore | undefined;

  constructor(
    private readonly storeOrOpen: CardMemoryStore | (() => CardMemoryStore),
    private readonly issuerKey: Uint8Array = DEMO_ISSUER_KEY,
    /** wrong PINs before the PIN locks on the cards made in this set (the region's number, 3) */
    readonly pinTryLimit: number = PIN_TRIES,
  ) {}

  /** the store, opened now when it was given as a function (a failed opening is tried again) */
  private get store(): CardMemoryStore {
    const given = this.storeOrOpen;
    return (this.opened ??= typeof given === 'function' ? given() : given);
  }

  /**
   * Makes the card unless the store already has it (its saved state wins, and a card whose file
   * does not read is left as it is, never made anew over it).
   */
  add(memory: CardMemory): void {
    saveUnlessHeld(this.store, memory);
  }

  /** The store holds the card (its file may still not read: `open` says so). */
  has(cardId: string): boolean {
    return this.store.list().includes(cardId);
  }

  /**
   * The cards, each named by what its chip holds now (`listingOf`): a blank personalised at the
   * kiosk reads as its holder's card from then on.
   */
  list(): VirtualCardListing[] {
    return this.store.list().flatMap((cardId) => {
      let memory: CardMemory | undefined;
      try {
        memory = this.store.load(cardId);
      } catch (e) {
        if (!(e instanceof UnreadableCardFile)) throw e;
        return [{ cardId, label: `${cardId}: its card file does not read` }];
      }
      return memory ? [{ cardId, ...listingOf(memory) }] : [];
    });
  }

  /**
   * The card program of one card, or undefined when there is no such card; a card whose file does
   * not read throws `UnreadableCardFile` (DEVICE_HARDWARE_ERROR naming the file).
   */
  open(cardId: string): SocialSecurityCardEmulator | undefined {
    const memory = this.store.load(cardId);
    if (!memory) return undefined;
    return new SocialSecurityCardEmulator(memory, {
      issuerKey: this.issuerKey,
      persist: (m) => this.store.save(m),
    });
  }
}

/** A virtual card as the demo panel lists it. */
export interface VirtualCardListing {
  readonly cardId: string;
  /** masked holder and card number, or the label the card was made with (a blank: `blank <id>`) */
  readonly label: string;
  /** the card number its chip holds, for the daemon to ask the host the card's state; never shown */
  readonly cardNumber?: string;
}

/**
 * A card's name for the panel from its chip: the holder's masked name and card number when the
 * chip holds them (personalised by the issuer or at the kiosk), else the label it was made with
 * (a blank, or a chip whose records do not read).
 */
export function listingOf(memory: CardMemory): Omit<VirtualCardListing, 'cardId'> {
  const file = ({ firstRecord, lastRecord }: { firstRecord: number; lastRecord: number }) =>
    Buffer.concat(
      Array.from({ length: lastRecord - firstRecord + 1 }, (_, i) =>
        Buffer.from(memory.records[String(firstRecord + i)] ?? '', 'hex'),
      ),
    );
  let held: CardRecordFields;
  try {
    held = parseCardRecords(file(CARD_FILES.EF05), file(CARD_FILES.EF06));
  } catch {
    return { label: memory.label };
  }
  return { label: `${maskName(held.name)} ${maskCardNumber(held.cardNumber)}`, cardNumber: held.cardNumber };
}

export interface DemoCardsOptions {
  readonly store: CardMemoryStore;
  readonly issuerKey?: Uint8Array;
  readonly today?: Date;
  /** more cards (another region, a blank...) next to the demo residents' */
  readonly extraCards?: readonly CardMemory[];
  /** wrong PINs before a card's PIN locks (3 by default; the region's `pin.maxAttempts`) */
  readonly pinTryLimit?: number;
}

/** The demo residents' cards, made on first use and kept in the store afterwards. */
export function createDemoCards(options: DemoCardsOptions): VirtualCards {
  return new VirtualCards(
    withDemoCards(options.store, options),
    options.issuerKey ?? DEMO_ISSUER_KEY,
    options.pinTryLimit,
  );
}

/**
 * The demo residents' cards as `createDemoCards` makes them, but only when one of the set is first
 * used: `store` is called then, and the cards it lacks are written to it. Until then nothing is
 * made, read or written, so a terminal whose card devices are real never holds them.
 */
export function demoCardsOnFirstUse(
  options: Omit<DemoCardsOptions, 'store'> & { readonly store: () => CardMemoryStore },
): VirtualCards {
  return new VirtualCards(
    () => withDemoCards(options.store(), options),
    options.issuerKey ?? DEMO_ISSUER_KEY,
    options.pinTryLimit,
  );
}

/**
 * The store with the demo residents' cards (and the extras) it lacks written to it. It works on
 * the store itself, not on a `VirtualCards`: the set that opens its store on first use writes them
 * while it opens, before it holds the store.
 */
function withDemoCards(store: CardMemoryStore, options: Omit<DemoCardsOptions, 'store'>): CardMemoryStore {
  for (const resident of DEMO_RESIDENTS) {
    const memory = cardMemoryOf(demoCardSpec(resident, options.today), options.pinTryLimit);
    if (resident.cardState === 'active') {
      memory.log.push(
        encodeLogRecord({
          kind: 'Q',
          amountFen: 0,
          terminalId: 'JZ0001',
          at: new Date('2026-10-08T02:15:00Z'),
        }).toString('hex'),
      );
      memory.unprinted = 1;
    }
    saveUnlessHeld(store, memory);
  }
  for (const extra of options.extraCards ?? []) saveUnlessHeld(store, extra);
  return store;
}

/** Saves the card unless the store holds it (its saved state wins, even when its file does not read). */
function saveUnlessHeld(store: CardMemoryStore, memory: CardMemory): void {
  if (!store.list().includes(memory.cardId)) store.save(memory);
}
