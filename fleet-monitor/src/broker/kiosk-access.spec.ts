import { beforeAll, describe, expect, it } from '@jest/globals';
import { hashSecret } from '../credentials/scrypt-secret.js';
import { KioskAccess } from './kiosk-access.js';

let access: KioskAccess;
beforeAll(() => {
  access = new KioskAccess(
    new Map([
      ['k1', hashSecret('secret-1')],
      ['k2', hashSecret('secret-2')],
    ]),
  );
});

describe('kiosk access', () => {
  it('lets a kiosk in with its own id and password', async () => {
    expect(await access.authenticate('k1', 'k1', Buffer.from('secret-1'))).toBe(true);
  });

  it('forged credentials: refuses a wrong password, an unknown kiosk and a missing password', async () => {
    expect(await access.authenticate('k1', 'k1', Buffer.from('secret-2'))).toBe('badCredentials');
    expect(await access.authenticate('k9', 'k9', Buffer.from('secret-1'))).toBe('badCredentials');
    expect(await access.authenticate('k1', 'k1', undefined)).toBe('badCredentials');
  });

  it("refuses a kiosk that logs in under its own name with another kiosk's client id", async () => {
    expect(await access.authenticate('k2', 'k1', Buffer.from('secret-1'))).toBe('clientIdMismatch');
  });

  it('lets a kiosk publish status, events, heartbeats and acks under its own topics only', () => {
    for (const channel of ['status', 'events', 'heartbeat', 'commands/ack'])
      expect(access.mayPublish('k1', `kiosk/k1/${channel}`)).toBe(true);
    expect(access.mayPublish('k1', 'kiosk/k2/status')).toBe('topicNotOwn');
    expect(access.mayPublish('k1', 'kiosk/k1/elsewhere')).toBe('topicNotOwn');
  });

  it('refuses a kiosk publishing commands, even to itself', () => {
    expect(access.mayPublish('k1', 'kiosk/k1/commands')).toBe('channelNotAllowed');
    expect(access.mayPublish('k1', 'kiosk/k2/commands')).toBe('topicNotOwn');
  });

  it('lets a kiosk subscribe to its own commands and event acks and nothing else', () => {
    expect(access.maySubscribe('k1', 'kiosk/k1/commands')).toBe(true);
    expect(access.maySubscribe('k1', 'kiosk/k1/events/ack')).toBe(true);
    for (const filter of [
      'kiosk/k2/commands',
      'kiosk/+/commands',
      'kiosk/k2/events/ack',
      'kiosk/+/events/ack',
      'kiosk/k1/events/+',
      'kiosk/#',
      '#',
      'kiosk/k1/status',
    ])
      expect(access.maySubscribe('k1', filter)).toBe('topicNotOwn');
  });

  it('refuses a kiosk forging event acks, even its own', () => {
    expect(access.mayPublish('k1', 'kiosk/k1/events/ack')).toBe('channelNotAllowed');
    expect(access.mayPublish('k1', 'kiosk/k2/events/ack')).toBe('topicNotOwn');
  });

  it('lets the monitor itself (no client) publish commands', () => {
    expect(access.mayPublish(null, 'kiosk/k2/commands')).toBe(true);
  });
});
