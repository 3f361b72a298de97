import { describe, expect, it } from '@jest/globals';
import { parseFleetMonitorArgs, UsageError } from './cli-options.js';

describe('parseFleetMonitorArgs', () => {
  it('defaults to 127.0.0.1:8090', () => {
    expect(parseFleetMonitorArgs([])).toEqual({ port: 8090, host: '127.0.0.1' });
  });

  it('takes --port and --host, in both spellings', () => {
    expect(parseFleetMonitorArgs(['--port', '0', '--host=::1'])).toEqual({ port: 0, host: '::1' });
    expect(parseFleetMonitorArgs(['--port=9000'])).toEqual({ port: 9000, host: '127.0.0.1' });
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
