/**
 * The seeded data set: the demo residents of `@kiosk/domain` exactly as the virtual cards carry
 * them, then `residents` generated ones (valid GB 11643 numbers in Jiaozuo, cards in every state,
 * balances and a few records each). The same seed and the same day give the same data.
 */
import { createHash } from 'node:crypto';
import { DEMO_RESIDENTS, makeResidentId } from '@kiosk/domain';
import { SystemAccount } from '../ledger/ledger.js';
import type { HostRules } from '../rules/host-rules.js';
import type { ApplicationKind } from '../store/host-records.js';
import type { Card, CardState, HostStore, Resident } from '../store/host-store.js';
import { addDays, cardExpiryDate, DAY_MS, isoDate, startOfDayUtc } from './calendar.js';
import { createPrng, type Prng } from './prng.js';
import {
  CARD_ISSUER_REGION_CODE,
  GIVEN_NAME_CHARACTERS,
  JIAOZUO_REGION_CODES,
  SURNAMES,
} from './resident-names.js';

export interface SeedOptions {
  readonly seed: number;
  readonly residents: number;
  /** the simulator's clock at start; record dates and card ages are counted back from its day */
  readonly today: Date;
}

/** Generated card states, weighted; the first six generated residents take one state each. */
const STATE_WEIGHTS: readonly (readonly [CardState, number])[] = [
  ['active', 70],
  ['made', 6],
  ['temporarilyLost', 6],
  ['lost', 5],
  ['cancelled', 5],
  ['expired', 8],
];

function weightedState(prng: Prng): CardState {
  let roll = prng.int(1, 100);
  for (const [state, weight] of STATE_WEIGHTS) {
    roll -= weight;
    if (roll <= 0) return state;
  }
  return 'active';
}

const functionsFor = (state: CardState): Card['functions'] => {
  const on = state !== 'made';
  return { socialSecurity: on, bank: on };
};

/**
 * The chip serial the simulated card factory gave a seeded card: the one the emulators' virtual
 * card of that number carries (device-drivers `chipSerialFor(cardNumber)`), so a demo card's chip
 * is its card's own.
 */
export function seededChipSerial(cardNumber: string): string {
  return createHash('sha256')
    .update(`chip:${cardNumber}`)
    .digest()
    .subarray(0, 16)
    .toString('hex')
    .toUpperCase();
}

function addApplication(
  store: HostStore,
  resident: Resident,
  kind: ApplicationKind,
  replacesCardNumber: string | null,
  feeFen: number,
  today: Date,
): void {
  const applicationNo = store.nextApplicationNo();
  store.applications.set(applicationNo, {
    applicationNo,
    residentNo: resident.residentNo,
    kind,
    status: feeFen > 0 ? 'awaitingFee' : 'ready',
    createdAt: addDays(today, -3).toISOString(),
    replacesCardNumber,
    feeFen,
    feePaidBy: null,
    reservedCardNumber: null,
    issuedCardNumber: null,
    chipSerial: null,
  });
}

export function seedHostData(store: HostStore, options: SeedOptions, rules: HostRules): void {
  const prng = createPrng(options.seed);
  const today = startOfDayUtc(options.today);
  let residentCounter = 0;
  const nextResidentNo = (): string => `R${String(++residentCounter).padStart(6, '0')}`;

  for (const demo of DEMO_RESIDENTS) {
    const resident = store.addResident({
      residentNo: nextResidentNo(),
      idNumber: demo.idNumber,
      name: demo.name,
      sex: demo.sex,
      birthDate: demo.birthDate,
    });
    store.addCard({
      cardNumber: demo.cardNumber,
      residentNo: resident.residentNo,
      state: demo.cardState,
      issueDate: demo.cardIssueDate,
      expiryDate: cardExpiryDate(demo.cardIssueDate),
      regionCode: CARD_ISSUER_REGION_CODE,
      stateChangedAt: `${demo.cardIssueDate}T09:00:00.000Z`,
      functions: functionsFor(demo.cardState),
      withdrawalBlock: null,
      chipSerial: seededChipSerial(demo.cardNumber),
    });
    if (demo.cardState === 'expired') {
      // the demo resident with an expired card has a new-card application waiting at the kiosk
      addApplication(store, resident, 'new', demo.cardNumber, 0, today);
    }
    seedAccountHistory(store, prng, resident, demo.balanceFen, today);
  }

  for (let i = 0; i < options.residents; i += 1) {
    const resident = generateResident(store, prng, nextResidentNo(), today);
    const state = i < STATE_WEIGHTS.length ? (STATE_WEIGHTS[i]?.[0] ?? 'active') : weightedState(prng);
    const card = (cardState: CardState, issue: Date, changedDaysAgo: number): void => {
      const issueDate = isoDate(issue);
      const cardNumber = store.nextCardNumber();
      store.addCard({
        cardNumber,
        residentNo: resident.residentNo,
        state: cardState,
        issueDate,
        expiryDate: cardExpiryDate(issueDate),
        regionCode: CARD_ISSUER_REGION_CODE,
        stateChangedAt: addDays(today, -changedDaysAgo).toISOString(),
        functions: functionsFor(cardState),
        withdrawalBlock: null,
        chipSerial: seededChipSerial(cardNumber),
      });
    };
    if (i % 20 === 19) {
      // registered and photographed at a counter; the card is made at a kiosk
      addApplication(store, resident, 'new', null, 0, today);
    } else if (state === 'made') {
      card('made', addDays(today, -prng.int(0, 30)), 0);
    } else if (state === 'expired') {
      card('expired', addDays(today, -prng.int(3653, 5000)), prng.int(1, 300));
    } else if (state === 'cancelled') {
      // an old card replaced: the old number is cancelled, the replacement is in use
      const replacedDaysAgo = prng.int(30, 1500);
      card('cancelled', addDays(today, -replacedDaysAgo - prng.int(200, 2000)), replacedDaysAgo);
      card('active', addDays(today, -replacedDaysAgo), replacedDaysAgo);
    } else {
      const changedDaysAgo = state === 'temporarilyLost' ? prng.int(0, 13) : prng.int(0, 400);
      const issued = addDays(today, -prng.int(changedDaysAgo, 3400));
      card(state, issued, changedDaysAgo);
      if (state === 'lost' && prng.chance(0.5)) {
        const lost = [...store.cards.values()].at(-1);
        addApplication(
          store,
          resident,
          'replacement',
          lost?.cardNumber ?? null,
          rules.replacementFeeFen,
          today,
        );
      }
    }
    const balanceFen = Math.floor(prng.next() ** 2 * 3_000_000);
    seedAccountHistory(store, prng, resident, balanceFen, today);
  }
}

