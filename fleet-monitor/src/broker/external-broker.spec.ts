/** The external broker's client options: the session a crashed monitor leaves behind is short by default. */
import { describe, expect, it } from '@jest/globals';
import {
  brokerClientOptions,
  DEFAULT_SESSION_EXPIRY_S,
  ExternalBroker,
  type ExternalBrokerConfig,
} from './external-broker.js';

const config: ExternalBrokerConfig = {
  url: 'mqtt://127.0.0.1:1883',
  username: 'fleet-monitor',
  password: 'secret',
  clientId: 'fleet-monitor-a',
  shareGroup: 'fleet-monitor',
};
const noTelemetry = (): Promise<void> => Promise.resolve();

describe('ExternalBroker options', () => {
  it('a persistent MQTT v5 session that expires 30 s after a crash unless told otherwise', () => {
    expect(DEFAULT_SESSION_EXPIRY_S).toBe(30);
    expect(brokerClientOptions(config)).toMatchObject({
      protocolVersion: 5,
      clean: false,
      clientId: 'fleet-monitor-a',
      properties: { sessionExpiryInterval: 30 },
      resubscribe: false,
    });
    expect(brokerClientOptions({ ...config, sessionExpiryS: 0 }).properties).toEqual({
      sessionExpiryInterval: 0,
    });
    expect(brokerClientOptions({ ...config, sessionExpiryS: 600 }).properties).toEqual({
      sessionExpiryInterval: 600,
    });
  });

  it('a session expiry that is not whole seconds up to a day is refused at construction', () => {
    for (const sessionExpiryS of [-1, 1.5, 86_401, Number.NaN])
      expect(() => new ExternalBroker({ ...config, sessionExpiryS }, noTelemetry)).toThrow(
        'session expiry: whole seconds 0–86400',
      );
    expect(() => new ExternalBroker({ ...config, sessionExpiryS: 86_400 }, noTelemetry)).not.toThrow();
  });
});
