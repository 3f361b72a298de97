/**
 * The dashboard's socket.io border on the real fleet monitor process, spoken to by a plain
 * socket.io client the way a forged or broken page would: no session, a viewer asking for an
 * operator's action, unknown and malformed messages, a session logged out under an open socket.
 * Each is refused with its code and the monitor stays up. Needs `npx tsc -b fleet-monitor` first.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { io, type Socket } from 'socket.io-client';
import { OPERATOR, VIEWER, startMonitor, type MonitorProcess } from './monitor-process.js';
import { TestKiosk } from './test-kiosk.js';

let monitor: MonitorProcess;
let kiosk: TestKiosk;
const sockets: Socket[] = [];

interface Answer {
  ok: boolean;
  data?: unknown;
  error?: { code: string; message: string; event?: string };
}

function connect(token: string | undefined): Socket {
  const socket = io(monitor.http, {
    path: '/socket.io',
    transports: ['websocket'],
    reconnection: false,
    ...(token !== undefined && { auth: { token } }),
  });
  sockets.push(socket);
  return socket;
}

async function connected(token: string): Promise<Socket> {
  const socket = connect(token);
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
  return socket;
}

const send = (socket: Socket, event: string, ...args: unknown[]): Promise<Answer> =>
  socket.timeout(10_000).emitWithAck(event, ...args) as Promise<Answer>;

beforeAll(async () => {
  monitor = await startMonitor({ 'hall1-k01': 'secret-hall1-k01' });
  kiosk = await TestKiosk.connect(monitor.mqtt, 'hall1-k01', 'secret-hall1-k01', 'hall-1');
}, 60_000);

afterAll(async () => {
  for (const socket of sockets) socket.close();
  await kiosk?.close();
  await monitor?.stop();
});

describe('dashboard gateway faults', () => {
  it('no session: the connection is refused with FLEET_LOGIN_FAILED', async () => {
    for (const token of [undefined, 'made-up-token']) {
      const socket = connect(token);
      const error = await new Promise<Error & { data?: { code?: string } }>((resolve) =>
        socket.once('connect_error', resolve),
      );
      expect(error.data).toEqual({ code: 'FLEET_LOGIN_FAILED' });
    }
  }, 20_000);

  it('a viewer sends a command, acknowledges an alert or asks for journal extracts: GATEWAY_NOT_ALLOWED, nothing reaches the kiosk', async () => {
    const viewer = await connected(await monitor.logIn(VIEWER));
    expect(
      await send(viewer, 'kiosk.command', { kioskId: 'hall1-k01', command: { type: 'outOfService' } }),
    ).toMatchObject({ ok: false, error: { code: 'GATEWAY_NOT_ALLOWED', event: 'kiosk.command' } });
    expect(await send(viewer, 'alert.acknowledge', { alertId: 1 })).toMatchObject({
      ok: false,
      error: { code: 'GATEWAY_NOT_ALLOWED' },
    });
    expect(await send(viewer, 'kiosk.extracts', { kioskId: 'hall1-k01' })).toMatchObject({
      ok: false,
      error: { code: 'GATEWAY_NOT_ALLOWED' },
    });
    // what a viewer may do still works on the same socket
    expect(await send(viewer, 'kiosk.watch', { kioskId: 'hall1-k01' })).toMatchObject({
      ok: true,
      data: { kiosk: { kioskId: 'hall1-k01', hallId: 'hall-1' } },
    });
    expect(kiosk.commands).toEqual([]);
  }, 20_000);

  it('journal extract asked the wrong way round reaches the kiosk: refused at the monitor with its code, on the page and the REST API', async () => {
    const operator = await connected(await monitor.logIn(OPERATOR));
    const backwards = {
      type: 'uploadJournalExtract',
      from: '2026-11-28T10:00:00.000Z',
      to: '2026-11-27T10:00:00.000Z',
    };
    expect(await send(operator, 'kiosk.command', { kioskId: 'hall1-k01', command: backwards })).toMatchObject(
      {
        ok: false,
        error: { code: 'GATEWAY_MALFORMED_MESSAGE' },
      },
    );
    const response = await fetch(`${monitor.http}/kiosks/hall1-k01/commands`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${await monitor.logIn(OPERATOR)}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify(backwards),
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ code: 'FLEET_BAD_REQUEST' });
    // nothing issued: no command reached the kiosk
    expect(kiosk.commands).toEqual([]);
  }, 20_000);

  it('unknown, malformed and oversized messages are refused with their codes; the monitor stays up', async () => {
    const operator = await connected(await monitor.logIn(OPERATOR));
    expect(await send(operator, 'kiosk.selfDestruct', {})).toMatchObject({
      error: { code: 'GATEWAY_UNKNOWN_EVENT' },
    });
    expect(
      await send(operator, 'kiosk.command', { kioskId: 'hall1-k01', command: { type: 'format' } }),
    ).toMatchObject({ error: { code: 'GATEWAY_MALFORMED_MESSAGE' } });
    expect(await send(operator, 'kiosk.watch', { kioskId: '../../etc' })).toMatchObject({
      error: { code: 'GATEWAY_MALFORMED_MESSAGE' },
    });
    expect(await send(operator, 'alerts.history', { limit: 10, extra: true })).toMatchObject({
      error: { code: 'GATEWAY_MALFORMED_MESSAGE' },
    });
    expect(await send(operator, 'stats.daily', { days: 'x'.repeat(4000) })).toMatchObject({
      error: { code: 'GATEWAY_MESSAGE_TOO_LARGE' },
    });
    expect(
      await send(operator, 'kiosk.command', { kioskId: 'hall9-k99', command: { type: 'restart' } }),
    ).toMatchObject({ error: { code: 'FLEET_KIOSK_UNKNOWN' } });
    expect(await send(operator, 'alert.acknowledge', { alertId: 9999 })).toMatchObject({
      error: { code: 'FLEET_ALERT_UNKNOWN' },
    });
    expect(await send(operator, 'kiosk.watch', { kioskId: 'hall9-k99' })).toMatchObject({
      error: { code: 'FLEET_KIOSK_UNKNOWN' },
    });
    expect(
      await send(operator, 'kiosk.extract', {
        kioskId: 'hall1-k01',
        commandId: '0b5e0f6a-8d51-4c1b-9a43-2f0d8f9e7c11',
      }),
    ).toMatchObject({ error: { code: 'FLEET_EXTRACT_UNKNOWN' } });
    expect(await send(operator, 'stats.daily', { days: 7 })).toMatchObject({ ok: true, data: { days: 7 } });
    expect(kiosk.commands).toEqual([]);
  }, 20_000);

  it('session logged out under an open socket: the next message gets FLEET_LOGIN_FAILED and the socket is closed', async () => {
    const token = await monitor.logIn(OPERATOR);
    const socket = await connected(token);
    await fetch(`${monitor.http}/auth/logout`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
    });
    const closed = new Promise<void>((resolve) => socket.once('disconnect', () => resolve()));
    expect(
      await send(socket, 'kiosk.command', { kioskId: 'hall1-k01', command: { type: 'restart' } }),
    ).toMatchObject({ ok: false, error: { code: 'FLEET_LOGIN_FAILED' } });
    await closed;
    expect(kiosk.commands).toEqual([]);
  }, 20_000);

  it("an alert acknowledged through the REST API is pushed to open pages, the kiosk's alerts only (alerts pushed whole to every page)", async () => {
    type Alerts = { id: number; acknowledgedBy: string | null }[];
    const viewer = connect(await monitor.logIn(VIEWER));
    // the whole list comes once, on connecting; after it a change pushes the changed kiosk's alerts
    await new Promise<void>((resolve) => viewer.once('dashboard.alerts', () => resolve()));
    const wholeLists: unknown[] = [];
    viewer.on('dashboard.alerts', (alerts: unknown) => wholeLists.push(alerts));
    const pushed = (ok: (alerts: Alerts) => boolean): Promise<Alerts> =>
      new Promise((resolve) => {
        const listener = (lists: { kioskId: string; alerts: Alerts }[]): void => {
          const alerts = lists.find((list) => list.kioskId === 'hall1-k01')?.alerts;
          if (!alerts || !ok(alerts)) return;
          viewer.off('dashboard.kioskAlerts', listener);
          resolve(alerts);
        };
        viewer.on('dashboard.kioskAlerts', listener);
      });
    const raised = pushed((alerts) => alerts.length === 1);
    await kiosk.setPaper('low');
    const [alert] = await raised;
    const acknowledged = pushed((alerts) => alerts[0]?.acknowledgedBy !== null);
    const token = await monitor.logIn(OPERATOR);
    const response = await fetch(`${monitor.http}/alerts/${alert!.id}/ack`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(response.status).toBe(200);
    expect(await acknowledged).toMatchObject([{ id: alert!.id, acknowledgedBy: OPERATOR.username }]);
    const cleared = pushed((alerts) => alerts.length === 0);
    await kiosk.setPaper('ok');
    await cleared;
    expect(wholeLists).toEqual([]);
  }, 20_000);

  it('an operator command reaches the kiosk, and its ack is pushed to a page watching the kiosk', async () => {
    const operator = await connected(await monitor.logIn(OPERATOR));
    await send(operator, 'kiosk.watch', { kioskId: 'hall1-k01' });
    const acked = new Promise<{ commands: { type: string; result: string | null }[] }>((resolve) => {
      const listener = (detail: { commands: { type: string; result: string | null }[] }): void => {
        if (detail.commands[0]?.result !== null && detail.commands[0]?.result !== undefined) {
          operator.off('dashboard.detail', listener);
          resolve(detail);
        }
      };
      operator.on('dashboard.detail', listener);
    });
    const sent = await send(operator, 'kiosk.command', {
      kioskId: 'hall1-k01',
      command: { type: 'runSelfTest', devices: ['receiptPrinter'] },
    });
    expect(sent).toMatchObject({ ok: true, data: { type: 'runSelfTest', issuedBy: OPERATOR.username } });
    expect((await acked).commands[0]).toMatchObject({ type: 'runSelfTest', result: 'done' });
    expect(kiosk.commands.map((command) => command.type)).toEqual(['runSelfTest']);
  }, 20_000);
});
