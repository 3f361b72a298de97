/**
 * The `fleet` section: where the kiosk reports to the fleet monitor over MQTT. Absent means the
 * kiosk reports to no one (the demo and test profiles, unless set). The kiosk connects with its
 * own id (`kiosk.id`) as MQTT client id and user name, as the monitor requires, so neither is
 * configurable here; the password is per kiosk, best kept in its own file (`passwordFile`,
 * resolved relative to the profile's folder like `host.kioskKeyFile`).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'zod';
import type { LocatedProblem } from './config-issues.js';

/**
 * The default bound of the staff alerts the kiosk's queue keeps until a monitor stored them
 * (`staffAlertLimit`): far above what a kiosk leaves for staff in weeks offline (one per withdrawal
 * or supply act left, per host act given up, per self test failed of another cause), low enough
 * that the queue file, rewritten whole at every event, stays small.
 */
export const STAFF_ALERT_LIMIT_DEFAULT = 500;

export const FleetConfigSchema = z.strictObject({
  mqtt: z.strictObject({
    /** the fleet broker, e.g. mqtt://fleet.example:1883 (mqtts:// for TLS) */
    url: z.url({ protocol: /^mqtts?$/, error: 'expected an mqtt:// or mqtts:// URL' }),
    /** the kiosk's broker password (the monitor keeps only its hash); never logged */
    password: z.string().min(12, { error: 'expected a password of at least 12 characters' }),
  }),
  /** seconds between heartbeats; also the MQTT keep-alive, so the will fires within 1.5 of them */
  heartbeatIntervalS: z
    .int({ error: 'expected whole seconds 1–3600' })
    .min(1, { error: 'expected whole seconds 1–3600' })
    .max(3600, { error: 'expected whole seconds 1–3600' })
    .default(10),
  /** events kept while the broker is unreachable, the oldest dropped first (and counted) */
  queueLimit: z
    .int({ error: 'expected 1–100000 events' })
    .min(1, { error: 'expected 1–100000 events' })
    .max(100_000, { error: 'expected 1–100000 events' })
    .default(1000),
  /**
   * staff alerts kept until a monitor stored them (a withdrawal, card or supply act left for staff,
   * a host act given up, a self test failed: ADR 0004), beside `queueLimit`; past it the oldest self
   * test alert goes first, then the oldest other (counted; told again from the journal at the next boot)
   */
  staffAlertLimit: z
    .int({ error: 'expected 1–100000 alerts' })
    .min(1, { error: 'expected 1–100000 alerts' })
    .max(100_000, { error: 'expected 1–100000 alerts' })
    .default(STAFF_ALERT_LIMIT_DEFAULT),
  /** the queue's file across restarts; default `fleet-queue.json` beside the journal's SQLite file */
  queueFile: z.string().trim().min(1, { error: 'expected a path' }).optional(),
});
export type FleetConfig = z.output<typeof FleetConfigSchema>;

/**
 * `fleet.mqtt.passwordFile: <path>` keeps the broker password out of the profile: it is read from
 * that file (relative to the profile's folder), trimmed, and becomes `fleet.mqtt.password`.
 */
export function readFleetPasswordFile(data: Record<string, unknown>, baseDir: string): LocatedProblem[] {
  const fleet = data['fleet'];
  const mqtt =
    fleet !== null && typeof fleet === 'object' ? (fleet as Record<string, unknown>)['mqtt'] : undefined;
  if (mqtt === null || typeof mqtt !== 'object' || !('passwordFile' in mqtt)) return [];
  const record = mqtt as Record<string, unknown>;
  const file = record['passwordFile'];
  const refuse = (reason: string): LocatedProblem[] => [
    { segments: ['fleet', 'mqtt', 'passwordFile'], path: 'fleet.mqtt.passwordFile', reason },
  ];
  if (typeof file !== 'string' || file.trim() === '') return refuse('expected the path of a password file');
  if (record['password'] !== undefined)
    return refuse('give fleet.mqtt.password or fleet.mqtt.passwordFile, not both');
  try {
    record['password'] = readFileSync(resolve(baseDir, file), 'utf8').trim();
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    return refuse(
      `cannot read the password file (${code === 'ENOENT' ? 'no such file' : (code ?? 'error')})`,
    );
  }
  delete record['passwordFile'];
  return [];
}
