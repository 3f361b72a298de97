/**
 * The PostgreSQL store's alerts (its kiosks and events are in `PostgresFleetStore`, which runs the
 * queries; its commands in `PostgresCommandStore`): one active alert per kiosk and key (a partial
 * unique index), so an alert raised by two monitors is raised once; cleared once; an anomaly's
 * acknowledgement resolves it.
 */
import { ALERTS_RESOLVED_BY_ACKNOWLEDGING, type AlertKind, type AlertRow } from './fleet-store.js';
import { PostgresCommandStore } from './postgres-command-store.js';

const ALERT_COLUMNS = `id, kiosk_id AS "kioskId", kind, key, code, raised_at AS "raisedAt",
  cleared_at AS "clearedAt", acknowledged_at AS "acknowledgedAt", acknowledged_by AS "acknowledgedBy"`;

export abstract class PostgresAlertStore extends PostgresCommandStore {
  async raiseAlert(
    kioskId: string,
    kind: AlertKind,
    key: string,
    code: string | null,
    now: string,
  ): Promise<boolean> {
    const { affected } = await this.run(
      `INSERT INTO alerts (kiosk_id, kind, key, code, raised_at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (kiosk_id, key) WHERE cleared_at IS NULL DO NOTHING`,
      [kioskId, kind, key, code, now],
    );
    return affected === 1;
  }

  async clearAlert(kioskId: string, key: string, now: string): Promise<boolean> {
    const { affected } = await this.run(
      `UPDATE alerts SET cleared_at = $3 WHERE kiosk_id = $1 AND key = $2 AND cleared_at IS NULL`,
      [kioskId, key, now],
    );
    return affected === 1;
  }

  activeAlerts(): Promise<AlertRow[]> {
    return this.rows<AlertRow>(
      `SELECT ${ALERT_COLUMNS} FROM alerts WHERE cleared_at IS NULL ORDER BY id`,
      [],
    );
  }

  /** on one_active_alert ("kiosk_id", "key") WHERE "cleared_at" IS NULL: the kiosk's rows only */
  activeAlertsOf(kioskId: string): Promise<AlertRow[]> {
    return this.rows<AlertRow>(
      `SELECT ${ALERT_COLUMNS} FROM alerts WHERE kiosk_id = $1 AND cleared_at IS NULL ORDER BY id`,
      [kioskId],
    );
  }

  alertHistory(limit = 200): Promise<AlertRow[]> {
    return this.rows<AlertRow>(`SELECT ${ALERT_COLUMNS} FROM alerts ORDER BY id DESC LIMIT $1`, [limit]);
  }

  async alert(id: number): Promise<AlertRow | undefined> {
    const [row] = await this.rows<AlertRow>(`SELECT ${ALERT_COLUMNS} FROM alerts WHERE id = $1`, [id]);
    return row;
  }

  async acknowledgeAlert(id: number, by: string, now: string): Promise<boolean> {
    const { affected } = await this.run(
      // an anomaly has nothing else to clear it: its acknowledgement resolves it
      `UPDATE alerts SET acknowledged_at = $3, acknowledged_by = $2,
         cleared_at = CASE WHEN kind = ANY($4::text[]) THEN coalesce(cleared_at, $3) ELSE cleared_at END
       WHERE id = $1 AND acknowledged_at IS NULL`,
      [id, by, now, ALERTS_RESOLVED_BY_ACKNOWLEDGING],
    );
    return affected === 1;
  }
}
