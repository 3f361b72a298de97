/** One supply or bin in the maintenance menu: its levels and counts, and the refill or empty form. */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { MaintenanceSupplyView } from '@kiosk/domain';
import {
  asksCountBefore,
  asksNotes,
  replacedWhole,
  supplyFormRequest,
  YUAN_NOTES_FEN,
  type SupplyFormField,
  type SupplyFormRequest,
} from './supply-form';

/** A refill as staff typed it: loaded, counted before (where asked), the notes' denomination (a cassette). */
export type RefillTyped = Omit<Extract<SupplyFormRequest, { kind: 'refill' }>, 'kind'>;

type Translate = (key: string, options?: Record<string, unknown>) => string;

/**
 * A cassette by its position in the dispenser, in the screen's language (upper, 上层; a position
 * the words do not know keeps its configured id), with its notes when the denomination is known.
 */
export function cassetteName(t: Translate, id: string, denominationFen: number | null): string {
  const position = t(`staff.cassettePositions.${id}`, { defaultValue: id });
  return denominationFen === null
    ? t('staff.supplyNames.cassetteOnly', { id: position })
    : t('staff.supplyNames.cassette', { id: position, amount: denominationFen / 100 });
}

/**
 * A supply or bin in the screen's language. Bins of the same kind in two devices have names of
 * their own (the card printer's reject bin holds spoiled cards, the dispenser's rejected notes).
 */
export function supplyName(
  t: Translate,
  s: Pick<MaintenanceSupplyView, 'device' | 'supply' | 'denominationFen'>,
) {
  if (s.supply.startsWith('cassette:')) {
    return cassetteName(t, s.supply.slice('cassette:'.length), s.denominationFen);
  }
  return t(`staff.supplyNamesOf.${s.device}.${s.supply}`, {
    defaultValue: t(`staff.supplyNames.${s.supply}`, { defaultValue: s.supply }),
  });
}

/** The words of a form field that does not read (`supply-form.ts`), by the field and the supply's role. */
const INVALID_WORDS = {
  first: { stock: 'staff.formInvalid.added', bin: 'staff.formInvalid.counted' },
  second: { stock: 'staff.formInvalid.countedBefore', bin: 'staff.formInvalid.countedBefore' },
  notes: { stock: 'staff.formInvalid.notes', bin: 'staff.formInvalid.notes' },
} as const satisfies Record<SupplyFormField, Record<MaintenanceSupplyView['role'], string>>;

export function SupplyRow(props: {
  supply: MaintenanceSupplyView;
  busy: boolean;
  onRefill: (refill: RefillTyped) => Promise<void>;
  onEmpty: (counted: number) => Promise<void>;
}) {
  const { t } = useTranslation();
  const s = props.supply;
  const [first, setFirst] = useState('');
  const [second, setSecond] = useState('');
  const [notes, setNotes] = useState('');
  const [invalid, setInvalid] = useState<SupplyFormField | null>(null);
  const id = `${s.device}-${s.supply.replace(':', '-')}`;
  // a roll the printer holds one of and only senses: no count to type, a new one is in or not
  const whole = replacedWhole(s);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const request = supplyFormRequest(s, { first, second, notes });
    // a field that does not read is said, nothing sent (never the act without it)
    setInvalid(request.kind === 'invalid' ? request.field : null);
    if (request.kind === 'invalid') return;
    if (request.kind === 'empty') await props.onEmpty(request.counted);
    else await props.onRefill(request);
    setFirst('');
    setSecond('');
    setNotes('');
  };

  return (
    <li className="staff-supply" data-testid={`staff-supply-${id}`} data-level={s.level}>
      <div className="staff-supply__name">
        <strong>{supplyName(t, s)}</strong> <span>{t(`staff.deviceNames.${s.device}`)}</span>
      </div>
      <div className="staff-supply__counts">
        <span>{t(`staff.levels.${s.level}`)}</span>
        <span>
          {t('staff.deviceCount')}:{' '}
          {s.count === null
            ? t('staff.notCounted') // a supply the device only senses: no count, so no unit either
            : `${s.count}${s.capacity !== null ? ` / ${s.capacity}` : ''} ${t(`staff.units.${s.unit}`)}`}
        </span>
        <span>
          {t('staff.journalCount')}: {s.journalCount ?? '—'}
        </span>
      </div>
      {s.allowed ? (
        <form className="staff-supply__form" onSubmit={(e) => void submit(e)}>
          {whole ? null : (
            <label>
              {s.role === 'bin' ? t('staff.counted') : t('staff.added')}
              <input
                inputMode="numeric"
                value={first}
                onChange={(e) => setFirst(e.target.value)}
                data-testid={`staff-${s.role === 'bin' ? 'counted' : 'added'}-${id}`}
                required
              />
            </label>
          )}
          {asksNotes(s) ? (
            <label>
              {t('staff.notesLoaded')}
              <select
                value={notes}
                onChange={(e) => setNotes(e.target.value)}
                data-testid={`staff-notes-${id}`}
                required
              >
                <option value="">{t('staff.chooseNotes')}</option>
                {YUAN_NOTES_FEN.map((fen) => (
                  <option key={fen} value={String(fen)}>
                    {t('staff.noteYuan', { yuan: fen / 100 })}
                  </option>
                ))}
              </select>
            </label>
          ) : null}
          {asksCountBefore(s) ? (
            <label>
              {t('staff.countedBefore')}
              <input
                inputMode="numeric"
                value={second}
                onChange={(e) => setSecond(e.target.value)}
                data-testid={`staff-before-${id}`}
              />
            </label>
          ) : null}
          <button
            type="submit"
            className="tool-button"
            disabled={props.busy}
            data-testid={`staff-submit-${id}`}
          >
            {s.role === 'bin' ? t('staff.empty') : whole ? t('staff.replaced') : t('staff.refill')}
          </button>
          {invalid !== null ? (
            <p className="staff-supply__invalid" role="alert" data-testid={`staff-invalid-${id}`}>
              {t(INVALID_WORDS[invalid][s.role])}
            </p>
          ) : null}
        </form>
      ) : (
        <p className="staff-supply__role">{t('staff.otherRole')}</p>
      )}
    </li>
  );
}
