/**
 * The `journal` section: which store keeps the journal (a SQLite file by default, or a PostgreSQL
 * database), where its folder of local state is, how long closed transactions are kept (and for
 * how much longer one with a host act still owed), the key
 * that seals personal data in it, and the kill harness's crash point (test profile only, checked
 * on the whole configuration).
 */
import { z } from 'zod';
import { refuse } from './config-issues.js';
import { nonEmpty, positiveInt } from './config-values.js';

export const JOURNAL_DRIVERS = ['sqlite', 'postgres'] as const;
export type JournalDriver = (typeof JOURNAL_DRIVERS)[number];

const nonNegativeInt = z.int({ error: 'expected a whole number of days, 0 or more' }).min(0, {
  error: 'expected a whole number of days, 0 or more',
});

export const JournalConfigSchema = z
  .strictObject({
    /** where the journal lives: a SQLite file (default) or a PostgreSQL database at `url` */
    driver: z
      .enum(JOURNAL_DRIVERS, { error: `expected one of ${JOURNAL_DRIVERS.join(', ')}` })
      .default('sqlite'),
    /**
     * SQLite file of the journal; relative paths are taken from the working directory. Its
     * folder holds the kiosk's local state beside the journal (virtual cards, the demo key
     * file) on either driver.
     */
    path: nonEmpty,
    /** postgres:// URL of the journal database; required with driver postgres, only then */
    url: z
      .url({ protocol: /^postgres(?:ql)?$/, error: 'expected a postgres:// or postgresql:// URL' })
      .optional(),
    /** closed transactions older than this are removed at boot (auditors export before that) */
    retentionDays: positiveInt.default(1825),
    /**
     * days past `retentionDays` that a closed transaction is kept for a host act still owed in it
     * (the host never answered, or refused a release or reversal for good); then the act is given
     * up (journaled abandoned, alerted to the fleet) and the transaction goes (ADR 0025)
     */
    owedActGraceDays: nonNegativeInt.default(90),
    /** file with the AES-256 key that seals personal data in the journal (created if missing outside production) */
    keyFile: nonEmpty.optional(),
    /**
     * TEST ONLY (the kill harness): the daemon SIGKILLs itself right before or right after it
     * journals this step, e.g. `after:cash.dispense:intent`; refused in every profile but test
     */
    crashAt: z
      .string()
      .regex(/^(?:before|after):[a-z][a-zA-Z.]*:(?:intent|done|failed|event)$/, {
        error: 'expected before|after:<step>:<intent|done|failed|event>',
      })
      .optional(),
  })
  .check((ctx) => {
    const { driver, url } = ctx.value;
    if (driver === 'postgres' && url === undefined) {
      refuse(ctx, ['url'], 'required when journal.driver is postgres');
    }
    if (driver === 'sqlite' && url !== undefined) {
      refuse(ctx, ['url'], 'only used with journal.driver postgres; remove it or set the driver', url);
    }
  });
