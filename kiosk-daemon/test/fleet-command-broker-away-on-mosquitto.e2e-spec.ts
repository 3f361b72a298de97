/**
 * A fleet operator's command to a kiosk while Mosquitto is away (broker-outage-stack: a real
 * Mosquitto, two fleet monitors, one PostgreSQL database). The first test gates the kiosk off a
 * Mosquitto that is down; the second freezes Mosquitto (its connections stay open, as when a link
 * goes silent or the broker has just died), so the monitor's client still thinks it is connected.
 * Either way sending the command must not wait for the broker, and the kiosk runs it once when
 * Mosquitto is back. With CI=true a missing Mosquitto or PostgreSQL fails the suite.
 */
import { expect, it } from '@jest/globals';
import { once } from 'node:events';
import { ExternalBroker } from '@kiosk/fleet-monitor';
import { eventually } from '@kiosk/domain/testing';
import { describeOnExternalStack } from '../../fleet-monitor/src/testing/external-stack-suite.js';
import { outageStack, within } from './broker-outage-stack.js';

describeOnExternalStack('fleet commands while Mosquitto is away', (stack) => {
  const s = outageStack(stack);

  /** The kiosk JZ-0001 connected (on `url`, Mosquitto's own unless given); `received`: the ids of the commands it ran. */
  async function connectedKiosk(url?: string) {
    const received: string[] = [];
    const kiosk = s.kiosk({
      ...(url === undefined ? {} : { url }),
      onCommand: (command) => {
        received.push(command.id);
        return { result: 'done' };
      },
    });
    const connected = once(kiosk, 'connected');
    kiosk.start();
    await within('the kiosk is connected', connected);
    return { kiosk, received };
  }

  it('a command sent while Mosquitto is down: the operator is not kept waiting, the kiosk runs it once it is back', async () => {
    const gate = await s.gate();
    const { kiosk, received } = await connectedKiosk(gate.url);

    const disconnected = once(kiosk, 'disconnected');
    gate.open = false;
    await within('Mosquitto has stopped', s.broker.stop(), 10_000);
    await within('the kiosk sees Mosquitto gone', disconnected);
    const [a, b] = s.monitors;
    const command = await within(
      'the command is sent with Mosquitto down',
      a.sendCommand('JZ-0001', { type: 'runSelfTest' }, 'ops'),
    );
    // answered within 5 s while Mosquitto stays away: not kept waiting until it is back
    expect((await b.store.commands('JZ-0001'))[0]).toMatchObject({ id: command.id, result: null });

    const before = s.subscriptions();
    await within('Mosquitto has started', s.broker.start(), 15_000);
    await eventually(
      () => s.subscriptions().every((count, i) => count > before[i]!),
      'both monitors subscribe again',
      { withinMs: 10_000 },
    );
    gate.open = true;
    await eventually(
      async () => (await b.store.commands('JZ-0001')).find((row) => row.id === command.id)?.result === 'done',
      'the kiosk acknowledges the command',
      { withinMs: 15_000 },
    );
    expect(received).toEqual([command.id]);
  });

  it('a command sent while Mosquitto does not answer and the monitor still thinks it is connected: the operator is not kept waiting, the kiosk runs it once Mosquitto answers', async () => {
    const { received } = await connectedKiosk();
    const [a, b] = s.monitors;
    await eventually(() => (a.broker as ExternalBroker).connected, 'the monitor is connected', {
      withinMs: 10_000,
    });

    s.broker.freeze();
    const command = await within(
      'the command is sent with Mosquitto not answering',
      a.sendCommand('JZ-0001', { type: 'runSelfTest' }, 'ops'),
    );
    // answered within 5 s while Mosquitto stays away: not kept waiting until it is back
    expect((a.broker as ExternalBroker).connected).toBe(true);
    expect((await b.store.commands('JZ-0001')).find((row) => row.id === command.id)?.result).toBeNull();

    s.broker.thaw();
    await eventually(
      async () => (await b.store.commands('JZ-0001')).find((row) => row.id === command.id)?.result === 'done',
      'the kiosk acknowledges the command',
      { withinMs: 15_000 },
    );
    expect(received).toEqual([command.id]);
  });
});
