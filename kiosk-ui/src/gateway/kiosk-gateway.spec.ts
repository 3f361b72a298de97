import { createServer, type Server as HttpServer } from 'node:http';
import { createServer as createTcpServer, type AddressInfo, type Socket } from 'node:net';
import { Server } from 'socket.io';
import { ErrorCode, OutboundEvents } from '@kiosk/domain';
import { balanceSession, kioskInService } from '../screens/sample-views';
import type { GatewayState } from './gateway-state';
import { connectKioskGateway, type KioskGateway } from './kiosk-gateway';

/** A stand-in daemon: pushes the views on connection, answers inbound events as told. */
function startDaemon(port = 0): Promise<{ io: Server; http: HttpServer; port: number }> {
  const http = createServer();
  const io = new Server(http, { path: '/socket.io' });
  io.on('connection', (socket) => {
    socket.emit(OutboundEvents.kioskView, kioskInService);
    socket.emit(OutboundEvents.sessionView, balanceSession({ step: 'showBalance' }));
    socket.on('session.start', (_payload: unknown, ack: (a: unknown) => void) =>
      ack({ ok: false, error: { code: ErrorCode.JOURNEY_NOT_OFFERED, message: 'not offered' } }),
    );
    socket.on('session.command', (_payload: unknown, ack: (a: unknown) => void) => ack({ ok: true }));
    // 'locale.set' is never acknowledged
  });
  return new Promise((resolve) =>
    http.listen(port, '127.0.0.1', () => resolve({ io, http, port: (http.address() as AddressInfo).port })),
  );
}

function stopDaemon(daemon: { io: Server; http: HttpServer }): Promise<void> {
  return new Promise((resolve) => {
    daemon.io.close(() => resolve());
    daemon.io.disconnectSockets(true);
  });
}

function waitFor(gateway: KioskGateway, done: (state: GatewayState) => boolean): Promise<GatewayState> {
  return new Promise((resolve) => {
    const check = () => {
      if (!done(gateway.getState())) return;
      unsubscribe();
      resolve(gateway.getState());
    };
    const unsubscribe = gateway.subscribe(check);
    check();
  });
}

describe('kiosk gateway client', () => {
  let daemon: Awaited<ReturnType<typeof startDaemon>>;
  let gateway: KioskGateway;
  /** connections a test's silent stand-in accepted and left open */
  const held: Socket[] = [];

  beforeEach(async () => {
    daemon = await startDaemon();
    gateway = connectKioskGateway({ url: `http://127.0.0.1:${daemon.port}`, ackTimeoutMs: 300 });
  });

  afterEach(async () => {
    for (const socket of held.splice(0)) socket.destroy();
    gateway.close();
    await stopDaemon(daemon);
  });

  it('holds exactly the views the daemon pushes', async () => {
    const state = await waitFor(gateway, (s) => s.kiosk !== null && s.session !== null);
    expect(state.connection).toBe('connected');
    expect(state.kiosk).toEqual(kioskInService);
    expect(state.session?.step).toBe('showBalance');
  });

  it('sends inbound events with an acknowledgement', async () => {
    await waitFor(gateway, (s) => s.connection === 'connected');
    await expect(gateway.send('session.command', { command: 'finish' })).resolves.toEqual({ ok: true });
    expect(gateway.getState().notice).toBeNull();
  });

  it('shows a refusal with the event it answers', async () => {
    await waitFor(gateway, (s) => s.connection === 'connected');
    const ack = await gateway.send('session.start', { journey: 'withdraw' });
    expect(ack.ok).toBe(false);
    expect(gateway.getState().notice).toEqual({
      code: ErrorCode.JOURNEY_NOT_OFFERED,
      message: 'not offered',
      event: 'session.start',
    });
  });

  it('turns a missing acknowledgement into a coded error instead of waiting forever', async () => {
    await waitFor(gateway, (s) => s.connection === 'connected');
    const ack = await gateway.send('locale.set', { locale: 'en' });
    expect(ack).toMatchObject({ ok: false, error: { code: ErrorCode.INTERNAL, event: 'locale.set' } });
  });

  it('goes to "reconnecting" when the daemon stops and comes back by itself when it restarts', async () => {
    await waitFor(gateway, (s) => s.session !== null);
    const { port } = daemon;
    await stopDaemon(daemon);
    const away = await waitFor(gateway, (s) => s.connection === 'disconnected');
    expect(away.session).toBeNull(); // nothing personal stays on screen
    daemon = await startDaemon(port);
    const back = await waitFor(gateway, (s) => s.connection === 'connected' && s.kiosk !== null);
    expect(back.kiosk).toEqual(kioskInService);
  }, 15_000);

  it('a connection attempt that hangs (accepted, never answered) is given up and the next one reaches the daemon', async () => {
    await waitFor(gateway, (s) => s.session !== null);
    const { port } = daemon;
    await stopDaemon(daemon);
    await waitFor(gateway, (s) => s.connection === 'disconnected');
    // whatever holds the port now accepts the next attempt and never answers it
    const silent = createTcpServer((socket) => held.push(socket));
    await new Promise<void>((resolve) => silent.listen(port, '127.0.0.1', resolve));
    await new Promise<void>((resolve) => {
      const check = () => (held.length > 0 ? resolve() : setTimeout(check, 20));
      check();
    });
    silent.close(); // stops listening; the attempt it accepted stays open, unanswered
    // the daemon is back on its port while that attempt still waits for an answer: the screen must
    // not wait on it for long (socket.io's own default is 20 s), so this test has 15 s in all
    daemon = await startDaemon(port);
    const back = await waitFor(gateway, (s) => s.connection === 'connected' && s.kiosk !== null);
    expect(back.kiosk).toEqual(kioskInService);
  }, 15_000);
});
