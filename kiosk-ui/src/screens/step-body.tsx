import { useTranslation } from 'react-i18next';
import { formatYuan } from '@kiosk/domain';
import type { Countdown } from '../countdown/countdown';
import type { JourneyView } from '../gateway/proposed-contract';
import { AmountChooser } from './amount-chooser';
import { BalancePanel } from './balance-panel';
import { IssuanceProgress } from './issuance-progress';
import { PinDots } from './pin-dots';
import { RecordsTable } from './records-table';
import { StepIllustration } from './step-illustration';
import type { StepLayout } from './step-presentations';

const yuan = (fen: number) => formatYuan(fen);

/** The middle of a step's screen: what the resident looks at while deciding. */
export function StepBody(props: { view: JourneyView; layout: StepLayout; countdown: Countdown | null }) {
  const { view, layout, countdown } = props;
  const { t } = useTranslation();
  return (
    <div className="session-screen__body">
      <StepIllustration layout={layout} />
      {layout === 'pinEntry' && view.pin ? <PinDots pin={view.pin} /> : null}
      {layout === 'balance' ? <BalancePanel view={view} /> : null}
      {layout === 'records' && view.records ? <RecordsTable records={view.records} /> : null}
      {layout === 'records' && view.records?.printAvailable === false ? (
        <p className="notice-line">{t('records.printUnavailable')}</p>
      ) : null}
      {layout === 'amount' ? <AmountChooser withdrawal={view.withdrawal} /> : null}
      {layout === 'issuance' ? <IssuanceProgress progress={view.progress} countdown={countdown} /> : null}
      {(layout === 'face' || layout === 'retry') && view.face ? (
        <p className="notice-line" data-testid="face-tries-left">
          <span aria-hidden="true">⚠ </span>
          {t('face.triesLeft', { count: view.face.triesLeft })}
        </p>
      ) : null}
      {layout === 'confirm' && view.fee ? (
        <p className="big-figure" data-testid="fee">
          {t('issuance.fee', { amount: yuan(view.fee.amountFen) })}
        </p>
      ) : null}
      {layout === 'done' && view.withdrawal?.paidFen !== undefined ? (
        <p className="big-figure" data-testid="paid">
          {t('withdraw.paid', { amount: yuan(view.withdrawal.paidFen) })}
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
