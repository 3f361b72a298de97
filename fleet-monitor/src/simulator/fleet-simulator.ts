/**
 * The fleet simulator: N virtual kiosks on one MQTT broker.
 *
 *   fleet-simulator init --kiosks N --dir DIR [--prefix sim]
 *     writes DIR/kiosks.json (hashed, for `fleet-monitor --kiosks`) and DIR/secrets.json (the
 *     simulator's own plain secrets; a test fixture, never for real kiosks)
 *   fleet-simulator run --secrets DIR/secrets.json [--url mqtt://127.0.0.1:1883] [--heartbeat 10]
 *     [--journey-every 60] [--refill-after 120] [--speed 1]
 *     runs them until SIGINT/SIGTERM, printing one JSON line of totals every 10 s
 *   fleet-simulator demo [--kiosks 20] [--dir var/fleet-sim] [--port 8090] [--mqtt-port 1883] [--speed 10]
 *     the one-command demo: init (once), start the fleet monitor with those kiosks and the demo
 *     operators (operator / operator-demo, viewer / viewer-demo), run the kiosks against it
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { hashSecret } from '../credentials/scrypt-secret.js';
import { KioskIdSchema } from '../contract/telemetry.contract.js';
import { VirtualKiosk } from './virtual-kiosk.js';

const SecretsSchema = z.object({ kiosks: z.record(KioskIdSchema, z.string().min(8)) });

interface RunValues {
  url?: string;
  heartbeat?: string;
  'journey-every'?: string;
  'refill-after'?: string;
  speed?: string;
}

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

function writeCredentials(count: number, dir: string, prefix: string): void {
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

function readSecrets(file: string): Record<string, string> {
  const secrets = SecretsSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!secrets.success) fail(`${file}: ${z.prettifyError(secrets.error)}`);
  return secrets.data.kiosks;
}

/** Runs the kiosks until SIGINT/SIGTERM; `onStop` runs after they disconnected. */
async function runKiosks(
  secrets: Record<string, string>,
  values: RunValues,
  onStop = (): void => undefined,
): Promise<void> {
  const speed = positive('speed', values.speed, 1);
  const kiosks = Object.entries(secrets).map(
    ([kioskId, password], index) =>
      new VirtualKiosk({
        url: values.url ?? 'mqtt://127.0.0.1:1883',
        kioskId,
        // ten kiosks to a service hall
        hallId: `hall-${1 + Math.floor(index / 10)}`,
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
    onStop();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

async function demo(values: {
  kiosks?: string;
  dir?: string;
  port?: string;
  'mqtt-port'?: string;
  speed?: string;
}): Promise<void> {
  const dir = values.dir ?? 'var/fleet-sim';
  const count = Math.floor(positive('kiosks', values.kiosks, 20));
  const secretsFile = join(dir, 'secrets.json');
  if (!existsSync(secretsFile) || Object.keys(readSecrets(secretsFile)).length !== count)
    writeCredentials(count, dir, 'sim');
  const monitor = spawn(
    process.execPath,
    [
      fileURLToPath(new URL('../main.js', import.meta.url)),
      ...['--port', values.port ?? '8090', '--mqtt-port', values['mqtt-port'] ?? '1883'],
      ...['--db', join(dir, 'fleet.sqlite'), '--kiosks', join(dir, 'kiosks.json')],
      ...['--operators', fileURLToPath(new URL('../../demo/operators.json', import.meta.url))],
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  monitor.once('exit', (code) => fail(`the fleet monitor ended (${String(code)})`));
  let mqttUrl: string | undefined;
  for await (const line of createInterface({ input: monitor.stdout })) {
    process.stdout.write(`${line}\n`);
    const ready = JSON.parse(line) as { event?: string; mqtt?: string };
    if (ready.event === 'ready') {
      mqttUrl = ready.mqtt;
      break;
    }
  }
  if (!mqttUrl) fail('the fleet monitor printed no ready line');
  process.stdout.write(
    `${JSON.stringify({ event: 'demo', passwords: { operator: 'operator-demo', viewer: 'viewer-demo' } })}\n`,
  );
  await runKiosks(readSecrets(secretsFile), { url: mqttUrl, speed: values.speed ?? '10' }, () => {
    monitor.removeAllListeners('exit');
    monitor.kill('SIGTERM');
  });
}

const [command, ...args] = process.argv.slice(2);
const string = { type: 'string' } as const;
if (command === 'init') {
  const { values } = parseArgs({ args, options: { kiosks: string, dir: string, prefix: string } });
  writeCredentials(
    Math.floor(positive('kiosks', values.kiosks, 20)),
    values.dir ?? fail('--dir is required'),
    values.prefix ?? 'sim',
  );
} else if (command === 'run') {
  const options = {
    secrets: string,
    url: string,
    heartbeat: string,
    'journey-every': string,
    'refill-after': string,
    speed: string,
  };
  const { values } = parseArgs({ args, options });
  await runKiosks(
    readSecrets(values.secrets ?? fail('--secrets is required (written by `fleet-simulator init`)')),
    values,
  );
} else if (command === 'demo') {
  const { values } = parseArgs({
    args,
    options: { kiosks: string, dir: string, port: string, 'mqtt-port': string, speed: string },
  });
  await demo(values);
} else
  fail(
    'usage: fleet-simulator init --kiosks N --dir DIR | run --secrets FILE [--url URL] [--speed N] | demo [--kiosks N]',
  );
