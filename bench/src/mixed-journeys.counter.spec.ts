/**
 * The mixed-journey run's counter application, on its own: a resident whose card the host refuses
 * as expired goes by the service counter, where a new card is applied for, then to the kiosk to
 * have it made. Neither the short run in `npm test` nor the 10,000-journey soak gets there (no
 * card expires within a run's host time, and the demo resident whose card expired has an
 * application seeded), so the path is driven here, cheaply: the host simulator over HTTP with its
 * clock past a card's expiry, the soak's own resident steps (`nextJourney`, `noteRefusal`). Each
 * expiry is applied for once: coming back after a card making that failed applies for nothing
 * more, and the application is still the one the kiosk finds.
 */
import { DEMO_RESIDENTS } from '@kiosk/domain';
import { createHostSimulator, createPrng, type HostSimulator } from '@kiosk/host-simulator';
import { KIOSK_ID, KIOSK_KEY } from './mixed-journeys.counter.js';
import { nextJourney, noteRefusal } from './mixed-journeys.residents.js';
import type { Resident } from './mixed-journeys.robot.js';

const zhang = DEMO_RESIDENTS.find((r) => r.key === 'zhang')!;

let host: HostSimulator;
let hostUrl: string;
let hostNow: Date;

beforeEach(async () => {
  hostNow = new Date('2026-11-26T01:00:00.000Z');
  host = createHostSimulator({ kioskKeys: { [KIOSK_ID]: KIOSK_KEY }, residents: 0, now: () => hostNow });
  hostUrl = (await host.listen(0, '127.0.0.1')).url;
});
afterEach(async () => {
  await host.close();
});

/** The kiosk's call to the host, as the daemon makes it. */
async function asKiosk(method: 'GET' | 'POST', path: string, body?: unknown) {
  const res = await fetch(`${hostUrl}/v1${path}`, {
    method,
    headers: {
      'x-kiosk-id': KIOSK_ID,
      authorization: `Bearer ${KIOSK_KEY}`,
      ...(body ? { 'content-type': 'application/json' } : {}),
    },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

/** The applications for a new card the kiosk finds open for zhang. */
async function openNewCardApplications(): Promise<{ applicationNo: string; status: string }[]> {
  const { body } = await asKiosk('POST', '/applications/lookup', { idNumber: zhang.idNumber });
  const applications = body['applications'] as { applicationNo: string; kind: string; status: string }[];
  return applications.filter((a) => a.kind === 'new' && (a.status === 'ready' || a.status === 'awaitingFee'));
}

const counterApplications = () =>
  host.state.audit.filter((e) => e.kioskId === 'COUNTER-01' && e.action === 'application.new').length;

describe("the soak's counter application: a card refused as expired mid-run", () => {
  it('applies for a new card once per expiry: coming back after a failed card making applies for nothing more, and none is lost', async () => {
    const rng = createPrng(20261128);
    const resident: Resident = { key: 'zhang', cardId: 'zhang', pin: zhang.cardPin, state: 'active' };
    // the host's clock past the card's expiry: the kiosk's query is refused as expired
    const card = host.state.cards.get(zhang.cardNumber)!;
    hostNow = new Date(`${card.expiryDate}T02:00:00.000Z`);
    const refused = await asKiosk('GET', `/accounts/${zhang.cardNumber}/records`);
    expect(refused).toMatchObject({ status: 409, body: { code: 'CARD_EXPIRED' } });
    noteRefusal(resident, 'records:CARD_EXPIRED');
    expect(resident.state).toBe('expired');
    expect(await openNewCardApplications()).toEqual([]);

    // to the counter, then the kiosk: one application, ready, no fee, replacing the expired card
    expect(nextJourney(host, resident, rng, hostNow)).toBe('issueCard');
    const [applied, ...more] = await openNewCardApplications();
    expect(more).toEqual([]);
    expect(applied).toMatchObject({ status: 'ready' });
    expect(host.state.applications.get(applied!.applicationNo)).toMatchObject({
      feeFen: 0,
      replacesCardNumber: zhang.cardNumber,
    });
    expect(counterApplications()).toBe(1);

    // the card making failed (no card made): the resident comes again, twice
    noteRefusal(resident, 'issueCard:DEVICE_OFFLINE');
    for (const hours of [1, 30]) {
      hostNow = new Date(hostNow.getTime() + hours * 3_600_000);
      expect(nextJourney(host, resident, rng, hostNow)).toBe('issueCard');
    }
    expect(await openNewCardApplications()).toEqual([applied]);
    expect(counterApplications()).toBe(1);
  });

  it('guard: an application already open (the seeded one of the demo resident whose card expired) is the one used', async () => {
    const expired = DEMO_RESIDENTS.find((r) => r.cardState === 'expired')!;
    const resident: Resident = {
      key: expired.key,
      cardId: expired.key,
      pin: expired.cardPin,
      state: 'expired',
    };
    const before = [...host.state.applications.keys()];
    expect(nextJourney(host, resident, createPrng(1), hostNow)).toBe('issueCard');
    expect([...host.state.applications.keys()]).toEqual(before);
    expect(counterApplications()).toBe(0);
  });
});
