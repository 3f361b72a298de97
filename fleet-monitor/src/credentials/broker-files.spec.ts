import { describe, expect, it } from '@jest/globals';
import { pbkdf2Sync } from 'node:crypto';
import { brokerFiles, FleetSecretsFileSchema, mosquittoAcl, mosquittoPasswordLine } from './broker-files.js';
import { verifySecret } from './scrypt-secret.js';

describe('broker files from one secrets file', () => {
  it("writes a Mosquitto password line that PBKDF2-SHA512 of the kiosk's secret verifies", () => {
    const line = mosquittoPasswordLine('k1', 'secret-of-k1', Buffer.alloc(12, 7));
    const [user, hash] = line.split(':') as [string, string];
    const [, scheme, iterations, salt, digest] = hash.split('$');
    expect([user, scheme, iterations]).toEqual(['k1', '7', '101']);
    const expected = pbkdf2Sync('secret-of-k1', Buffer.from(salt!, 'base64'), 101, 64, 'sha512');
    expect(digest).toBe(expected.toString('base64'));
  });

  it('lets each kiosk write only its own telemetry and read only its own commands and event acks', () => {
    const acl = mosquittoAcl(['k1'], ['fleet-monitor']);
    const block = (user: string): string[] =>
      acl
        .split('\n\n')
        .find((part) => part.includes(`user ${user}\n`))!
        .split('\n')
        .filter((line) => line.startsWith('topic'));
    expect(block('k1')).toEqual([
      'topic write kiosk/k1/status',
      'topic write kiosk/k1/events',
      'topic write kiosk/k1/heartbeat',
      'topic write kiosk/k1/commands/ack',
      'topic write kiosk/k1/journal-extract',
      'topic read kiosk/k1/commands',
      'topic read kiosk/k1/events/ack',
    ]);
    expect(block('fleet-monitor')).toContain('topic write kiosk/+/commands');
    expect(block('fleet-monitor')).toContain('topic write kiosk/+/events/ack');
    expect(block('fleet-monitor')).not.toContain('topic read kiosk/+/events/ack');
    expect(block('fleet-monitor')).toContain('topic read kiosk/+/events');
  });

  it("the monitor's kiosks.json holds scrypt hashes of the same secrets, never the secrets", async () => {
    const files = brokerFiles({
      kiosks: { k1: 'secret-of-k1' },
      monitors: { 'fleet-monitor': 'monitor-secret' },
    });
    expect(files.kiosksJson).not.toContain('secret-of-k1');
    const { kiosks } = JSON.parse(files.kiosksJson) as { kiosks: Record<string, string> };
    expect(await verifySecret('secret-of-k1', kiosks['k1']!)).toBe(true);
    expect(
      files.passwd
        .split('\n')
        .filter(Boolean)
        .map((line) => line.split(':')[0]),
    ).toEqual(['fleet-monitor', 'k1']);
  });

  it("reads the fleet simulator's secrets.json (kiosks only): no monitor user yet", () => {
    expect(FleetSecretsFileSchema.parse({ kiosks: { 'sim-k0001': 'secret-of-sim-1' } })).toEqual({
      kiosks: { 'sim-k0001': 'secret-of-sim-1' },
      monitors: {},
    });
  });

  it('refuses a secrets file with a kiosk id outside the topic alphabet or a monitor named like a kiosk', () => {
    expect(
      FleetSecretsFileSchema.safeParse({ kiosks: { 'k/1': 'secret-of-k1' }, monitors: {} }).success,
    ).toBe(false);
    expect(
      FleetSecretsFileSchema.safeParse({ kiosks: { k1: 'secret-of-k1' }, monitors: { k1: 'secret-of-k1' } })
        .success,
    ).toBe(false);
  });
});
