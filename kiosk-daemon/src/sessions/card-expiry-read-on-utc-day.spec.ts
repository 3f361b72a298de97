/**
 * Fault (24304e3): the social-security card's expiry was read against the UTC day as the card went
 * in: between midnight and 08:00 China time a card on its expiry date (expired, RULES.md) was let
 * in. The card read as the daemon provides it now hands the check the kiosk's zone from its
 * configuration (`kiosk.timeZone`).
 *
 * The kiosk's zone here is one whose day differs from China's as the spec runs (twelve hours
 * behind UTC, else fourteen ahead): a check reading any other day than the configured zone's lets
 * in the card on its expiry date there, or refuses the card of the day after. The daemon's session
 * actors, the real journal (SQLite in memory); the card reader and the host stand-ins of one call.
 */
import { afterEach, describe, expect, it } from '@jest/globals';
import type { KioskConfig } from '@kiosk/config';
import type { CardReaderPort, SocialSecurityCardData } from '@kiosk/device-drivers';
import { DEMO_RESIDENTS, ErrorCode, kioskDayOf } from '@kiosk/domain';
import { createActor, toPromise, type AnyActorLogic } from 'xstate';
import type { DevicesService } from '../devices/devices.service.js';
import type { HostService } from '../host/host.service.js';
import type { IssuanceHostService } from '../host/issuance-host.service.js';
import type { JournaledHostRetries } from '../host/journaled-host-retries.js';
import { openMemoryJournal } from '../journal/memory-journal.spec-support.js';
import type { DataSource } from '../journal/typeorm-runtime.js';
import { dayMovedBy, zoneWhoseDayIsNotChinas } from '../journeys/kiosk-zone.spec-support.js';
import type { WithdrawalHoldRelease } from '../journeys/withdrawal-hold-release.js';
import { SessionActorsFactory } from './session-actors.js';

const zhang = DEMO_RESIDENTS.find((r) => r.key === 'zhang')!;
let closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.reverse()) await close();
  closers = [];
});

const zone = zoneWhoseDayIsNotChinas();

/** the card read for a balance query, its expiry `expiryDate`, at a kiosk in `zone` */
async function readCardExpiring(expiryDate: string) {
  const { db, journal } = await openMemoryJournal();
  closers.push(() => (db as DataSource).destroy());
  const card = {
    cardIdentifier: '0123456789ABCDEF0123456789ABCDEF',
    issuingOrganisation: '410800000001',
    issueDate: '2016-01-01',
    expiryDate,
    cardNumber: zhang.cardNumber,
    idNumber: zhang.idNumber,
    name: zhang.name,
    birthDate: zhang.birthDate,
    recordsUnprinted: 0,
  } as SocialSecurityCardData;
  const cardReader = { readCard: async () => card } as unknown as CardReaderPort;
  const host = {
    card: async () => ({ cardNumber: zhang.cardNumber, state: 'active' }),
  } as unknown as HostService;
  const config = {
    kiosk: { region: { idRegionPrefixes: ['4108'] }, timeZone: zone },
    card: { recordsUntilPrintRequired: 60 },
  } as unknown as KioskConfig;
  const factory = new SessionActorsFactory(
    { cardReader, pinPad: {} } as unknown as DevicesService,
    host,
    journal,
    config,
    {} as IssuanceHostService,
    {} as WithdrawalHoldRelease,
    {} as JournaledHostRetries,
  );
  const tx = await journal.openTransaction('s-1', 'balance');
  const readCard = factory.sessionMachine.implementations.actors.readCard as AnyActorLogic;
  const actor = createActor(readCard, { input: { sessionId: 's-1', journey: 'balance' } });
  factory.scope(actor.system, { transactionId: tx, locale: () => 'en', send: () => undefined });
  const done = toPromise(actor);
  actor.start();
  return done;
}

describe('the card’s expiry is read on the day of the kiosk’s configured zone as the card goes in', () => {
  it('refuses a card on its expiry date there (CARD_EXPIRED)', async () => {
    await expect(readCardExpiring(kioskDayOf(new Date(), zone))).rejects.toMatchObject({
      code: ErrorCode.CARD_EXPIRED,
    });
  });

  it('takes a card whose last valid day is today there', async () => {
    await expect(readCardExpiring(dayMovedBy(kioskDayOf(new Date(), zone), 1))).resolves.toMatchObject({
      cardNumber: zhang.cardNumber,
    });
  });
});
