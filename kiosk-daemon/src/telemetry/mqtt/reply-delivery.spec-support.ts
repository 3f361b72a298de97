/**
 * ReplyDelivery alone, on a stand-in MQTT client that records what it publishes (reply-delivery,
 * done-ack-dropped-by-the-monitors-ack-of-a-not-run-answer): the client, a delivery on it, a
 * command's ack, and a monitor's ack naming command ids.
 */
import { beforeEach } from '@jest/globals';
import type { MqttClient } from 'mqtt';
import type { CommandAck } from '@kiosk/fleet-monitor/contract';
import { ReplyDelivery, type ReplyDeliveryOptions } from './reply-delivery.js';

export const at = '2026-11-27T01:00:00.000Z';

/**
 * What the stand-in client published (by topic and command id, and each body as sent), and whether
 * it is connected; reset before each test.
 */
export const link: {
  published: { topic: string; commandId: string }[];
  bodies: Record<string, unknown>[];
  client: { connected: boolean; publish: MqttClient['publish'] };
} = { published: [], bodies: [], client: { connected: true, publish: (() => undefined) as never } };

beforeEach(() => {
  link.published = [];
  link.bodies = [];
  link.client = {
    connected: true,
    publish: ((topic: string, payload: string, _options: unknown, done?: (error?: Error) => void) => {
      const body = JSON.parse(payload) as { commandId: string };
      link.published.push({ topic, commandId: body.commandId });
      link.bodies.push(body);
      done?.();
    }) as unknown as MqttClient['publish'],
  };
});

export function delivery(options: Partial<ReplyDeliveryOptions> = {}): ReplyDelivery {
  return new ReplyDelivery({
    kioskId: 'k1',
    client: () => link.client as unknown as MqttClient,
    ackTimeoutMs: 60_000,
    ...options,
  });
}

export const ackOf = (commandId: string, answer: Partial<CommandAck> = {}): CommandAck => ({
  commandId,
  kioskId: 'k1',
  result: 'done',
  at,
  ...answer,
});

export const monitorAck = (of: string | undefined, ids: string[], kioskId = 'k1'): Buffer =>
  Buffer.from(JSON.stringify({ kioskId, ...(of && { of }), ids, at }));
