import { describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { readCommand } from './command-reading.js';

const base = () => ({
  id: randomUUID(),
  kioskId: 'k1',
  issuedAt: new Date().toISOString(),
  issuedBy: 'zhang',
});

describe('readCommand: the kiosk and the simulator read commands by one rule (ADR 0018)', () => {
  it('reads a command of this release for this kiosk', () => {
    const command = { ...base(), type: 'restart' };
    expect(readCommand(JSON.stringify(command), 'k1')).toEqual({ ok: true, command });
  });

  it("a newer monitor's command of a type this release does not know: TELEMETRY_COMMAND_UNKNOWN with its id", () => {
    const newer = { ...base(), type: 'reloadConfig', profile: 'night' };
    expect(readCommand(JSON.stringify(newer), 'k1')).toEqual({
      ok: false,
      code: 'TELEMETRY_COMMAND_UNKNOWN',
      commandId: newer.id,
    });
  });

  it('a known type with a field this release does not know: TELEMETRY_COMMAND_MALFORMED, never run half-understood', () => {
    const withNewField = { ...base(), type: 'inService', after: '2026-01-01T00:00:00.000Z' };
    expect(readCommand(JSON.stringify(withNewField), 'k1')).toEqual({
      ok: false,
      code: 'TELEMETRY_COMMAND_MALFORMED',
      commandId: withNewField.id,
    });
  });

  it('no JSON, no type, or an id not of its form: TELEMETRY_COMMAND_MALFORMED without an id to answer', () => {
    expect(readCommand('{"type":"restart"', 'k1')).toEqual({
      ok: false,
      code: 'TELEMETRY_COMMAND_MALFORMED',
    });
    expect(readCommand(JSON.stringify({ ...base(), type: 7 }), 'k1')).toMatchObject({
      code: 'TELEMETRY_COMMAND_MALFORMED',
    });
    expect(readCommand(JSON.stringify({ ...base(), id: 'x', type: 'restart' }), 'k1')).toEqual({
      ok: false,
      code: 'TELEMETRY_COMMAND_MALFORMED',
    });
  });

  it('a command for another kiosk: TELEMETRY_COMMAND_FOR_OTHER_KIOSK', () => {
    const foreign = { ...base(), kioskId: 'k2', type: 'restart' };
    expect(readCommand(JSON.stringify(foreign), 'k1')).toEqual({
      ok: false,
      code: 'TELEMETRY_COMMAND_FOR_OTHER_KIOSK',
      commandId: foreign.id,
    });
  });
});
