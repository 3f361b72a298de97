import type { DataSource } from './typeorm-runtime.js';

/** The journal's writes, each one statement in the placeholders of the driver (PostgreSQL numbers them). */
export interface JournalSql {
  /** the hot-path insert of a step */
  readonly insertStep: string;
  readonly open: string;
  readonly maskCard: string;
  readonly close: string;
  readonly seal: string;
}

export function journalSql(db: DataSource): JournalSql {
  const p =
    db.options.type === 'postgres' ? ['$1', '$2', '$3', '$4', '$5', '$6'] : Array<string>(6).fill('?');
  return {
    insertStep: `INSERT INTO "journal_step" ("transactionId", "seq", "step", "phase", "at", "detail") VALUES (${p.join(', ')})`,
    open: `INSERT INTO "journal_transaction" ("id", "kioskId", "serial", "sessionId", "journey", "status", "outcome", "errorCode", "maskedCardNumber", "startedAt", "endedAt") VALUES (${p.slice(0, 5).join(', ')}, 'open', NULL, NULL, NULL, ${p[5]}, NULL)`,
    maskCard: `UPDATE "journal_transaction" SET "maskedCardNumber" = ${p[0]} WHERE "id" = ${p[1]}`,
    close: `UPDATE "journal_transaction" SET "status" = 'closed', "outcome" = ${p[0]}, "errorCode" = ${p[1]}, "endedAt" = ${p[2]} WHERE "id" = ${p[3]} AND "status" = 'open'`,
    seal: `INSERT INTO "journal_personal_data" ("transactionId", "field", "keyId", "sealed") VALUES (${p.slice(0, 4).join(', ')}) ON CONFLICT ("transactionId", "field") DO UPDATE SET "keyId" = excluded."keyId", "sealed" = excluded."sealed"`,
  };
}
