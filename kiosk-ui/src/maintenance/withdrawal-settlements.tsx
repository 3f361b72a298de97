/**
 * Withdrawals recovery left for staff (it could not tell whether the cash left the kiosk): the
 * supervisor sees the amount asked for, whose card (masked, as the daemon sends it), the step the
 * kiosk stopped at and the dispenser's counts (each cassette and bin: before the withdrawal, as
 * its dispense intent journaled them, and the dispenser's now: the difference is what left the
 * cassettes; the journal's latest is no help after a crash, boot recorded the counts now), and,
 * for notes that left the slot while the kiosk could not watch it (the dispenser's link down or
 * busy, or the kiosk restarting: taken or drawn into the retract bin, it cannot tell), the amount
 * presented and when the slot went out of sight and came back in sight; for a retract that took
 * back fewer notes than were at the slot (the rest taken as it ran), what was there and what came
 * back ("paid" then gives back what came back and confirms the rest); counts the cash, chooses
 * whether the resident was paid (the host's hold confirmed), not (reversed), or took part of it
 * (the amount counted entered: confirmed, the rest of the hold given back; offered where the
 * daemon says what was at the slot, `presentedFen`) and confirms it, its effect at the host in
 * words first: the verdict stands
 * once given (ADR 0010), so one tap never settles the money. A verdict already given whose answer
 * the host did not give is the only one offered again. Shown only to a role the daemon's view allows.
 */
