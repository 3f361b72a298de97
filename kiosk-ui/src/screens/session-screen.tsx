import { useTranslation } from 'react-i18next';
import { FEE_METHODS } from '@kiosk/domain';
import { CountdownBar } from '../countdown/countdown-bar';
import { MoreTimePrompt } from '../countdown/more-time-prompt';
import { useCountdown } from '../countdown/use-countdown';
import { useGatewayState } from '../gateway/gateway-context';
import { detailsOf, type JourneyView } from '../gateway/proposed-contract';
import { useSend } from '../gateway/use-send';
import { BigButton } from '../shell/big-button';
import { ErrorBox } from '../shell/error-box';
import { SpecialWithdrawals, yuanWhole } from './amount-chooser';
import { StepBody } from './step-body';
import type { SessionCommand, StepAction, StepLayout, StepPresentation } from './step-presentations';
import { withdrawalNotPaidOf } from './withdrawal-not-paid';

/** Layouts where nobody is asked anything: no countdown and no "need more time?" there. */
const UNATTENDED: readonly StepLayout[] = ['progress', 'issuance', 'ended'];
/** Journeys that run without the resident's card in the reader: "finish" returns no card there. */
const NO_CARD_JOURNEYS: readonly (string | null)[] = ['reportLoss', 'issueCard', 'replaceCard'];
/** A card or cash at the slot is retracted on time, whatever is answered: no "need more time?". */
const SLOT_TIMED: readonly StepLayout[] = ['takeCard', 'takeCash', 'takeIdCard'];

/**
 * The words for someone else's card at the slot (refused at a damaged-card hand-in, `ID_MISMATCH`):
 * to be taken back, being kept, or kept at the end; null where the resident's own words apply.
 */
function notHoldersCardKey(view: JourneyView): string | null {
  if (!view.notHoldersCard) return null;
  if (view.step === 'takeCard' || view.step === 'retractingCard') return `notHoldersCard.${view.step}`;
  return view.step === 'ended' && view.outcome === 'cardRetracted' ? 'notHoldersCard.ended' : null;
}

