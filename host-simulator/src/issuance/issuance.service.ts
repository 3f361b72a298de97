/**
 * Card issuance at the host. A new card: the application exists (registration and photo taken at
 * a counter). A replacement: the old card is reported lost (or handed in damaged), the fee is
 * paid (QR or personal account), a new card is made and the old card number cancelled.
 * Card making: reserve a number and get the data to personalise → ask for the card's issuer key
 * → report the card issued (it becomes "made") or abandoned (the number is voided).
 */
import { ErrorCode } from '@kiosk/domain';
import { applyCardEvent, cardStateAnswer } from '../cards/card-lifecycle.service.js';
import { effectiveCardState, findCard, requireHolder, STATE_ADVICE } from '../cards/card-rules.js';
import type { HostContext } from '../host-context.js';
import { HostError } from '../http/host-error.js';
import { bookReplacementFee } from '../payments/replacement-fee.js';
import { businessDay } from '../rules/host-rules.js';
import { addYears } from '../seed/calendar.js';
import { CARD_ISSUER_REGION_CODE } from '../seed/resident-names.js';
import type { Application } from '../store/host-records.js';
import type { Resident } from '../store/host-store.js';
import type {
  ApplicationView,
  CardPersonalisation,
  IssuanceAnswer,
  IssuanceReport,
  QrPaymentView,
  ResidentAnswer,
} from './issuance.schemas.js';
import { ISSUER_KEY_VERSION, type IssuerKeyPurpose } from './issuer-keys.js';

export const applicationView = (a: Application): ApplicationView => ({
  applicationNo: a.applicationNo,
  kind: a.kind,
  status: a.status,
  feeFen: a.feeFen,
  feePaidBy: a.feePaidBy,
  replacesCardNumber: a.replacesCardNumber,
  reservedCardNumber: a.reservedCardNumber,
  issuedCardNumber: a.issuedCardNumber,
  createdAt: a.createdAt,
});

function residentByIdNumber(ctx: HostContext, idNumber: string): Resident {
  const resident = ctx.store.residentByIdNumber(idNumber);
  if (!resident) {
    throw new HostError(
      404,
      ErrorCode.RESIDENT_NOT_FOUND,
      'No registration for this ID number; go to a counter.',
    );
  }
  return resident;
}

function findApplication(ctx: HostContext, applicationNo: string, idNumber?: string): Application {
  const application = ctx.store.applications.get(applicationNo);
  if (!application) throw new HostError(404, ErrorCode.APPLICATION_NOT_FOUND, 'No such card application.');
  if (idNumber !== undefined && ctx.store.residents.get(application.residentNo)?.idNumber !== idNumber) {
    throw new HostError(403, ErrorCode.ID_MISMATCH, 'This application belongs to someone else.');
  }
  return application;
}

const applicationConflict = (message: string): HostError =>
  new HostError(409, ErrorCode.APPLICATION_STATE_CONFLICT, message);

/** The resident's open applications (awaiting the fee or ready to make). */
export function lookupApplications(ctx: HostContext, idNumber: string): ApplicationView[] {
  const resident = residentByIdNumber(ctx, idNumber);
  return ctx.store
    .applicationsOf(resident.residentNo)
    .filter((a) => a.status === 'awaitingFee' || a.status === 'ready')
    .map(applicationView);
}

/** The resident behind an ID card: their cards (newest first) and open applications. */
export function lookupResident(ctx: HostContext, idNumber: string): ResidentAnswer {
  const resident = residentByIdNumber(ctx, idNumber);
  const cards = [...ctx.store.cards.values()]
    .filter((c) => c.residentNo === resident.residentNo)
    .sort((a, b) => (a.issueDate < b.issueDate ? 1 : a.issueDate > b.issueDate ? -1 : 0))
    .map((c) => ({
      cardNumber: c.cardNumber,
      state: effectiveCardState(ctx, c),
      issueDate: c.issueDate,
      expiryDate: c.expiryDate,
    }));
  return {
    name: resident.name,
    sex: resident.sex,
    birthDate: resident.birthDate,
    cards,
    applications: lookupApplications(ctx, idNumber),
  };
}

export function payFeeFromAccount(
  ctx: HostContext,
  kioskId: string,
  applicationNo: string,
  idNumber: string,
): ApplicationView {
  const application = findApplication(ctx, applicationNo, idNumber);
  if (application.status !== 'awaitingFee')
    throw applicationConflict('The application does not await a fee.');
  const holder = residentByIdNumber(ctx, idNumber);
  if (ctx.store.ledger.balanceOf(holder.accountId) < application.feeFen) {
    throw new HostError(
      422,
      ErrorCode.INSUFFICIENT_BALANCE,
      'The personal account cannot pay the fee; pay by QR code.',
    );
  }
  bookReplacementFee(ctx.store, application, {
    from: holder.accountId,
    amountFen: application.feeFen,
    paidBy: 'account',
    description: '补卡费 (replacement fee)',
    at: ctx.now().toISOString(),
    kioskId,
    action: 'application.feeFromAccount',
  });
  return applicationView(application);
}

export function qrPaymentView(ctx: HostContext, paymentId: string): QrPaymentView {
  const p = ctx.qrProvider.status(paymentId);
  const left = Date.parse(p.expiresAt) - ctx.now().getTime();
  const expiresInMs = p.status === 'pending' ? Math.max(0, left) : 0;
  return { ...p, qrContent: `kioskpay:order/${p.paymentId}?amount=${p.amountFen}`, expiresInMs };
}

export function startQrPayment(ctx: HostContext, applicationNo: string, validForMs?: number): QrPaymentView {
  const application = findApplication(ctx, applicationNo);
  if (application.status !== 'awaitingFee')
    throw applicationConflict('The application does not await a fee.');
  const order = ctx.qrProvider.createOrder(applicationNo, application.feeFen, validForMs);
  return qrPaymentView(ctx, order.paymentId);
}

