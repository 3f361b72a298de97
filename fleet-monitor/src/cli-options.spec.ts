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

  it('refuses an empty --host', () => {
    expect(() => parseFleetMonitorArgs(['--host', ' '])).toThrow('--host expects an address to listen on');
  });
});