/** One session step: its title, its one decision, its countdown and, if refused, why and what next. */
export function SessionScreen({
  view,
  presentation,
  readerLost,
}: {
  view: JourneyView;
  presentation: StepPresentation;
  /** the card reader is gone mid-session (screenFor): the resident is asked to wait until it is back */
  readerLost?: true | undefined;
}) {
  const { t, i18n } = useTranslation();
  const { send, pending } = useSend();
  const { kiosk } = useGatewayState();
  const countdown = useCountdown(view.deadline);
  const command = (c: SessionCommand) => () => void send('session.command', { command: c });
  // the journey's own words for a step (the current PIN of a change), else the step's; a card
  // reported lost already is unfrozen on the loss report's road, with words of its own
  const unfreeze = detailsOf(view, 'reportLoss')?.mode === 'unfreeze';
  const journeyStep = `journeySteps.${unfreeze ? 'unfreezeCard' : (view.journey ?? '')}.${view.step}`;
  // someone else's card refused at a damaged-card hand-in, at the slot or kept: never "your card"
  const notHolders = notHoldersCardKey(view);
  const stepKey =
    notHolders ??
    (i18n.exists(`${journeyStep}.title`)
      ? journeyStep
      : `steps.${i18n.exists(`steps.${view.step}.title`) ? view.step : 'unknown'}`);
  // not taken from a reader that cannot capture it: the card is still in the slot, the take-card
  // prompt again as the title (the error's words say it is still there, take it now)
  const leftInSlot = view.step === 'ended' && view.cardLeftInSlot === true && !notHolders;
  // a withdrawal that ended with no cash paid out (refused, cancelled, reversed, a reversal or a
  // retract unanswered): never "Withdrawal done"; what became of the money, and the card back
  const withdraw = detailsOf(view, 'withdraw');
  const notPaid = withdrawalNotPaidOf(view);
  const title = leftInSlot
    ? t('steps.takeCard.title')
    : view.step === 'ended' && view.outcome && !notHolders
      ? t(`outcomeTitle.${view.outcome}`)
      : t(notPaid ? 'steps.cashWithdrawn.titleNotPaid' : `${stepKey}.title`, { length: view.pin?.length });
  // "anything else?" with the card at its records limit: only the records, or no printer now: only the card back
  const limitHint =
    view.step === 'chooseJourney' && view.recordsPrintRequired
      ? `steps.chooseJourney.${view.recordsPrintUnavailable ? 'hintCardBackOnly' : 'hintRecordsOnly'}`
      : null;
  // the withdrawal's receipt not printed (refused, no answer, none possible): not "take the receipt"
  const noReceiptHint = notPaid
    ? `steps.cashWithdrawn.notPaid.${notPaid}`
    : view.step === 'cashWithdrawn' && withdraw?.receiptPrinted === false
      ? 'steps.cashWithdrawn.hintNoReceipt'
      : null;
  const hint = t(limitHint ?? noReceiptHint ?? `${stepKey}.hint`);
  // a withdrawal refused at authorisation whose hold the kiosk released: what next in words of
  // their own where the code's would send the resident to settle it at a counter
  const heldNextKey = `withdraw.holdReleasedNext.${view.error?.code ?? ''}`;
  const heldNext = view.withdrawalHoldReleased && i18n.exists(heldNextKey) ? heldNextKey : null;
  // the card neither taken nor captured stays in the kiosk for staff: never the code's "try again"
  const keptNext = view.cardKeptForStaff
    ? `cardKeptForStaff.${view.notHoldersCard ? 'nextNotHolders' : 'next'}`
    : null;
  // card making stopped after the fee was paid: the fee is kept with the application (ADR 0008)
  // a card at its unprinted-records limit on a kiosk that cannot print now: not "print them here"
  // (the records screen's printer, or "anything else?" after the limit with the printer down)
  const printElsewhere =
    view.error?.code === 'CARD_RECORDS_PRINT_REQUIRED' &&
    (detailsOf(view, 'records')?.printAvailable === false || view.recordsPrintUnavailable === true)
      ? 'records.printRequiredNotHere'
      : null;
  // the account cannot pay the fee: the fee has one amount, so another way to pay, never "a smaller amount"
  const feeWays = detailsOf(view, 'issueCard')?.feeMethods ?? FEE_METHODS;
  const feeShort =
    view.step === 'payFee' && view.error?.code === 'INSUFFICIENT_BALANCE'
      ? feeWays.includes('qr')
        ? 'issuance.accountShortPayQr'
        : 'issuance.accountShortAtCounter'
      : null;
  // an amount in no steps of the smallest note held (ADR 0021): the step the kiosk takes now, named
  const noteStep =
    view.error?.code === 'WITHDRAWAL_NOT_NOTE_MULTIPLE' && withdraw ? 'withdraw.noteMultipleNext' : null;
  // the loss report finds no card in use of the resident's: said plainly, not the catalogue's
  // "this card is not known to the office" of a card the resident never put in
  const noCardInUse = view.journey === 'reportLoss' && view.error?.code === 'CARD_NOT_FOUND';
  // a card found with its PIN locked: "choose Reset PIN" only where this kiosk offers it now
  const lockedAtCounter =
    view.error?.code === 'PIN_ALREADY_BLOCKED' && kiosk?.journeysOffered.includes('resetPin') !== true;
  // the records' print refused busy (the receipt printer stopped until its print head cools): no
  // printout now and when it can print again, not the catalogue's "a part of the kiosk is busy"
  const printerBusy = view.journey === 'records' && view.error?.code === 'DEVICE_BUSY';
  const what = noCardInUse ? 'loss.noCardInUse.what' : printerBusy ? 'records.printerBusy.what' : null;
  const next =
    keptNext ??
    heldNext ??
    printElsewhere ??
    feeShort ??
    noteStep ??
    (noCardInUse ? 'loss.noCardInUse.next' : null) ??
    (lockedAtCounter ? 'pin.lockedNextAtCounter' : null) ??
    (printerBusy ? 'records.printerBusy.next' : null) ??
    (view.feeKept ? 'feeKept.next' : null);
  const nextParams = noteStep && withdraw ? { amount: yuanWhole(withdraw.noteFen) } : {};
  const { layout, cancel } = presentation;
  // records without a printer: finishing is the only decision left
  const primary =
    layout === 'records' && detailsOf(view, 'records')?.printAvailable === false
      ? undefined
      : presentation.primary;
  const attended = !UNATTENDED.includes(layout);
  const showCountdown = attended && countdown !== null && !countdown.expired;
  const stop = cancel ?? primary;
  const label = (action: StepAction) =>
    t(
      action.command === 'finish' && NO_CARD_JOURNEYS.includes(view.journey)
        ? 'common.done'
        : unfreeze && action.label === 'loss.confirm'
          ? 'loss.confirmUnfreeze'
          : action.label,
    );

  return (
    <section className={`session-screen session-screen--${layout}`} data-testid={`step-${view.step}`}>
      {view.journey ? <p className="journey-label">{t(`journeys.${view.journey}.title`)}</p> : null}
      <h2 className="screen-title" tabIndex={-1}>
        {title}
      </h2>
      {hint ? <p className="screen-hint">{hint}</p> : null}

      {readerLost ? (
        <p className="notice-line" role="status" data-testid="reader-lost">
          {t('readerLost.what')} {t('readerLost.next')}
        </p>
      ) : null}

      {/* the kept card is someone else's: the hint says so, not "ask staff to give it back to you" */}
      {view.error && !(notHolders && view.step === 'ended') ? (
        <ErrorBox
          code={view.error.code}
          message={view.error.message}
          {...(what ? { what: t(what) } : {})}
          {...(next ? { next: t(next, nextParams) } : {})}
        />
      ) : null}

      <div className="session-screen__content">
        <StepBody view={view} layout={layout} countdown={countdown} />

        {showCountdown || primary || cancel ? (
          <footer className="session-screen__footer">
            {layout === 'amount' && detailsOf(view, 'withdraw') ? <SpecialWithdrawals /> : null}
            {showCountdown ? <CountdownBar countdown={countdown} /> : null}
            <div className="button-row">
              {primary ? (
                <BigButton busy={pending} onPress={command(primary.command)} testId="primary">
                  {label(primary)}
                </BigButton>
              ) : null}
              {cancel ? (
                <BigButton
                  variant="secondary"
                  busy={pending}
                  onPress={command(cancel.command)}
                  testId="cancel"
                >
                  {label(cancel)}
                </BigButton>
              ) : null}
            </div>
          </footer>
        ) : null}
      </div>

      {showCountdown && countdown.warning && !SLOT_TIMED.includes(layout) ? (
        <MoreTimePrompt
          countdown={countdown}
          busy={pending}
          onMoreTime={command('moreTime')}
          {...(stop ? { onStop: command(stop.command) } : {})}
        />
      ) : null}
    </section>
  );
}