/** Reserves a card number for the application and answers what to write on the chip and face. */
export function orderCard(
  ctx: HostContext,
  kioskId: string,
  applicationNo: string,
  idNumber: string,
): CardPersonalisation {
  const application = findApplication(ctx, applicationNo, idNumber);
  if (application.status === 'awaitingFee') {
    throw new HostError(409, ErrorCode.FEE_NOT_PAID, 'Pay the replacement fee before the card is made.');
  }
  if (application.status !== 'ready') throw applicationConflict(`The application is ${application.status}.`);
  const holder = ctx.store.residents.get(application.residentNo) as Resident;
  if (application.reservedCardNumber === null) {
    application.reservedCardNumber = ctx.store.nextCardNumber();
    ctx.store.record({
      at: ctx.now().toISOString(),
      kioskId,
      action: 'application.cardReserved',
      cardNumber: application.reservedCardNumber,
      outcome: 'ok',
    });
  }
  // the business day, as the caps count it: a card made at 07:30 in China is dated that day
  const issueDate = businessDay(ctx.rules, ctx.now());
  return {
    applicationNo,
    cardNumber: application.reservedCardNumber,
    issuerRegionCode: CARD_ISSUER_REGION_CODE,
    issueDate,
    expiryDate: addYears(issueDate, ctx.rules.cardValidityYears),
    holder: { idNumber: holder.idNumber, name: holder.name, sex: holder.sex, birthDate: holder.birthDate },
    keyVersion: ISSUER_KEY_VERSION,
  };
}

/** The card's key: for personalisation only while its number is reserved; for PIN unlock on a live
 * card, to its holder. */
export function issuerKeyFor(
  ctx: HostContext,
  kioskId: string,
  cardNumber: string,
  purpose: IssuerKeyPurpose,
  cardIdentifier?: string,
  idNumber?: string,
) {
  if (purpose === 'personalisation') {
    const application = [...ctx.store.applications.values()].find(
      (a) => a.status === 'ready' && a.reservedCardNumber === cardNumber,
    );
    if (!application) throw applicationConflict('This card number is not being made; order the card first.');
    // the chip this card number goes onto: kept with the card once it is issued
    if (cardIdentifier !== undefined) application.chipSerial = cardIdentifier.toUpperCase();
  } else {
    const card = findCard(ctx, cardNumber);
    // an unlock is for the holder only: the kiosk names the ID card it matched the face against
    requireHolder(ctx, card, idNumber ?? '');
    const state = effectiveCardState(ctx, card);
    if (state !== 'active' && state !== 'made') {
      throw new HostError(409, ErrorCode.CARD_STATE_CONFLICT, STATE_ADVICE[state]);
    }
    // a key only for the chip made for this card: a copy of the card's data on another chip gets none
    const chip = cardIdentifier?.toUpperCase();
    if (chip !== undefined && card.chipSerial !== null && chip !== card.chipSerial) {
      throw new HostError(
        409,
        ErrorCode.CARD_CHIP_MISMATCH,
        'This chip is not the one made for this card number; the card must be checked at a counter.',
      );
    }
  }
  ctx.store.record({
    at: ctx.now().toISOString(),
    kioskId,
    action: `issuerKey.${purpose}`,
    cardNumber,
    outcome: 'ok',
  });
  return {
    cardNumber,
    purpose,
    keyVersion: ISSUER_KEY_VERSION,
    keyHex:
      cardIdentifier === undefined
        ? ctx.issuerKeys.keyFor(cardNumber, purpose)
        : ctx.issuerKeys.chipKeyFor(cardIdentifier),
  };
}

export function reportIssuance(
  ctx: HostContext,
  kioskId: string,
  applicationNo: string,
  report: IssuanceReport,
): IssuanceAnswer {
  const application = findApplication(ctx, applicationNo);
  if (application.status !== 'ready' || application.reservedCardNumber !== report.cardNumber) {
    throw applicationConflict('This card number is not being made for this application.');
  }
  const at = ctx.now();
  application.reservedCardNumber = null;
  if (report.outcome === 'abandoned') {
    ctx.store.record({
      at: at.toISOString(),
      kioskId,
      action: 'card.abandoned',
      cardNumber: report.cardNumber,
      outcome: 'ok',
    });
    return { application: applicationView(application), card: null, cancelledCardNumber: null };
  }
  const issueDate = businessDay(ctx.rules, at);
  const card = ctx.store.addCard({
    cardNumber: report.cardNumber,
    residentNo: application.residentNo,
    state: 'made',
    issueDate,
    expiryDate: addYears(issueDate, ctx.rules.cardValidityYears),
    regionCode: CARD_ISSUER_REGION_CODE,
    stateChangedAt: at.toISOString(),
    functions: { socialSecurity: false, bank: false },
    withdrawalBlock: null,
    chipSerial: application.chipSerial,
  });
  application.status = 'issued';
  application.issuedCardNumber = card.cardNumber;
  ctx.store.record({
    at: at.toISOString(),
    kioskId,
    action: 'card.issued',
    cardNumber: card.cardNumber,
    outcome: 'ok',
  });
  let cancelledCardNumber: string | null = null;
  const old = application.replacesCardNumber
    ? ctx.store.cards.get(application.replacesCardNumber)
    : undefined;
  if (old && old.state !== 'cancelled') {
    applyCardEvent(ctx, old, 'cancel', kioskId);
    cancelledCardNumber = old.cardNumber;
  }
  return { application: applicationView(application), card: cardStateAnswer(ctx, card), cancelledCardNumber };
}
