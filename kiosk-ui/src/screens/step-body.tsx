import { useTranslation } from 'react-i18next';
import { formatYuan, type JourneyDetails } from '@kiosk/domain';
import type { Countdown } from '../countdown/countdown';
import { detailsOf, type JourneyView } from '../gateway/proposed-contract';
import { AmountChooser, yuanWhole } from './amount-chooser';
import { BalancePanel } from './balance-panel';
import { FeePayment } from './fee-payment';
import { ReplacementReason } from './replacement-reason';
import { FurtherJourneys } from './further-journeys';
import { IssuanceProgress } from './issuance-progress';
import { PinDots } from './pin-dots';
import { RecordsTable } from './records-table';
import { StepIllustration } from './step-illustration';
import { withdrawalNotPaidOf } from './withdrawal-not-paid';
import type { StepLayout } from './step-presentations';

type NewPinDetails = Extract<JourneyDetails, { kind: 'newPin' }>;

const yuan = (fen: number) => formatYuan(fen);

/** The middle of a step's screen: what the resident looks at while deciding. */
export function StepBody(props: { view: JourneyView; layout: StepLayout; countdown: Countdown | null }) {
  const { view, layout, countdown } = props;
  const { t } = useTranslation();
  const records = detailsOf(view, 'records');
  const withdraw = detailsOf(view, 'withdraw');
  const identify = detailsOf(view, 'identify');
  const newPin = detailsOf(view, 'newPin');
  const reportLoss = detailsOf(view, 'reportLoss');
  const notPaid = withdrawalNotPaidOf(view);
  return (
    <div className="session-screen__body">
      <StepIllustration layout={layout} notDone={notPaid !== null} />
      {layout === 'pinEntry' && view.pin ? <PinDots pin={view.pin} /> : null}
      {/* the card at its limit and no printer now: nothing to go on to here, only the card back */}
      {view.step === 'chooseJourney' && view.journey !== null && !view.recordsPrintUnavailable ? (
        <FurtherJourneys after={view.journey} recordsPrintRequired={view.recordsPrintRequired === true} />
      ) : null}
      {layout === 'balance' ? <BalancePanel view={view} /> : null}
      {layout === 'records' && records ? <RecordsTable details={records} /> : null}
      {layout === 'records' && records?.printAvailable === false ? (
        <p className="notice-line">{t('records.printUnavailable')}</p>
      ) : null}
      {layout === 'amount' ? <AmountChooser details={withdraw} /> : null}
      {layout === 'issuance' ? <IssuanceProgress progress={view.progress} countdown={countdown} /> : null}
      {layout === 'payFee' ? <FeePayment view={view} /> : null}
      {layout === 'replacementReason' ? <ReplacementReason /> : null}
      {(layout === 'face' || layout === 'retry') && identify ? (
        <p className="notice-line" data-testid="face-tries-left">
          <span aria-hidden="true">⚠ </span>
          {t('face.triesLeft', { count: identify.faceTriesLeft })}
        </p>
      ) : null}
      {layout === 'pinEntry' && newPin ? <NewPinNotice view={view} details={newPin} /> : null}
      {layout === 'confirm' && view.card ? (
        <p className="big-figure" data-testid="confirm-card">
          {view.card.maskedName} · {view.card.maskedCardNumber}
        </p>
      ) : null}
      {layout === 'confirm' && view.fee ? (
        <p className="big-figure" data-testid="fee">
          {t('issuance.fee', { amount: yuan(view.fee.amountFen) })}
        </p>
      ) : null}
      {/* a withdrawal that paid nothing out shows no amount paid out, nor one paid short */}
      {layout === 'done' && withdraw?.amountFen !== undefined && !notPaid ? (
        <p className="big-figure" data-testid="paid">
          {t('withdraw.paid', { amount: yuanWhole(withdraw.countedFen ?? withdraw.amountFen) })}
        </p>
      ) : null}
      {(layout === 'takeCash' || layout === 'done') &&
      !notPaid &&
      withdraw?.countedFen !== undefined &&
      withdraw.amountFen !== undefined ? (
        <p className="notice-line" role="status" data-testid="paid-short">
          <span aria-hidden="true">⚠ </span>
          {t('withdraw.short', {
            paid: yuanWhole(withdraw.countedFen),
            rest: yuanWhole(withdraw.amountFen - withdraw.countedFen),
          })}
        </p>
      ) : null}
      {view.withdrawalHoldReleased ? (
        <p className="notice-line" role="status" data-testid="hold-released">
          <span aria-hidden="true">ℹ </span>
          {t('withdraw.holdReleased')}
        </p>
      ) : null}
      {/* a journey refused there for it: the error's words say the same, said once */}
      {view.recordsPrintRequired &&
      !(view.step === 'chooseJourney' && view.error?.code === 'CARD_RECORDS_PRINT_REQUIRED') ? (
        <p className="notice-line" role="status" data-testid="records-print-required">
          <span aria-hidden="true">⚠ </span>
          {/* "anything else?" offers only the records then: the reason said with it */}
          {t(
            view.step !== 'chooseJourney'
              ? 'records.printRequiredAfterWithdrawal'
              : view.recordsPrintUnavailable
                ? 'records.printRequiredNotHere'
                : 'records.printRequiredBeforeAnythingElse',
          )}
        </p>
      ) : null}
      {layout === 'done' && reportLoss?.lapsesOn ? (
        <p className="notice-line" data-testid="loss-lapses">
          {/* the kiosk's day already (`kioskDayOf` at the daemon), as a card's validity day is said:
              read as midnight UTC and said in the kiosk's zone, a zone behind UTC said the day before */}
          {t('loss.lapsesOn', { date: reportLoss.lapsesOn })}
        </p>
      ) : null}
      {layout === 'ended' && view.outcome && !view.error ? (
        <p className={`outcome outcome--${view.outcome}`} role="status" data-testid="outcome">
          <span aria-hidden="true">{view.outcome === 'completed' ? '✓ ' : 'ℹ '}</span>
          {t(`outcome.${view.outcome}`)}
        </p>
      ) : null}
    </div>
  );
}

/**
 * After a refused new PIN: the rule it broke and the tries left, in one line so the PIN screen
 * still fits (the count only after a refusal: on the first try it would only alarm).
 */
function NewPinNotice(props: { view: JourneyView; details: NewPinDetails }) {
  const { view, details } = props;
  const { t, i18n } = useTranslation();
  const rule =
    details.weakRule && i18n.exists(`newPin.weakRules.${details.weakRule}`)
      ? t(`newPin.weakRules.${details.weakRule}`, { length: view.pin?.length })
      : null;
  const triesLeft = view.error ? (
    <span data-testid="new-pin-tries-left">{t('newPin.triesLeft', { count: details.triesLeft })}</span>
  ) : null;
  if (rule) {
    return (
      <p className="notice-line">
        {rule} {triesLeft}
      </p>
    );
  }
  return triesLeft ? <p className="screen-hint">{triesLeft}</p> : null;
}
