/**
 * Cards issued from the hand-over to the places that read them, through the real daemon and the
 * real fleet monitor (its embedded MQTT broker): a resident takes a new card at the slot; the
 * journal counts it once, the staff view and the reconciliation say so (loaded = issued + spoiled
 * + left, no difference), and the card printer's status at the monitor carries the count. (A card
 * not taken is spoiled, not issued: issue-card-journey e2e and the kill harness.)
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DEMO_RESIDENTS } from '@kiosk/domain';
import { eventually } from '@kiosk/domain/testing';

import { DEMO_ENGINEER, startKioskAtFleet, type KioskAtFleet } from './maintenance-client.js';

const wang = DEMO_RESIDENTS.find((r) => r.key === 'wang')!; // a new-card application waiting

let kiosk: KioskAtFleet;

beforeAll(async () => {
  kiosk = await startKioskAtFleet();
}, 90_000);

afterAll(async () => {
  await kiosk?.close();
});

/** The card printer's issued count as the monitor keeps the kiosk's status. */
const issuedAtFleet = (detail: { body?: { status?: { devices?: { kind: string; issued?: number }[] } } }) =>
  detail.body?.status?.devices?.find((d) => d.kind === 'cardPrinter')?.issued;

describe('cards issued: journal, staff and fleet', () => {
  it('a new card taken at the slot: issued 1 at the staff view, in the reconciliation (difference 0) and at the fleet', async () => {
    const { ui } = kiosk;
    await ui.waitForKiosk((k) => k.journeysOffered.includes('issueCard'));
    expect(await ui.emit('session.start', { journey: 'issueCard' })).toEqual({ ok: true });
    await ui.waitForSession((v) => v?.step === 'placeIdCard');
    await ui.emit('demo.idCard', { action: 'place', idCardId: wang.key });
    const atSlot = await ui.waitForSession((v) => v?.step === 'takeNewCard' || v?.step === 'ended', 60_000);
    expect(atSlot?.step).toBe('takeNewCard');
    expect(await ui.emit('demo.newCard', { action: 'take' })).toEqual({ ok: true });
    await ui.waitForSession((v) => v?.step === 'chooseJourney', 20_000);
    await ui.emit('demo.idCard', { action: 'remove' });
    await ui.emit('session.command', { command: 'finish' });
    await ui.waitForSession((v) => v === null || v.step === 'ended', 15_000);

    await eventually(kiosk.detail, 'the fleet sees one card issued', {
      withinMs: 10_000,
      until: (d) => issuedAtFleet(d) === 1,
    });

    const login = await kiosk.logIn(DEMO_ENGINEER);
    const token = login.body.token as string;
    const view = (await kiosk.call('GET', '/maintenance/view', { token })).body;
    expect(view.cardsIssued).toBe(1);
    const report = (await kiosk.call('GET', '/maintenance/reconciliation', { token })).body;
    expect(report.cardBlanks).toMatchObject({ issued: 1, spoiled: 0, difference: 0, reconciles: true });
    expect(report.cardBlanks.hopperBefore - report.cardBlanks.remaining).toBe(1);
    // counts only: nothing of the resident in the report
    expect(JSON.stringify(report)).not.toContain(wang.idNumber);
    expect((await kiosk.call('POST', '/maintenance/logout', { token })).status).toBe(204);
  }, 120_000);
});
