import { describe, expect, it } from '@jest/globals';
import { parseFleetMonitorArgs, UsageError } from './cli-options.js';

describe('parseFleetMonitorArgs', () => {
  it('defaults to 127.0.0.1:8090, MQTT on 1883 and a SQLite file under var/', () => {
    expect(parseFleetMonitorArgs([])).toEqual({
      port: 8090,
      host: '127.0.0.1',
      mqttPort: 1883,
      db: 'var/fleet-monitor.sqlite',
    });
  });

  it('takes --port and --host, in both spellings', () => {
    expect(parseFleetMonitorArgs(['--port', '0', '--host=::1'])).toMatchObject({ port: 0, host: '::1' });
    expect(parseFleetMonitorArgs(['--port=9000'])).toMatchObject({ port: 9000, host: '127.0.0.1' });
  });

  it('takes the broker port, the database and the two credential files', () => {
    expect(
      parseFleetMonitorArgs([
        '--mqtt-port',
        '0',
        '--db',
        ':memory:',
        '--kiosks',
        'k.json',
        '--operators=o.json',
      ]),
    ).toEqual({
      port: 8090,
      host: '127.0.0.1',
      mqttPort: 0,
      db: ':memory:',
      kiosksFile: 'k.json',
      operatorsFile: 'o.json',
    });
  });

  it('refuses a bad --mqtt-port and an empty --kiosks', () => {
    expect(() => parseFleetMonitorArgs(['--mqtt-port', '99999'])).toThrow('--mqtt-port expects a number');
    expect(() => parseFleetMonitorArgs(['--kiosks', ''])).toThrow('--kiosks expects a path');
  });

  it.each([['eighty'], ['-1'], ['70000'], ['1e3'], ['']])('refuses --port %j', (port) => {
    expect(() => parseFleetMonitorArgs(['--port', port])).toThrow(UsageError);
  });

  it('refuses an unknown option', () => {
    expect(() => parseFleetMonitorArgs(['--prot', '1'])).toThrow(UsageError);
  });

  it('takes an external broker with its user, password file, client id and share group', () => {
    expect(
      parseFleetMonitorArgs([
        '--db',
        'postgres://fleet@db.example:5432/fleet',
        '--broker',
        'mqtt://broker.example:1883',
        '--broker-user',
        'fleet-monitor',
        '--broker-password-file',
        'monitor.password',
        '--broker-client-id',
        'fleet-monitor-a',
        '--share-group',
        'hall-monitors',
        '--broker-session-expiry',
        '120',
      ]),
    ).toMatchObject({
      db: 'postgres://fleet@db.example:5432/fleet',
      broker: {
        url: 'mqtt://broker.example:1883',
        username: 'fleet-monitor',
        passwordFile: 'monitor.password',
        clientId: 'fleet-monitor-a',
        shareGroup: 'hall-monitors',
        sessionExpiryS: 120,
      },
    });
  });

  it('--broker-session-expiry: whole seconds up to a day, left to the default when absent', () => {
    const broker = ['--broker', 'mqtt://b:1883', '--broker-user', 'x', '--broker-password-file', 'p'];
    expect(parseFleetMonitorArgs(broker).broker).not.toHaveProperty('sessionExpiryS');
    expect(parseFleetMonitorArgs([...broker, '--broker-session-expiry', '0']).broker?.sessionExpiryS).toBe(0);
    for (const bad of ['1.5', '30s', '', '86401', '99999'])
      expect(() => parseFleetMonitorArgs([...broker, '--broker-session-expiry', bad])).toThrow(
        '--broker-session-expiry expects whole seconds 0–86400',
      );
    expect(() => parseFleetMonitorArgs(['--broker-session-expiry', '30'])).toThrow(
      '--broker-session-expiry goes with --broker URL',
    );
  });

  it('--command-expiry: whole seconds from 10 to a week, left to the monitor when absent', () => {
    expect(parseFleetMonitorArgs([])).not.toHaveProperty('commandExpiryS');
    expect(parseFleetMonitorArgs(['--command-expiry', '3600']).commandExpiryS).toBe(3600);
    for (const bad of ['9', '604801', '1.5', '1h', ''])
      expect(() => parseFleetMonitorArgs(['--command-expiry', bad])).toThrow(
        '--command-expiry expects whole seconds 10–604800',
      );
  });

  it('refuses --broker without its user or password file, and broker options without --broker', () => {
    expect(() => parseFleetMonitorArgs(['--broker', 'mqtt://b:1883'])).toThrow(
      '--broker needs --broker-user NAME and --broker-password-file FILE',
    );
    expect(() => parseFleetMonitorArgs(['--broker-user', 'x'])).toThrow(
      '--broker-user goes with --broker URL',
    );
    expect(() =>
      parseFleetMonitorArgs(['--broker', 'http://b', '--broker-user', 'x', '--broker-password-file', 'p']),
    ).toThrow('--broker expects mqtt://host:port');
    expect(() =>
      parseFleetMonitorArgs([
        '--broker',
        'mqtt://b:1883',
        '--broker-user',
        'x',
        '--broker-password-file',
        'p',
        '--share-group',
        'a/b',
      ]),
    ).toThrow('--share-group expects');
  });

  it('refuses an empty --host', () => {
    expect(() => parseFleetMonitorArgs(['--host', ' '])).toThrow('--host expects an address to listen on');
  });
});
