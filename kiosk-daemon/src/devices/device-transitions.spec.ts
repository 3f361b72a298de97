/**
 * Fault: a device changing state left no line in the daemon's log (the cash dispenser read offline
 * and back, the receipt printer out of paper, a card reader gone), so a field engineer reading it
 * after a fault could not tell when. Each change is now one line, at warn for worse and info for
 * better, and a heartbeat reading the same state again says nothing. Pure: statuses in, lines out.
 */
import { describe, expect, it } from '@jest/globals';
import type { DeviceStatus, SupplyStatus } from '@kiosk/domain';
import { deviceTransition, logDeviceTransitions } from './device-transitions.js';

let beat = 0;
const status = (
  kind: DeviceStatus['kind'],
  device: DeviceStatus['device'],
  extra: { code?: string; supplies?: SupplyStatus[] } = {},
): DeviceStatus => ({
  kind,
  device,
  supplies: extra.supplies ?? [],
  ...(extra.code ? { fault: { code: extra.code, message: 'Resident 410105199001011234 ZHANG San' } } : {}),
  driver: 'emulator',
  updatedAt: new Date(Date.UTC(2026, 0, 1, 0, 0, (beat += 1))).toISOString(),
});
const paper = (level: SupplyStatus['level']): SupplyStatus[] => [{ name: 'paper', level }];

/** devices whose statuses the spec sets, told to the log as the daemon's port events would */
function watched(...initial: DeviceStatus[]) {
  let now = initial;
  let listener: ((statuses: DeviceStatus[]) => void) | undefined;
  const lines: string[] = [];
  const stop = logDeviceTransitions(
    {
      statuses: () => now,
      onAnyStatus: (l) => {
        listener = l;
        return () => (listener = undefined);
      },
    },
    { warn: (m) => lines.push(`warn ${m}`), log: (m) => lines.push(`info ${m}`) },
  );
  const read = (...next: DeviceStatus[]) => {
    now = now.map((s) => next.find((n) => n.kind === s.kind) ?? s);
    listener?.(now);
  };
  return { lines, read, stop };
}

describe('device-change-not-logged', () => {
  it('device-change-not-logged: the dispenser read offline then back is told once each, warn then info, not every heartbeat', () => {
    const { lines, read } = watched(status('cashDispenser', 'online'), status('cardReader', 'online'));
    read(status('cashDispenser', 'online'));
    read(status('cashDispenser', 'offline', { code: 'DEVICE_TIMEOUT' }));
    read(status('cashDispenser', 'offline', { code: 'DEVICE_TIMEOUT' }));
    read(status('cashDispenser', 'offline', { code: 'DEVICE_TIMEOUT' }));
    read(status('cashDispenser', 'online'));
    read(status('cashDispenser', 'online'));
    expect(lines).toEqual([
      'warn cashDispenser: online → offline, code none → DEVICE_TIMEOUT',
      'info cashDispenser: offline → online, code DEVICE_TIMEOUT → none',
    ]);
  });

  it('the receipt printer running out of paper and refilled: the supply with its levels', () => {
    const { lines, read } = watched(status('receiptPrinter', 'online', { supplies: paper('ok') }));
    read(status('receiptPrinter', 'online', { supplies: paper('low') }));
    read(status('receiptPrinter', 'userError', { code: 'PAPER_OUT', supplies: paper('empty') }));
    read(status('receiptPrinter', 'userError', { code: 'PAPER_OUT', supplies: paper('empty') }));
    read(status('receiptPrinter', 'online', { supplies: paper('ok') }));
    expect(lines).toEqual([
      'warn receiptPrinter: online, paper ok → low',
      'warn receiptPrinter: online → userError, code none → PAPER_OUT, paper low → empty',
      'info receiptPrinter: userError → online, code PAPER_OUT → none, paper empty → ok',
    ]);
  });

  it('a card reader gone, and a fault code changing while it stays down: warn, with the code', () => {
    const { lines, read } = watched(status('cardReader', 'online'));
    read(status('cardReader', 'noDevice', { code: 'DEVICE_OFFLINE' }));
    read(status('cardReader', 'noDevice', { code: 'READER_NOT_LISTED' }));
    read(status('cardReader', 'busy'));
    read(status('cardReader', 'online'));
    read(status('cardReader', 'offline'));
    expect(lines).toEqual([
      'warn cardReader: online → noDevice, code none → DEVICE_OFFLINE',
      'warn cardReader: noDevice, code DEVICE_OFFLINE → READER_NOT_LISTED',
      'info cardReader: noDevice → busy, code READER_NOT_LISTED → none',
      'warn cardReader: online → offline',
    ]);
  });

  it('a bin filling is worse, emptied by staff better; a supply that appears is told', () => {
    const bin = (level: SupplyStatus['level']) => [{ name: 'rejectBin', level }];
    const { lines, read } = watched(status('cashDispenser', 'online', { supplies: bin('ok') }));
    read(status('cashDispenser', 'online', { supplies: bin('full') }));
    read(status('cashDispenser', 'online', { supplies: bin('ok') }));
    read(status('cashDispenser', 'online', { supplies: [...bin('ok'), ...paper('empty')] }));
    expect(lines).toEqual([
      'warn cashDispenser: online, rejectBin ok → full',
      'info cashDispenser: online, rejectBin full → ok',
      'warn cashDispenser: online, paper none → empty',
    ]);
  });

  it('the states at start are not told; no fault message (personal data) reaches a line; stopped, nothing more', () => {
    const { lines, read, stop } = watched(status('idReader', 'offline', { code: 'DEVICE_OFFLINE' }));
    read(status('idReader', 'hardwareError', { code: 'DEVICE_FAULT' }));
    expect(lines).toEqual(['warn idReader: offline → hardwareError, code DEVICE_OFFLINE → DEVICE_FAULT']);
    expect(lines.join('\n')).not.toMatch(/ZHANG|4101/);
    stop();
    read(status('idReader', 'online'));
    expect(lines).toHaveLength(1);
  });

  it('only the time of the reading moved, or the device went busy at its work and back: no change', () => {
    expect(deviceTransition(status('camera', 'online'), status('camera', 'online'))).toBeUndefined();
    expect(deviceTransition(status('camera', 'online'), status('camera', 'busy'))).toBeUndefined();
    expect(deviceTransition(status('camera', 'busy'), status('camera', 'online'))).toBeUndefined();
    expect(
      deviceTransition(
        status('receiptPrinter', 'online', { supplies: paper('ok') }),
        status('receiptPrinter', 'busy', { supplies: paper('low') }),
      )?.line,
    ).toBe('receiptPrinter: online → busy, paper ok → low');
  });
});
