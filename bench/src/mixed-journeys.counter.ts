/**
 * What happens away from the kiosk in the mixed-journey run, at the host simulator: the fund's
 * contributions, the service counter (a card found again unfrozen; a new card applied for when
 * the old one expired, registration and photo taken there, the card then made at a kiosk) and
 * back-office staff lifting a block after review.
 */
import { DEMO_RESIDENTS } from '@kiosk/domain';
import { type HostSimulator, SystemAccount } from '@kiosk/host-simulator';

export const KIOSK_ID = 'JZ-9001';
export const KIOSK_KEY = 'soak-kiosk-key-JZ-9001-not-secret';
/** the counter's own name in the host's audit log */
const COUNTER = 'COUNTER-01';
const TOP_UP_FEN = 300_000;

const demoResident = (key: string) => DEMO_RESIDENTS.find((r) => r.key === key)!;

/** Every half month the fund pays each demo resident 3,000 yuan: the accounts never run dry. */
export function topUp(host: HostSimulator, at: Date): void {
  const store = host.context.store;
  for (const resident of DEMO_RESIDENTS) {
    const holder = store.residentByIdNumber(resident.idNumber);
    if (!holder) continue;
    store.ledger.transfer({
      from: SystemAccount.fundContributions,
      to: holder.accountId,
      amountFen: TOP_UP_FEN,
      at: at.toISOString(),
      kind: 'contribution',
      description: '个人账户划入 (monthly contribution)',
    });
  }
}

/** The resident's card in use at the host: the newest one issued to them. */
export function currentCardNumber(host: HostSimulator, key: string): string {
  const holder = host.state.residentByIdNumber(demoResident(key).idNumber)!;
  const cards = [...host.state.cards.values()].filter((c) => c.residentNo === holder.residentNo);
  return cards.at(-1)!.cardNumber;
}

/** The resident finds the card and has it unfrozen at the counter (the host's own API). */
export async function unfreezeAtCounter(hostUrl: string, key: string, cardNumber: string, n: number) {
  const res = await fetch(`${hostUrl}/v1/cards/${cardNumber}/unfreeze`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-kiosk-id': KIOSK_ID,
      authorization: `Bearer ${KIOSK_KEY}`,
      'idempotency-key': `${KIOSK_ID}:counter-unfreeze:${n}`,
    },
    body: JSON.stringify({ idNumber: demoResident(key).idNumber }),
  });
  if (!res.ok) throw new Error(`soak: unfreeze at the counter answered ${res.status} ${await res.text()}`);
}

/**
 * The resident whose card expired applies for a new one at the counter (registration and photo
 * taken there, no fee), unless an application is open already: the card is made at the kiosk.
 */
export function applyAtCounter(host: HostSimulator, key: string, at: Date): void {
  const store = host.context.store;
  const holder = store.residentByIdNumber(demoResident(key).idNumber)!;
  const open = store
    .applicationsOf(holder.residentNo)
    .some((a) => a.kind === 'new' && (a.status === 'ready' || a.status === 'awaitingFee'));
  if (open) return;
  const applicationNo = store.nextApplicationNo();
  store.applications.set(applicationNo, {
    applicationNo,
    residentNo: holder.residentNo,
    kind: 'new',
    status: 'ready',
    createdAt: at.toISOString(),
    replacesCardNumber: currentCardNumber(host, key),
    feeFen: 0,
    feePaidBy: null,
    reservedCardNumber: null,
    issuedCardNumber: null,
    chipSerial: null,
  });
  store.record({
    at: at.toISOString(),
    kioskId: COUNTER,
    action: 'application.new',
    cardNumber: null,
    outcome: 'ok',
  });
}
