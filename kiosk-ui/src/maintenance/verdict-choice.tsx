/**
 * What the supervisor's settlement lists (card makings, withdrawals) share: a verdict is chosen
 * per transaction, then confirmed in a notice that says its effect first, or cancelled; one tap
 * never settles. Words and test ids are the caller's (`testId` prefixes each button and the notice).
 */
import { useState, type ReactNode } from 'react';
import type { TFunction } from 'i18next';
import { formatYuan } from '@kiosk/domain';

/** The staff screens' words for each settlement's verdicts (the daemon's verdict names do not overlap). */
const VERDICT_WORDS = ['staff.oldCardVerdicts', 'staff.cardVerdicts', 'staff.verdicts'] as const;

/**
 * A settlement refused as settled already (MAINTENANCE_ALREADY_SETTLED) names the verdict that
 * stands (`details.verdict`): said in words, so staff know what was decided, not only that it was.
 */
export function verdictThatStands(
  t: TFunction,
  details: Readonly<Record<string, unknown>> | undefined,
): string | undefined {
  const verdict = details?.verdict;
  if (typeof verdict !== 'string') return undefined;
  // a withdrawal's amount taken (a card making's `taken` carries none)
  const takenFen = details?.takenFen;
  if (typeof takenFen === 'number') {
    const words = t('staff.takenCounted.given', {
      verdict: t('staff.verdicts.taken'),
      yuan: formatYuan(takenFen),
    });
    return t('staff.verdictStands', { verdict: words });
  }
  const words = VERDICT_WORDS.map((list) => t(`${list}.${verdict}`, { defaultValue: '' })).find(
    (w) => w !== '',
  );
  return words === undefined ? undefined : t('staff.verdictStands', { verdict: words });
}

/** The verdict chosen and waiting for its confirmation, per transaction; null drops the choice. */
export function useChoicePerTransaction<V extends string>() {
  const [chosen, setChosen] = useState<Readonly<Record<string, V>>>({});
  const choose = (transactionId: string, verdict: V | null) =>
    setChosen((now) => {
      const { [transactionId]: _dropped, ...rest } = now;
      return verdict === null ? rest : { ...rest, [transactionId]: verdict };
    });
  return [chosen, choose] as const;
}

/** The offered verdicts as buttons and, once one is chosen, the notice to confirm or cancel it. */
export function VerdictChoice<V extends string>(props: {
  testId: string;
  offered: readonly V[];
  /** The chosen verdict; the notice shows for `confirming` only. */
  chosen: V | null;
  confirming: V | null;
  busy: boolean;
  /** The confirm button held back for a verdict not ready yet (an amount still to enter). */
  confirmDisabled?: (verdict: V) => boolean;
  /** The buttons' group name, when they have one. */
  groupLabel?: string;
  label: (verdict: V) => string;
  /** The notice's words for the verdict being confirmed: what it is and what it does. */
  confirmText: (verdict: V) => ReactNode;
  confirmLabel: string;
  cancelLabel: string;
  onChoose: (verdict: V | null) => void;
  onConfirm: (verdict: V) => void;
}) {
  const confirming = props.confirming;
  return (
    <>
      <div
        className="staff-checks"
        {...(props.groupLabel !== undefined && { role: 'group', 'aria-label': props.groupLabel })}
      >
        {props.offered.map((verdict) => (
          <button
            key={verdict}
            type="button"
            className="tool-button"
            data-testid={`${props.testId}-${verdict}`}
            aria-pressed={props.chosen === verdict}
            disabled={props.busy}
            onClick={() => props.onChoose(verdict)}
          >
            {props.label(verdict)}
          </button>
        ))}
      </div>
      {confirming !== null ? (
        <div className="staff-menu__notice" role="alert" data-testid={`${props.testId}-confirm`}>
          {props.confirmText(confirming)}
          <button
            type="button"
            className="tool-button"
            data-testid={`${props.testId}-confirm-yes`}
            disabled={props.busy || props.confirmDisabled?.(confirming) === true}
            onClick={() => props.onConfirm(confirming)}
          >
            {props.confirmLabel}
          </button>{' '}
          <button
            type="button"
            className="tool-button"
            disabled={props.busy}
            onClick={() => props.onChoose(null)}
          >
            {props.cancelLabel}
          </button>
        </div>
      ) : null}
    </>
  );
}
