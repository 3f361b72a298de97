/**
 * Fault: a new PIN was taken without the holder's birth date. The weak-PIN rule refuses the
 * holder's birth date (RULES.md "PIN": YYMMDD or MMDD padded); the new-PIN entry read it from the
 * card read in the session and, with none read, ran the rule on an empty date: the birth-date
 * case passed unchecked and the holder's birth date could become the card's PIN. Now no new PIN is
 * taken without the card's data (CARD_REMOVED, before the pad asks for a digit). At a region's
 * other PIN length (`pin.length`) the rule refuses the date's form of that length (MMDD at 4).
 *
 * The daemon's `enterNewPin` actor, the real journal (SQLite in memory), the in-memory PIN pad
 * whose keys are pressed as each entry opens.
 */
import { afterEach, describe, expect, it } from '@jest/globals';
import type { KioskConfig } from '@kiosk/config';
import {
  PinPadEmulator,
  type CardReaderPort,
  type PinPadKey,
  type SocialSecurityCardData,
} from '@kiosk/device-drivers';
import { DEMO_RESIDENTS } from '@kiosk/domain';
import type { HostService } from '../host/host.service.js';
import { openMemoryJournal } from '../journal/memory-journal.spec-support.js';
import type { DataSource } from '../journal/typeorm-runtime.js';
import { provideNewPinJourney } from './new-pin-journey.js';
import { runInScope } from './run-in-scope.spec-support.js';
import { SessionScope, SessionScopes } from './session-scope.js';

const zhang = DEMO_RESIDENTS.find((r) => r.key === 'zhang')!;
/** zhang's birth date (1980-03-15) as YYMMDD */
const BIRTH_DATE_PIN = '800315';
let closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.reverse()) await close();
  closers = [];
});

/** `enterNewPin` at `length` digits with the card read (or none), the same PIN typed at each entry; its verdict */
async function newPinTyped(pin: string, card: SocialSecurityCardData | undefined, length = 6) {
  const { db, journal } = await openMemoryJournal();
  closers.push(() => (db as DataSource).destroy());
  const tx = await journal.openTransaction('s1', 'activatePin');
  const scopes = new SessionScopes();
  const scope = new SessionScope(journal, { transactionId: tx, locale: () => 'en', send: () => undefined });
  scope.card = card;
  const pinPad = new PinPadEmulator();
  await pinPad.open();
  closers.push(() => pinPad.close());
  let entries = 0;
  pinPad.onChannel((event) => {
    if (event.state !== 'open') return;
    entries += 1;
    queueMicrotask(() => {
      for (const key of pin) pinPad.press(key as PinPadKey);
      pinPad.press('enter');
    });
  });
  const config = { timeouts: { stepMs: 30_000 } } as unknown as KioskConfig;
  const deps = { host: {} as HostService, cardReader: {} as CardReaderPort, pinPad, config };
  const { enterNewPin } = provideNewPinJourney(deps, scopes.of).implementations.actors;
  const done = runInScope(scopes, scope, enterNewPin, { sessionId: 's1', length });
  const verdict = await done.then(
    (output) => output as { result: string; rule?: string },
    (e: unknown) => ({ error: (e as { code?: string }).code }),
  );
  return { verdict, entries, steps: (await journal.stepsOf(tx)).map((s) => s.step) };
}

describe('a new PIN and the holder’s birth date', () => {
  it('refuses the holder’s birth date as the new PIN (the card read in the session)', async () => {
    const card = { idNumber: zhang.idNumber, birthDate: zhang.birthDate } as SocialSecurityCardData;
    const typed = await newPinTyped(BIRTH_DATE_PIN, card);
    expect(typed.verdict).toEqual({ result: 'weak', rule: 'birthDate' });
    expect(typed.entries).toBe(1);
    expect(typed.steps).toEqual(['newPin.refused']);
  });

  it('at a region’s other PIN length (4 digits, pin.length): the birth date as MMDD refused, other digits taken', async () => {
    const card = { idNumber: zhang.idNumber, birthDate: zhang.birthDate } as SocialSecurityCardData;
    expect((await newPinTyped('0315', card, 4)).verdict).toEqual({ result: 'weak', rule: 'birthDate' });
    const taken = await newPinTyped('7301', card, 4);
    expect(taken.verdict).toEqual({ result: 'ok' });
    expect(taken.entries).toBe(2);
  });

  it('new PIN taken with no birth date known: refused CARD_REMOVED before the pad asks for a digit', async () => {
    const typed = await newPinTyped(BIRTH_DATE_PIN, undefined);
    expect(typed.verdict).toEqual({ error: 'CARD_REMOVED' });
    expect(typed.entries).toBe(0);
    expect(typed.steps).toEqual([]);
  });
});
