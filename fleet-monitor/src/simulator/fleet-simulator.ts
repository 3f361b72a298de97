/**
 * The fleet simulator: N virtual kiosks on one MQTT broker.
 *
 *   fleet-simulator init --kiosks N --dir DIR [--prefix sim]
 *     writes DIR/kiosks.json (hashed, for `fleet-monitor --kiosks`) and DIR/secrets.json (the
 *     simulator's own plain secrets; a test fixture, never for real kiosks)
 *   fleet-simulator run --secrets DIR/secrets.json [--url mqtt://127.0.0.1:1883] [--heartbeat 10]
 *     [--journey-every 60] [--refill-after 120] [--speed 1]
 *     runs them until SIGINT/SIGTERM, printing one JSON line of totals every 10 s
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { hashSecret } from '../credentials/scrypt-secret.js';
import { KioskIdSchema } from '../contract/telemetry.contract.js';
import { VirtualKiosk } from './virtual-kiosk.js';

const SecretsSchema = z.object({ kiosks: z.record(KioskIdSchema, z.string().min(8)) });

function fail(message: string): never {
  process.stderr.write(`fleet-simulator: ${message}\n`);
  process.exit(64);
}

function positive(name: string, value: string | undefined, fallback: number): number {
  const number = value === undefined ? fallback : Number(value);
  if (!Number.isFinite(number) || number <= 0)
    fail(`--${name} expects a positive number, got ${JSON.stringify(value)}`);
  return number;
}

function init(args: string[]): void {
  const { values } = parseArgs({
    args,
    options: { kiosks: { type: 'string' }, dir: { type: 'string' }, prefix: { type: 'string' } },
  });
  const count = Math.floor(positive('kiosks', values.kiosks, 20));
  const dir = values.dir ?? fail('--dir is required');
  const prefix = values.prefix ?? 'sim';
  const secrets: Record<string, string> = {};
  const hashes: Record<string, string> = {};
  for (let i = 1; i <= count; i++) {
    const id = `${prefix}-k${String(i).padStart(4, '0')}`;
    secrets[id] = randomBytes(18).toString('base64url');
    hashes[id] = hashSecret(secrets[id]);
  }
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'kiosks.json'), `${JSON.stringify({ kiosks: hashes }, null, 2)}\n`);
  writeFileSync(join(dir, 'secrets.json'), `${JSON.stringify({ kiosks: secrets }, null, 2)}\n`, {
    mode: 0o600,
  });
  process.stdout.write(`${JSON.stringify({ event: 'initialised', kiosks: count, dir })}\n`);
}

async function run(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      secrets: { type: 'string' },
      url: { type: 'string' },
      heartbeat: { type: 'string' },
      'journey-every': { type: 'string' },
      'refill-after': { type: 'string' },
      speed: { type: 'string' },
    },
  });
  const file = values.secrets ?? fail('--secrets is required (written by `fleet-simulator init`)');
  const secrets = SecretsSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!secrets.success) fail(`${file}: ${z.prettifyError(secrets.error)}`);
  const speed = positive('speed', values.speed, 1);
  const kiosks = Object.entries(secrets.data.kiosks).map(
    ([kioskId, password]) =>
      new VirtualKiosk({
        url: values.url ?? 'mqtt://127.0.0.1:1883',
        kioskId,
        password,
        heartbeatIntervalS: Math.max(1, Math.round(positive('heartbeat', values.heartbeat, 10))),
        journeyEveryMs: (positive('journey-every', values['journey-every'], 60) * 1000) / speed,
        refillAfterMs: (positive('refill-after', values['refill-after'], 120) * 1000) / speed,
      }),
  );
  const results = await Promise.allSettled(kiosks.map((kiosk) => kiosk.start()));
  const refused = results.filter((result) => result.status === 'rejected').length;
  process.stdout.write(`${JSON.stringify({ event: 'running', kiosks: kiosks.length, refused })}\n`);
  const report = setInterval(() => {
    const totals = { status: 0, events: 0, heartbeats: 0, acks: 0 };
    for (const kiosk of kiosks)
      for (const key of Object.keys(totals) as (keyof typeof totals)[]) totals[key] += kiosk.published[key];
    process.stdout.write(`${JSON.stringify({ event: 'published', ...totals })}\n`);
  }, 10_000);
  const stop = async (): Promise<void> => {
    clearInterval(report);
    await Promise.all(kiosks.map((kiosk) => kiosk.stop()));
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

const [command, ...rest] = process.argv.slice(2);
if (command === 'init') init(rest);
else if (command === 'run') await run(rest);
else fail('usage: fleet-simulator init --kiosks N --dir DIR | run --secrets FILE [--url URL] [--speed N]');
