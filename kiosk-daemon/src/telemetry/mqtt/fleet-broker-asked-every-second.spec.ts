/**
 * Fault: a fleet broker that stayed away was asked again every second, for good, and each failed
 * try said 'fleet broker unreachable' in the kiosk's log. The kiosk's MQTT client had one fixed
 * reconnect period (1 s). Now its tries back off (reconnect-backoff.ts): the first after
 * `reconnectPeriodMs`, then twice as long while the broker does not answer, up to
 * `maxReconnectPeriodMs`; a connection that held as long as the bound starts it over (one dropped at
 * once keeps backing off). The publisher against a port where nothing
 * listens (real sockets; each wait at least as long as the backoff says, as a timer never fires
 * early), and the backoff's hold on the client's period on a stand-in client.
 */
import { EventEmitter } from 'node:events';
import { createServer } from 'node:net';
import { afterEach, describe, expect, it, jest } from '@jest/globals';
import type { MqttClient } from 'mqtt';
import { FleetPublisher } from './fleet-publisher.js';
import { backOffReconnects } from './reconnect-backoff.js';

/** A loopback port where nothing listens: a broker down. */
async function deadPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

let kiosk: FleetPublisher | undefined;

afterEach(async () => {
  await kiosk?.stop();
  kiosk = undefined;
});

describe('a fleet broker that stays away is asked again with backoff', () => {
  it('fault: fleet broker down for long: asked after 100, 200, 400 ms and at the 400 ms bound, not every 100 ms', async () => {
    const port = await deadPort();
    kiosk = new FleetPublisher({
      url: `mqtt://127.0.0.1:${port}`,
      kioskId: 'k1',
      password: 'secret-1',
      version: '0.1.0-test',
      onCommand: () => ({ result: 'done' }),
      reconnectPeriodMs: 100,
      maxReconnectPeriodMs: 400,
    });
    const lost: number[] = [];
    const sixTries = new Promise<void>((resolve) =>
      kiosk!.on('disconnected', () => {
        lost.push(performance.now());
        if (lost.length === 6) resolve();
      }),
    );
    kiosk.start();
    await sixTries;
    const gaps = lost.slice(1).map((at, i) => Math.round(at - (lost[i] ?? at)));
    // each wait about as long as the backoff says, not to the millisecond: a timer is due its wait
    // after the event loop's clock as it was set, which on a busy machine lags the moment seen
    // here by however long that turn of the loop ran, so one late sighting shortens the gap after
    // it (half a wait seen at a load of 30). The waits together are read more closely: a timer
    // never fires early, so only the first sighting's lag comes off their sum (1,500 ms; a fixed
    // 100 ms period makes 500). Half of each wait still tells 200 and 400 from a fixed 100.
    const waits = [100, 200, 400, 400, 400];
    expect(gaps.map((gap, i) => gap >= (waits[i] ?? 0) * 0.5)).toEqual(waits.map(() => true));
    const sum = (list: number[]) => list.reduce((a, b) => a + b, 0);
    expect(sum(gaps)).toBeGreaterThanOrEqual(sum(waits) * 0.8);
  });

  it("the backoff sets each try's wait as the connection closes, and starts over once a connection held for the bound", () => {
    jest.useFakeTimers();
    try {
      const client = Object.assign(new EventEmitter(), { options: { reconnectPeriod: 100 } });
      backOffReconnects(client as unknown as MqttClient, {
        reconnectPeriodMs: 100,
        maxReconnectPeriodMs: 400,
      });
      const periods: (number | undefined)[] = [];
      client.on('close', () => periods.push(client.options.reconnectPeriod)); // as the client's own listener
      client.emit('close');
      client.emit('close');
      client.emit('close');
      client.emit('connect');
      jest.advanceTimersByTime(400); // connected as long as the bound
      client.emit('close');
      expect(periods).toEqual([100, 200, 400, 100]);
    } finally {
      jest.useRealTimers();
    }
  });

  it('fault: broker that takes the connection and drops it at once: the waits keep backing off, not the first wait forever', () => {
    jest.useFakeTimers();
    try {
      const client = Object.assign(new EventEmitter(), { options: { reconnectPeriod: 100 } });
      backOffReconnects(client as unknown as MqttClient, {
        reconnectPeriodMs: 100,
        maxReconnectPeriodMs: 400,
      });
      const periods: (number | undefined)[] = [];
      client.on('close', () => periods.push(client.options.reconnectPeriod));
      for (let i = 0; i < 5; i += 1) {
        client.emit('connect');
        jest.advanceTimersByTime(10); // dropped 10 ms after it was taken
        client.emit('close');
      }
      expect(periods).toEqual([100, 200, 400, 400, 400]);
    } finally {
      jest.useRealTimers();
    }
  });

  it('without a bound given, the waits stop at the domain bound of 60 s', () => {
    const client = Object.assign(new EventEmitter(), { options: { reconnectPeriod: 1000 } });
    backOffReconnects(client as unknown as MqttClient, {});
    for (let i = 0; i < 10; i += 1) client.emit('close');
    expect(client.options.reconnectPeriod).toBe(60_000);
  });
});