function generateResident(store: HostStore, prng: Prng, residentNo: string, today: Date): Resident {
  const sex = prng.chance(0.5) ? 'male' : 'female';
  const given = prng.pick(GIVEN_NAME_CHARACTERS) + (prng.chance(0.7) ? prng.pick(GIVEN_NAME_CHARACTERS) : '');
  const name = prng.pick(SURNAMES) + given;
  for (;;) {
    const birth = addDays(today, -prng.int(18 * 365, 85 * 365));
    const birthDate = isoDate(birth);
    const sequence = prng.int(0, 499) * 2 + (sex === 'male' ? 1 : 0);
    const idNumber = makeResidentId(prng.pick(JIAOZUO_REGION_CODES), birthDate.replaceAll('-', ''), sequence);
    if (store.residentByIdNumber(idNumber)) continue;
    return store.addResident({ residentNo, idNumber, name, sex, birthDate });
  }
}

/**
 * A few movements over the last half year ending exactly at `balanceFen`, built backwards from
 * the balance (so it never goes negative), then an opening balance, all posted in time order.
 */
function seedAccountHistory(
  store: HostStore,
  prng: Prng,
  resident: Resident,
  balanceFen: number,
  today: Date,
): void {
  const count = prng.int(3, 8);
  const times = Array.from({ length: count }, () => today.getTime() - prng.int(1, 180 * 24 * 60) * 60_000);
  times.sort((a, b) => a - b);
  const movements: { at: number; kind: 'contribution' | 'medicalPayment'; amountFen: number }[] = [];
  let balance = balanceFen;
  for (let i = count - 1; i >= 0; i -= 1) {
    const contribution = prng.int(5_000, 40_000);
    const at = times[i] ?? today.getTime();
    if (prng.chance(0.5) && contribution <= balance) {
      movements.unshift({ at, kind: 'contribution', amountFen: contribution });
      balance -= contribution;
    } else {
      const payment = prng.int(500, 30_000);
      movements.unshift({ at, kind: 'medicalPayment', amountFen: payment });
      balance += payment;
    }
  }
  const openedAt = new Date((times[0] ?? today.getTime()) - 30 * DAY_MS).toISOString();
  const account = resident.accountId;
  if (balance > 0) {
    store.ledger.transfer({
      from: SystemAccount.fundContributions,
      to: account,
      amountFen: balance,
      at: openedAt,
      kind: 'opening',
      description: '上年结转 (balance carried forward)',
    });
  }
  for (const m of movements) {
    const at = new Date(m.at).toISOString();
    if (m.kind === 'contribution') {
      store.ledger.transfer({
        from: SystemAccount.fundContributions,
        to: account,
        amountFen: m.amountFen,
        at,
        kind: 'contribution',
        description: '个人账户划入 (monthly contribution)',
      });
    } else {
      store.ledger.transfer({
        from: account,
        to: SystemAccount.medicalSettlement,
        amountFen: m.amountFen,
        at,
        kind: 'medicalPayment',
        ...prng.pick(PAYEES),
      });
    }
  }
}

/** the host's own description (for its staff) and the code the kiosk words for the resident */
const PAYEES = [
  { description: '药店购药 (pharmacy purchase)', detail: 'pharmacy' },
  { description: '门诊结算 (outpatient visit)', detail: 'outpatient' },
  { description: '社区卫生服务中心 (community clinic)', detail: 'communityClinic' },
  { description: '住院自付 (inpatient co-payment)', detail: 'inpatient' },
] as const;