import { Fragment, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { formatYuan, type PendingWithdrawalSettlement } from '@kiosk/domain';
import { useChoicePerTransaction, VerdictChoice } from './verdict-choice';
import { cassetteName } from './supply-row';
import { useKioskTime } from './kiosk-time';
import type { WithdrawalSettled } from './maintenance-api';
import type { Notice } from './staff-supplies';

const VERDICTS = ['paid', 'notPaid', 'taken'] as const;

/** Steps the kiosk stops at that have words of their own; any other is shown by its code. */
const STOPPED_WORDS: Readonly<Record<string, string>> = {
  // a failed retract after a dispense of unknown outcome left the notes for staff
  'cash.leftInPresenter:event': 'notesLeftInPresenter',
};
export type WithdrawalVerdict = (typeof VERDICTS)[number];
/** A verdict as sent to the daemon: paid, not paid, or the amount the resident took (counted). */
export type WithdrawalVerdictSent = Exclude<WithdrawalVerdict, 'taken'> | { readonly takenFen: number };

/** What the supervisor is told of a verdict settled: one counted paid above the host's hold names the difference. */
export function withdrawalSettledNotice({ transactionId, aboveHoldFen }: WithdrawalSettled): Notice {
  return (say) =>
    aboveHoldFen
      ? say('staff.settledAboveHold', { yuan: formatYuan(aboveHoldFen), transactionId })
      : say('staff.settled');
}

/** Yuan as staff type them (`100`, `100.5`, `100.50`) in fen; null when they do not read. */
export function fenOfYuan(typed: string | undefined): number | null {
  const match = /^\s*(\d{1,7})(?:\.(\d{1,2}))?\s*$/.exec(typed ?? '');
  if (!match) return null;
  return Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
}

export function WithdrawalSettlements(props: {
  pending: readonly PendingWithdrawalSettlement[];
  busy: boolean;
  onSettle: (transactionId: string, verdict: WithdrawalVerdictSent) => void;
}) {
  const { t } = useTranslation();
  const kioskTime = useKioskTime();
  const unknown = t('staff.withdrawalFacts.unknown');
  // the verdict waiting for its confirmation, per withdrawal
  const [chosen, choose] = useChoicePerTransaction<WithdrawalVerdict>();
  // the amount taken as typed, per withdrawal
  const [typed, type] = useState<Readonly<Record<string, string>>>({});
  return (
    <section>
      <h2>{t('staff.settlementsHeading')}</h2>
      {props.pending.length === 0 ? <p>{t('staff.noSettlements')}</p> : null}
      <ul>
        {props.pending.map((p) => {
          const presentedFen = p.presentedFen ?? null;
          // taken is offered only where the daemon says what was at the slot (it bounds the count)
          const offered =
            p.verdict !== null ? [p.verdict] : VERDICTS.filter((v) => v !== 'taken' || presentedFen !== null);
          const picked = chosen[p.transactionId];
          // a taken verdict given stands with its amount; else the amount as typed, within what was presented
          const typedFen = fenOfYuan(typed[p.transactionId]);
          const takenFen =
            p.verdict === 'taken'
              ? (p.takenFen ?? null)
              : typedFen !== null && presentedFen !== null && typedFen <= presentedFen
                ? typedFen
                : null;
          return (
            <li key={p.transactionId} data-testid={`staff-settle-${p.transactionId}`}>
              <span>
                {p.transactionId} ({kioskTime(p.startedAt)})
              </span>
              <dl className="staff-card-making__facts">
                <dt>{t('staff.withdrawalFacts.amount')}</dt>
                <dd data-testid="staff-withdrawal-amount">
                  {p.amountFen === null
                    ? unknown
                    : t('staff.withdrawalFacts.yuan', { yuan: formatYuan(p.amountFen) })}
                </dd>
                <dt>{t('staff.withdrawalFacts.resident')}</dt>
                <dd data-testid="staff-withdrawal-resident">
                  {p.name ?? unknown} · {p.card ?? unknown}
                </dd>
                <dt>{t('staff.withdrawalFacts.stoppedAt')}</dt>
                <dd data-testid="staff-withdrawal-stopped">
                  {stoppedWords(p) ? `${t(`staff.withdrawalFacts.stoppedSteps.${stoppedWords(p)}`)} ` : null}
                  <code>{p.stoppedAt ?? unknown}</code>
                </dd>
                {p.notesGoneUnseen ? <GoneUnseen gone={p.notesGoneUnseen} /> : null}
                {p.retractShort ? <RetractShort short={p.retractShort} /> : null}
                <CashCounts counters={p.counters} />
              </dl>
              {p.verdict !== null ? (
                <p data-testid="staff-withdrawal-verdict-given">
                  {t('staff.withdrawalVerdictGiven', { verdict: verdictWords(t, p.verdict, p.takenFen) })}
                </p>
              ) : null}
              <VerdictChoice
                testId="staff-withdrawal"
                offered={offered}
                chosen={picked ?? null}
                confirming={picked !== undefined && offered.includes(picked) ? picked : null}
                busy={props.busy}
                confirmDisabled={(verdict) => verdict === 'taken' && takenFen === null}
                label={(verdict) => t(`staff.verdicts.${verdict}`)}
                confirmText={(verdict) => (
                  <>
                    <p>{t('staff.withdrawalConfirm.prompt', { verdict: t(`staff.verdicts.${verdict}`) })}</p>
                    {verdict === 'taken' && p.verdict !== 'taken' && presentedFen !== null ? (
                      <TakenCounted
                        presentedFen={presentedFen}
                        value={typed[p.transactionId] ?? ''}
                        onChange={(value) => type((now) => ({ ...now, [p.transactionId]: value }))}
                      />
                    ) : null}
                    <p data-testid="staff-withdrawal-effect">
                      {effectWords(t, verdict, p, takenFen)} {t('staff.withdrawalConfirm.standing')}
                    </p>
                  </>
                )}
                confirmLabel={t('staff.withdrawalConfirm.confirm')}
                cancelLabel={t('staff.withdrawalConfirm.cancel')}
                onChoose={(verdict) => choose(p.transactionId, verdict)}
                onConfirm={(verdict) => {
                  if (verdict === 'taken' && takenFen === null) return;
                  choose(p.transactionId, null);
                  props.onSettle(p.transactionId, verdict === 'taken' ? { takenFen: takenFen! } : verdict);
                }}
              />
            </li>
          );
        })}
      </ul>
    </section>
  );
}

/** A verdict in words; a taken one with its amount. */
function verdictWords(t: TFunction, verdict: WithdrawalVerdict, takenFen: number | undefined): string {
  const words = t(`staff.verdicts.${verdict}`);
  if (verdict !== 'taken' || takenFen === undefined) return words;
  return t('staff.takenCounted.given', { verdict: words, yuan: formatYuan(takenFen) });
}

/** What a verdict does at the host, in words (a taken one: once its amount reads). */
function effectWords(
  t: TFunction,
  verdict: WithdrawalVerdict,
  p: PendingWithdrawalSettlement,
  takenFen: number | null,
): string {
  if (verdict === 'paid' && p.retractShort)
    return t('staff.withdrawalConfirm.effects.paidShort', { yuan: formatYuan(p.retractShort.retractedFen) });
  if (verdict !== 'taken') return t(`staff.withdrawalConfirm.effects.${verdict}`);
  if (takenFen === null) return t('staff.withdrawalConfirm.effects.takenNotCounted');
  return t('staff.withdrawalConfirm.effects.taken', { yuan: formatYuan(takenFen) });
}

/** The amount the resident took, as staff counted it, typed in yuan; at most what was at the slot. */
function TakenCounted(props: { presentedFen: number; value: string; onChange: (value: string) => void }) {
  const { t } = useTranslation();
  return (
    <>
      <p className="staff-withdrawal__taken">
        <label>
          {t('staff.takenCounted.label')}
          <input
            type="text"
            inputMode="decimal"
            data-testid="staff-withdrawal-taken-fen"
            value={props.value}
            onChange={(e) => props.onChange(e.target.value)}
          />
        </label>
      </p>
      <p>{t('staff.takenCounted.hint', { yuan: formatYuan(props.presentedFen) })}</p>
    </>
  );
}

/** The words for where the kiosk stopped: notes gone unseen and a short retract have their own. */
function stoppedWords(p: PendingWithdrawalSettlement): string | undefined {
  if (p.notesGoneUnseen) return 'notesGoneUnseen';
  if (p.retractShort) return 'retractShort';
  return p.stoppedAt === null ? undefined : STOPPED_WORDS[p.stoppedAt];
}

/** Notes that left the slot while the kiosk could not watch it: what the kiosk knows of them. */
function GoneUnseen(props: { gone: NonNullable<PendingWithdrawalSettlement['notesGoneUnseen']> }) {
  const { t } = useTranslation();
  const kioskTime = useKioskTime();
  const unknown = t('staff.withdrawalFacts.unknown');
  const { presentedFen, lostAt, backAt } = props.gone;
  return (
    <>
      <dt>{t('staff.withdrawalFacts.presented')}</dt>
      <dd data-testid="staff-withdrawal-presented">
        {presentedFen === null
          ? unknown
          : t('staff.withdrawalFacts.yuan', { yuan: formatYuan(presentedFen) })}
      </dd>
      <dt>{t('staff.withdrawalFacts.linkLostAt')}</dt>
      <dd data-testid="staff-withdrawal-link-lost">
        {lostAt === null ? unknown : kioskTime(lostAt, 'second')}
      </dd>
      <dt>{t('staff.withdrawalFacts.linkBackAt')}</dt>
      <dd data-testid="staff-withdrawal-link-back">
        {backAt === null ? unknown : kioskTime(backAt, 'second')}
      </dd>
    </>
  );
}

/** The dispenser's counts, each cassette and bin before the withdrawal and as the dispenser reports it now. */
function CashCounts(props: { counters: PendingWithdrawalSettlement['counters'] }) {
  const { t } = useTranslation();
  const c = props.counters;
  const count = (n: number | null) => (n === null ? t('staff.withdrawalFacts.notCounted') : String(n));
  const counts = (before: number | null, device: number | null) =>
    t('staff.withdrawalFacts.cashCounts', { before: count(before), device: count(device) });
  return (
    <>
      {c.cassettes.map((k) => (
        <Fragment key={k.cassette}>
          <dt>{cassetteName(t, k.cassette, k.denominationFen)}</dt>
          <dd data-testid={`staff-withdrawal-cassette-${k.cassette}`}>{counts(k.before, k.device)}</dd>
        </Fragment>
      ))}
      <dt>{t('staff.withdrawalFacts.rejectBin')}</dt>
      <dd data-testid="staff-withdrawal-reject-bin">{counts(c.rejectBinBefore, c.rejectBinDevice)}</dd>
      <dt>{t('staff.withdrawalFacts.retractBin')}</dt>
      <dd data-testid="staff-withdrawal-retract-bin">{counts(c.retractBinBefore, c.retractBinDevice)}</dd>
    </>
  );
}

/** A retract that took back fewer notes than were at the slot: what was there, what came back. */
function RetractShort(props: { short: NonNullable<PendingWithdrawalSettlement['retractShort']> }) {
  const { t } = useTranslation();
  const { atSlotFen, atSlotNotes, retractedFen, notesRetracted } = props.short;
  const atSlot = formatYuan(atSlotFen);
  return (
    <>
      <dt>{t('staff.withdrawalFacts.presented')}</dt>
      <dd data-testid="staff-withdrawal-presented">
        {atSlotNotes === null
          ? t('staff.withdrawalFacts.yuan', { yuan: atSlot })
          : t('staff.withdrawalFacts.yuanNotes', { yuan: atSlot, count: atSlotNotes })}
      </dd>
      <dt>{t('staff.withdrawalFacts.takenBack')}</dt>
      <dd data-testid="staff-withdrawal-taken-back">
        {t('staff.withdrawalFacts.yuanNotes', { yuan: formatYuan(retractedFen), count: notesRetracted })}
      </dd>
    </>
  );
}
