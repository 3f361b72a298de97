/**
 * Per-kiosk credentials and ACL for an external Mosquitto, made from the same source as the
 * monitor's own kiosk list: a secrets file (`{ "kiosks": { "<kioskId>": "<secret>" },
 * "monitors": { "<user>": "<secret>" } }`, kept by whoever provisions kiosks) gives
 *   kiosks.json       the monitor's `--kiosks` file (scrypt hashes)
 *   mosquitto.passwd  Mosquitto's `password_file` (PBKDF2-SHA512, `$7$`, as mosquitto_passwd writes)
 *   mosquitto.acl     Mosquitto's `acl_file`: each kiosk writes only its own telemetry topics and
 *                     reads only its own command topic and its acks (`events/ack`); the monitors
 *                     read all telemetry and write commands and acks. The same rules as the
 *                     embedded broker's `KioskAccess`.
 *   <user>.password   each monitor's broker password, for `--broker-password-file`
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pbkdf2Sync, randomBytes } from 'node:crypto';
import { z } from 'zod';
import { KioskIdSchema, TOPIC_FILTERS, telemetryTopic } from '../contract/telemetry.contract.js';
import { hashSecret } from './scrypt-secret.js';
import type { KioskCredentialsFile } from './credential-files.js';

const Secret = z.string().min(8, 'a secret of at least 8 characters');
const MonitorUser = z.string().regex(/^[a-z][a-z0-9._-]{1,31}$/, 'a monitor user: a-z, 0-9, . _ -');

export const FleetSecretsFileSchema = z
  .object({
    kiosks: z.record(KioskIdSchema, Secret),
    /** absent in the fleet simulator's secrets.json: `write-broker-files --monitor NAME` adds one */
    monitors: z.record(MonitorUser, Secret).default({}),
  })
  .strict()
  .refine(
    (file) => Object.keys(file.monitors).every((user) => !(user in file.kiosks)),
    'a monitor user must not share its name with a kiosk',
  );
export type FleetSecretsFile = z.infer<typeof FleetSecretsFileSchema>;

/** the channels a kiosk publishes on (KioskAccess allows the same) */
const KIOSK_WRITES = ['status', 'events', 'heartbeat', 'commands/ack', 'journal-extract'] as const;

const PBKDF2_ITERATIONS = 101;

/** One line of a Mosquitto password file, `user:$7$101$salt$hash`, as `mosquitto_passwd` writes it. */
export function mosquittoPasswordLine(user: string, secret: string, salt: Buffer = randomBytes(12)): string {
  const hash = pbkdf2Sync(secret, salt, PBKDF2_ITERATIONS, 64, 'sha512');
  return `${user}:$7$${PBKDF2_ITERATIONS}$${salt.toString('base64')}$${hash.toString('base64')}`;
}

export function mosquittoAcl(kioskIds: readonly string[], monitors: readonly string[]): string {
  const lines = [
    '# written by fleet-monitor/dist/credentials/write-broker-files.js; do not edit by hand',
    '',
  ];
  for (const user of monitors) {
    lines.push(`user ${user}`);
    for (const filter of Object.values(TOPIC_FILTERS)) lines.push(`topic read ${filter}`);
    lines.push(
      `topic write ${telemetryTopic('+', 'commands')}`,
      `topic write ${telemetryTopic('+', 'events/ack')}`,
      '',
    );
  }
  for (const kioskId of kioskIds) {
    lines.push(`user ${kioskId}`);
    for (const channel of KIOSK_WRITES) lines.push(`topic write ${telemetryTopic(kioskId, channel)}`);
    lines.push(
      `topic read ${telemetryTopic(kioskId, 'commands')}`,
      `topic read ${telemetryTopic(kioskId, 'events/ack')}`,
      '',
    );
  }
  return lines.join('\n');
}

export interface BrokerFiles {
  readonly kiosksJson: string;
  readonly passwd: string;
  readonly acl: string;
}

export function brokerFiles(secrets: FleetSecretsFile): BrokerFiles {
  const kiosks: KioskCredentialsFile = {
    kiosks: Object.fromEntries(
      Object.entries(secrets.kiosks).map(([id, secret]) => [id, hashSecret(secret)]),
    ),
  };
  const users = { ...secrets.monitors, ...secrets.kiosks };
  return {
    kiosksJson: `${JSON.stringify(kiosks, null, 2)}\n`,
    passwd: `${Object.entries(users)
      .map(([user, secret]) => mosquittoPasswordLine(user, secret))
      .join('\n')}\n`,
    acl: mosquittoAcl(Object.keys(secrets.kiosks), Object.keys(secrets.monitors)),
  };
}

/** Writes the files into `dir` (created if missing), readable by their owner only. */
export function writeBrokerFiles(secrets: FleetSecretsFile, dir: string): string[] {
  mkdirSync(dir, { recursive: true });
  const files = brokerFiles(secrets);
  const written: [string, string][] = [
    ['kiosks.json', files.kiosksJson],
    ['mosquitto.passwd', files.passwd],
    ['mosquitto.acl', files.acl],
    ...Object.entries(secrets.monitors).map(([user, secret]): [string, string] => [
      `${user}.password`,
      `${secret}\n`,
    ]),
  ];
  for (const [name, text] of written) writeFileSync(join(dir, name), text, { mode: 0o600 });
  return written.map(([name]) => join(dir, name));
}
