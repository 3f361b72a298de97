/**
 * The built fleet monitor as a real process, with credential files: an operator logs in, sees a
 * kiosk's paper run out and the alert raised, sends it out of service (the kiosk, a real MQTT
 * client here, acknowledges), sees the refill clear the alert, and acknowledges it. Viewers read
 * but cannot command; no token, no answer. Needs `npx tsc -b fleet-monitor` first.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { eventually } from '@kiosk/domain/testing';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { connectAsync, type MqttClient } from 'mqtt';
import { hashSecret } from '../src/index.js';

const MAIN = fileURLToPath(new URL('../dist/main.js', import.meta.url));
let dir: string;
let child: ChildProcess;
let http: string;
let mqttUrl: string;
let kiosk: MqttClient;
let operatorToken: string;
let viewerToken: string;
const commands: { id: string; type: string }[] = [];

function status(paper: 'ok' | 'empty'): string {
  return JSON.stringify({
    connection: 'online',
    kioskId: 'hall1-k01',
    hallId: 'hall-1',
    mode: paper === 'ok' ? 'inService' : 'degraded',
    version: '0.1.0',
    journeysOffered: paper === 'ok' ? ['balance', 'records'] : ['balance'],
    devices: [
      {
        kind: 'receiptPrinter',
        device: 'online',
        supplies: [{ name: 'paper', level: paper, count: paper === 'ok' ? 800 : 0 }],
      },
    ],
    heartbeatIntervalS: 10,
    at: new Date().toISOString(),
  });
}

async function api(
  method: string,
  path: string,
  token?: string,
  body?: unknown,
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON answers, checked by toMatchObject in each test
): Promise<{ status: number; body: any }> {
  const response = await fetch(`${http}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...(token && { authorization: `Bearer ${token}` }) },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'fleet-api-'));
  writeFileSync(
    join(dir, 'kiosks.json'),
    JSON.stringify({ kiosks: { 'hall1-k01': hashSecret('kiosk-secret') } }),
  );
  writeFileSync(
    join(dir, 'operators.json'),
    JSON.stringify({
      users: [
        { username: 'zhang', role: 'operator', password: hashSecret('operator pass') },
        { username: 'li', role: 'viewer', password: hashSecret('viewer pass') },
      ],
    }),
  );
  const args = ['--port', '0', '--mqtt-port', '0', '--db', join(dir, 'fleet.sqlite')];
  child = spawn(
    process.execPath,
    [MAIN, ...args, '--kiosks', join(dir, 'kiosks.json'), '--operators', join(dir, 'operators.json')],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  for await (const line of createInterface({ input: child.stdout! })) {
    const ready = JSON.parse(line) as { event: string; url: string; mqtt: string };
    if (ready.event === 'ready') {
      ({ url: http, mqtt: mqttUrl } = ready);
      break;
    }
  }
  kiosk = await connectAsync(mqttUrl, {
    clientId: 'hall1-k01',
    username: 'hall1-k01',
    password: 'kiosk-secret',
    reconnectPeriod: 0,
  });
  await kiosk.subscribeAsync('kiosk/hall1-k01/commands', { qos: 1 });
  kiosk.on('message', (_topic, payload) => {
    const command = JSON.parse(payload.toString()) as { id: string; type: string };
    commands.push(command);
    kiosk.publish(
      'kiosk/hall1-k01/commands/ack',
      JSON.stringify({
        commandId: command.id,
        kioskId: 'hall1-k01',
        result: 'done',
        at: new Date().toISOString(),
      }),
      { qos: 1 },
    );
  });
  operatorToken = (
    await api('POST', '/auth/login', undefined, { username: 'zhang', password: 'operator pass' })
  ).body.token;
  viewerToken = (await api('POST', '/auth/login', undefined, { username: 'li', password: 'viewer pass' }))
    .body.token;
}, 30_000); // the monitor process starts in 2–4 s on a loaded 2-core machine

afterAll(async () => {
  await kiosk?.endAsync(true);
  if (child && child.exitCode === null) {
    const exit = once(child, 'exit');
    child.kill('SIGTERM');
    await exit;
  }
  rmSync(dir, { recursive: true, force: true });
});

describe('fleet API', () => {
  it('refuses a wrong password with a code, and every route without a token', async () => {
    const login = await api('POST', '/auth/login', undefined, { username: 'zhang', password: 'guess' });
    expect(login).toMatchObject({ status: 401, body: { code: 'FLEET_LOGIN_FAILED' } });
    expect((await api('GET', '/kiosks')).status).toBe(401);
    expect((await api('GET', '/kiosks', 'made-up-token')).status).toBe(401);
  });

  it('paper runs out: the kiosk shows degraded with an empty-paper alert', async () => {
    await kiosk.publishAsync('kiosk/hall1-k01/status', status('ok'), { qos: 1, retain: true });
    await kiosk.publishAsync('kiosk/hall1-k01/status', status('empty'), { qos: 1, retain: true });
    const alerts = await eventually(
      async () => (await api('GET', '/alerts', viewerToken)).body as unknown[],
      'an alert listed',
      { withinMs: 10_000, everyMs: 20, until: (body) => body.length > 0 },
    );
    expect(alerts).toMatchObject([
      { kioskId: 'hall1-k01', kind: 'supplyEmpty', key: 'supply/receiptPrinter/paper' },
    ]);
    expect((await api('GET', '/kiosks?hallId=hall-2', viewerToken)).body).toEqual([]);
    const list = await api('GET', '/kiosks?hallId=hall-1', viewerToken);
    expect(list.body).toMatchObject([
      {
        kioskId: 'hall1-k01',
        hallId: 'hall-1',
        connection: 'online',
        mode: 'degraded',
        activeAlerts: 1,
        supplies: [{ name: 'paper', level: 'empty' }],
      },
    ]);
  });

  it('a viewer cannot send commands; an operator sends out-of-service and sees the ack', async () => {
    expect(
      (await api('POST', '/kiosks/hall1-k01/commands', viewerToken, { type: 'outOfService' })).status,
    ).toBe(403);
    const sent = await api('POST', '/kiosks/hall1-k01/commands', operatorToken, {
      type: 'outOfService',
      reason: 'DEVICE_SUPPLY_EMPTY',
    });
    expect(sent).toMatchObject({
      status: 202,
      body: { kioskId: 'hall1-k01', type: 'outOfService', issuedBy: 'zhang' },
    });
    await eventually(
      () => commands.some((command) => command.id === sent.body.id),
      'the kiosk receives the command',
      { withinMs: 10_000 },
    );
    const detail = await eventually(
      async () => (await api('GET', '/kiosks/hall1-k01', viewerToken)).body,
      'the command answered',
      { withinMs: 10_000, everyMs: 20, until: (body) => body.commands[0]?.result !== null },
    );
    expect(detail.commands[0]).toMatchObject({
      id: sent.body.id,
      type: 'outOfService',
      issuedBy: 'zhang',
      result: 'done',
    });
    // its own alerts, read by kiosk: the empty paper of the test before
    expect(detail.alerts).toMatchObject([{ kioskId: 'hall1-k01', key: 'supply/receiptPrinter/paper' }]);
  });

  it('a command to a kiosk not in the fleet, or of an unknown type, is refused with a code', async () => {
    expect(await api('POST', '/kiosks/hall9-k99/commands', operatorToken, { type: 'restart' })).toMatchObject(
      {
        status: 404,
        body: { code: 'FLEET_KIOSK_UNKNOWN' },
      },
    );
    expect(
      await api('POST', '/kiosks/hall1-k01/commands', operatorToken, { type: 'selfDestruct' }),
    ).toMatchObject({
      status: 400,
      body: { code: 'FLEET_BAD_REQUEST' },
    });
    expect(
      (
        await api('POST', '/kiosks/hall1-k01/commands', operatorToken, {
          type: 'uploadJournalExtract',
          from: 'yesterday',
        })
      ).status,
    ).toBe(400);
  });

  it('the refill clears the alert; the operator acknowledges it and it stays in the history', async () => {
    const [alert] = (await api('GET', '/alerts', viewerToken)).body as { id: number }[];
    await kiosk.publishAsync('kiosk/hall1-k01/status', status('ok'), { qos: 1, retain: true });
    const active = await eventually(
      async () => (await api('GET', '/alerts', viewerToken)).body as unknown[],
      'no alert active',
      { withinMs: 10_000, everyMs: 20, until: (body) => body.length === 0 },
    );
    expect(active).toEqual([]);
    expect((await api('POST', `/alerts/${alert!.id}/ack`, viewerToken)).status).toBe(403);
    const acknowledged = await api('POST', `/alerts/${alert!.id}/ack`, operatorToken);
    expect(acknowledged).toMatchObject({ status: 200, body: { acknowledgedBy: 'zhang' } });
    expect(acknowledged.body.clearedAt).not.toBeNull();
    const history = (await api('GET', '/alerts?state=all', viewerToken)).body;
    expect(history).toMatchObject([{ id: alert!.id, acknowledgedBy: 'zhang' }]);
    expect((await api('POST', '/alerts/9999/ack', operatorToken)).body).toMatchObject({
      code: 'FLEET_ALERT_UNKNOWN',
    });
    // alerts state misspelt answered with the active ones: refused with its code
    for (const state of ['cleared', 'All', ''])
      expect(await api('GET', `/alerts?state=${state}`, viewerToken)).toMatchObject({
        status: 400,
        body: { code: 'FLEET_BAD_REQUEST' },
      });
  });
});

describe('fleet statistics', () => {
  it("counts the day's journeys from the kiosk's journey outcomes; refuses a bad span", async () => {
    const event = {
      id: '0b5e0f6a-8d51-4c1b-9a43-2f0d8f9e7c11',
      kioskId: 'hall1-k01',
      seq: 1,
      at: new Date().toISOString(),
      type: 'journeyOutcome',
      journey: 'issueCard',
      outcome: 'completed',
      durationMs: 95_000,
    };
    await kiosk.publishAsync('kiosk/hall1-k01/events', JSON.stringify(event), { qos: 1 });
    const days = await eventually(
      async () => (await api('GET', '/stats/daily?days=1', viewerToken)).body as { cardsIssued: number }[],
      'a day of stats',
      // every day of the window is there, at zero until the journey is stored
      { withinMs: 10_000, everyMs: 20, until: (body) => (body[0]?.cardsIssued ?? 0) > 0 },
    );
    expect(days).toEqual([
      { day: event.at.slice(0, 10), cardsIssued: 1, withdrawals: 0, completed: 1, failed: 0 },
    ]);
    expect(await api('GET', '/stats/daily?days=0', viewerToken)).toMatchObject({
      status: 400,
      body: { code: 'FLEET_BAD_REQUEST' },
    });
  });
});

describe('fleet monitor start-up', () => {
  it('a kiosks file with a plain-text secret: exits 78 naming the file', async () => {
    const bad = join(dir, 'bad-kiosks.json');
    writeFileSync(bad, JSON.stringify({ kiosks: { k1: 'plain-secret' } }));
    const run = spawn(
      process.execPath,
      [MAIN, '--port', '0', '--mqtt-port', '0', '--db', ':memory:', '--kiosks', bad],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stderr = '';
    run.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const [code] = (await once(run, 'exit')) as [number];
    expect(code).toBe(78);
    expect(stderr).toContain('bad-kiosks.json');
    expect(stderr).toContain('never a plain secret');
  });
});
