import { GATEWAY_SOCKET_BUFFER_BYTES } from '@kiosk/domain';
import { startDaemon, type DaemonProcess } from './daemon-process.js';
import { UiClient } from './ui-client.js';

describe('gateway faults: bad messages get coded errors and the daemon stays up', () => {
  let daemon: DaemonProcess;
  let ui: UiClient;

  beforeAll(async () => {
    daemon = await startDaemon();
    ui = new UiClient(daemon.url);
    await ui.connected();
  }, 60_000); // the daemon may take its 45 s to be ready

  afterAll(async () => {
    ui?.close();
    expect(await daemon?.stop()).toBe(0);
  });

  it('refuses a malformed payload with GATEWAY_MALFORMED_MESSAGE', async () => {
    const ack = await ui.emit('session.start', { journey: 42 });
    expect(ack).toMatchObject({
      ok: false,
      error: { code: 'GATEWAY_MALFORMED_MESSAGE', event: 'session.start' },
    });
  });

  it('refuses an unknown event with GATEWAY_UNKNOWN_EVENT', async () => {
    expect(await ui.emit('kiosk.selfDestruct', {})).toMatchObject({
      ok: false,
      error: { code: 'GATEWAY_UNKNOWN_EVENT' },
    });
  });

  it('refuses an oversized message with GATEWAY_MESSAGE_TOO_LARGE', async () => {
    expect(await ui.emit('locale.set', { locale: 'x'.repeat(10_000) })).toMatchObject({
      ok: false,
      error: { code: 'GATEWAY_MESSAGE_TOO_LARGE' },
    });
  });

  it('refuses demo controls outside the demo profile with GATEWAY_NOT_ALLOWED', async () => {
    expect(await ui.emit('demo.card', { action: 'insert', cardId: 'zhang' })).toMatchObject({
      ok: false,
      error: { code: 'GATEWAY_NOT_ALLOWED' },
    });
  });

  it('answers a message without an acknowledgement by a gateway.error event', async () => {
    const error = new Promise<unknown>((resolve) => ui.socket.once('gateway.error', resolve));
    ui.socket.emit('session.command', { command: 'explode' });
    expect(await error).toMatchObject({ code: 'GATEWAY_MALFORMED_MESSAGE' });
  });

  it('drops a client whose message is larger than the socket buffer, and keeps serving others', async () => {
    const rogue = new UiClient(daemon.url);
    await rogue.connected();
    const dropped = new Promise<string>((resolve) => rogue.socket.once('disconnect', resolve));
    rogue.socket.emit('locale.set', { locale: 'x'.repeat(GATEWAY_SOCKET_BUFFER_BYTES) });
    // socket.io closes the transport: the client is told by its disconnect (and may reconnect)
    expect(await dropped).toBe('transport close');
    rogue.close();
    expect(await ui.emit('locale.set', { locale: 'en' })).toEqual({ ok: true });
    expect((await fetch(`${daemon.url}/health`)).status).toBe(200);
  });

  it('refuses a second session while one is in progress with SESSION_BUSY', async () => {
    expect(await ui.emit('session.start', { journey: 'balance' })).toEqual({ ok: true });
    expect(await ui.emit('session.start', { journey: 'balance' })).toMatchObject({
      ok: false,
      error: { code: 'SESSION_BUSY' },
    });
    expect(await ui.emit('session.command', { command: 'cancel' })).toEqual({ ok: true });
  });
});
