/**
 * Seen, not silent (ADR 0013): a record kind or a medical payment's detail the back office added
 * after this kiosk reads as 'other', the record shown and printed with the host's words, and
 * the journal counts such records. This names each such value in the daemon's log, once per value
 * for the daemon's life, so staff learn which wording a kiosk update should add; and, once per
 * value and language, each language a newer host left out of its wording of such a value (the
 * kiosk shows the record's code there), so staff can ask the back office for it.
 *
 * Only the value itself is logged, and only when it has a code's form (`longTermCare`): never the
 * record's description or wording, amount, date or card. A value of another form (free text, a number, none)
 * may carry anything the host's staff typed, so its line says only that, with no part of it.
 */
import { createHash } from 'node:crypto';
import { LOCALES, OTHER_RECORD, RECORD_DETAILS, RECORD_KINDS, type Locale } from '@kiosk/domain';
import { z } from 'zod';

const KNOWN: Readonly<Record<RecordField, ReadonlySet<unknown>>> = {
  kind: new Set<unknown>([...RECORD_KINDS, OTHER_RECORD]),
  detail: new Set<unknown>([...RECORD_DETAILS, OTHER_RECORD]),
};
type RecordField = 'kind' | 'detail';

/** The form of a value logged as it is: the form of the contract's record `code`. */
const CODE_FORM = /^[A-Za-z][A-Za-z0-9._-]{0,63}$/;

/** Values named at most, whatever a host sends: past that, one line says more are not. */
export const UNKNOWN_RECORD_VALUES_NAMED = 50;

export class UnknownRecordValues {
  readonly #seen = new Set<string>();
  #full = false;

  constructor(private readonly warn: (message: string) => void) {}

  /** The records answer's schema, noting first each kind and detail in it this kiosk does not know. */
  reading<S extends z.ZodType>(schema: S) {
    return z.preprocess((sent) => {
      this.note(sent);
      return sent;
    }, schema);
  }

  /**
   * Logs each kind and detail in the host's records (as sent) that this kiosk does not know, and
   * each language a newer host left out of its wording (`descriptions`) of such a value: there the
   * kiosk shows the record's code, and staff should ask the back office for the wording.
   */
  note(sent: unknown): void {
    if (!Array.isArray(sent)) return;
    for (const record of sent as unknown[]) {
      if (typeof record !== 'object' || record === null) continue;
      const { kind, detail, descriptions } = record as {
        kind?: unknown;
        detail?: unknown;
        descriptions?: unknown;
      };
      const unknownKind = this.noteValue('kind', kind);
      // a record without a detail is the usual case (only medical payments have one)
      const unknownDetail = detail !== undefined && this.noteValue('detail', detail);
      // an older host sends no wording per language at all: its one description is shown, as before
      if (descriptions === undefined || descriptions === null || !(unknownKind || unknownDetail)) continue;
      for (const locale of LOCALES) {
        if (worded(descriptions, locale)) continue;
        if (unknownDetail) this.noteValue('detail', detail, locale);
        else this.noteValue('kind', kind, locale);
      }
    }
  }

  /** Whether `value` is one this kiosk does not know (logged once; per language: its wording missing). */
  private noteValue(field: RecordField, value: unknown, unworded?: Locale): boolean {
    if (KNOWN[field].has(value)) return false;
    const codeForm = typeof value === 'string' && CODE_FORM.test(value);
    // the raw value stays in memory only, as a digest: it is never written anywhere
    const key = `${field}:${unworded ?? ''}:${codeForm ? value : digest(value)}`;
    if (this.#seen.has(key) || this.#full) return true;
    if (this.#seen.size >= UNKNOWN_RECORD_VALUES_NAMED) {
      this.#full = true;
      this.warn(
        `The back office sent more record kinds and details this kiosk does not know than it names (${UNKNOWN_RECORD_VALUES_NAMED}); further ones are shown as other and not logged.`,
      );
      return true;
    }
    this.#seen.add(key);
    const named = codeForm
      ? `'${value as string}'`
      : `of another form (${value === undefined ? 'none' : 'not a code'})`;
    const what = field === 'kind' ? 'a record kind' : 'a medical payment detail';
    this.warn(
      unworded !== undefined
        ? `The back office sent no ${LANGUAGE[unworded]} wording for ${what} this kiosk does not know, ${named}: such records show their code there instead (logged once per value and language).`
        : field === 'kind'
          ? `The back office sent a record kind this kiosk does not know, ${named}: such records are shown and printed as Other (其他) with the host's wording in the resident's language (logged once per value).`
          : `The back office sent a medical payment detail this kiosk does not know, ${named}: such payments are shown and printed as a medical payment with the host's wording in the resident's language (logged once per value).`,
    );
    return true;
  }
}

const LANGUAGE: Readonly<Record<Locale, string>> = { 'zh-CN': 'Chinese (zh-CN)', en: 'English (en)' };

/** Whether the host's `descriptions` (as sent) word the record in `locale`, as the contract reads it. */
function worded(descriptions: unknown, locale: Locale): boolean {
  if (typeof descriptions !== 'object' || descriptions === null) return false;
  const text = (descriptions as Record<string, unknown>)[locale];
  return typeof text === 'string' && text.trim() !== '';
}

function digest(value: unknown): string {
  return createHash('sha256')
    .update(JSON.stringify(value) ?? 'undefined')
    .digest('base64url');
}
