/**
 * The numbers of RULES.md reach each session from the configuration: every one a configuration
 * value with the rule's default, none a constant of the daemon.
 */
import { DevicesConfigSchema, loadConfig, type KioskConfig } from '@kiosk/config';
import { DEFAULT_CARD_MOVE_TIMEOUT_MS, DEFAULT_DISPENSER_BOUNDS, type DeviceStatus } from '@kiosk/domain';
import type { DevicesService } from '../devices/devices.service.js';
import { dispenserBoundsOf, sessionInputOf } from './session-input.js';

const PRINTER_OK: DeviceStatus = {
  kind: 'receiptPrinter',
  device: 'online',
  supplies: [{ name: 'paper', level: 'ok' }],
  driver: 'emulator',
  updatedAt: '2026-11-26T08:00:00Z',
};

/** The two devices the session's options read: the receipt printer's paper and the notes loaded. */
function devices(notesFen: readonly number[] = [10_000, 5_000], printer = PRINTER_OK): DevicesService {
  return {
    receiptPrinter: { status: () => printer },
    cardReader: { status: () => ({ ...PRINTER_OK, kind: 'cardReader', supplies: [] }) },
    cashDispenser: {
      cassettes: () =>
        notesFen.map((denominationFen) => ({
          denominationFen,
          present: true,
          count: 100,
          emptyThreshold: 0,
        })),
    },
  } as unknown as DevicesService;
}

const inputOf = (overrides: readonly string[] = [], notesFen?: readonly number[]) =>
  sessionInputOf(loadConfig({ profile: 'test', overrides }), devices(notesFen), 's-1', ['withdraw']);

describe('session input: the domain rules’ numbers from the configuration', () => {
  it('starts from the defaults of RULES.md', () => {
    const input = inputOf([], [10_000]);
    expect(input.pinLength).toBe(6);
    expect(input.timeouts).toEqual({
      stepMs: 30_000,
      warnMs: 20_000,
      cardTakeMs: 30_000,
      cardMoveMs: DEFAULT_CARD_MOVE_TIMEOUT_MS,
    });
    expect(input.journeyOptions?.identify).toEqual({ faceThreshold: 70, maxFaceTries: 3 });
    expect(input.journeyOptions?.records).toMatchObject({ printLimit: 60, screenLimit: 20 });
    expect(input.journeyOptions?.issue).toMatchObject({
      maxRetries: 2,
      makeCardMs: 300_000,
      paymentMs: 120_000,
      feeMethods: ['qr', 'account'],
    });
    expect(input.journeyOptions?.withdrawal).toMatchObject({
      rules: { singleMaxFen: 50_000, dailyMaxFen: 100_000, dailyCountMax: 2, noteFen: 10_000 },
      cashTakeMs: 30_000,
    });
  });

  it('gives the withdrawal the dispenser’s own bounds: the LCDM driver’s configured timeouts, its defaults for the emulator', () => {
    const config = loadConfig({ profile: 'test' });
    expect(dispenserBoundsOf(config)).toEqual(DEFAULT_DISPENSER_BOUNDS);
    const lcdm = {
      ...config,
      devices: {
        ...config.devices,
        cashDispenser: {
          driver: 'lcdm-serial',
          emulatedOnPseudoTerminal: true,
          dispenseTimeoutMs: 90_000,
          responseTimeoutMs: 3_000,
        },
      },
    } as unknown as KioskConfig;
    expect(dispenserBoundsOf(lcdm)).toEqual({ dispenseTimeoutMs: 90_000, responseTimeoutMs: 3_000 });
    expect(inputOf().journeyOptions?.withdrawal?.dispenserBounds).toEqual(dispenserBoundsOf(config));
  });

  it('gives the emulated dispenser the bounds an LCDM entry gets when it leaves its timeouts out', () => {
    const config = loadConfig({ profile: 'test' });
    const cassette = { denominationFen: 10_000, count: 100 };
    const { cashDispenser } = DevicesConfigSchema.parse({
      ...config.devices,
      cashDispenser: {
        driver: 'lcdm-serial',
        emulatedOnPseudoTerminal: true,
        cassettes: { upper: cassette, lower: cassette },
      },
    });
    const lcdm = { ...config, devices: { ...config.devices, cashDispenser } };
    expect(config.devices.cashDispenser.driver).toBe('emulator');
    expect(dispenserBoundsOf(config)).toEqual(dispenserBoundsOf(lcdm));
  });

  it('takes a region’s own numbers when the configuration says them', () => {
    const input = inputOf([
      'caps.singleWithdrawalFen=100000',
      'caps.withdrawalsPerDay=1',
      'faceMatch.acceptScore=80',
      'faceMatch.maxTries=2',
      'card.recordsUntilPrintRequired=50',
      'card.makingRetries=1',
      'card.recordsOnScreen=10',
      'card.replacementFeeMethods=[qr]',
    ]);
    expect(input.journeyOptions?.withdrawal?.rules).toMatchObject({
      singleMaxFen: 100_000,
      dailyCountMax: 1,
    });
    expect(input.journeyOptions?.identify).toEqual({ faceThreshold: 80, maxFaceTries: 2 });
    expect(input.journeyOptions?.records).toMatchObject({ printLimit: 50, screenLimit: 10 });
    expect(input.journeyOptions?.issue).toMatchObject({ maxRetries: 1, feeMethods: ['qr'] });
  });

  it('no paper: no records printed, and the withdrawal warns before the amount that no receipt comes', () => {
    const noPaper = { ...PRINTER_OK, supplies: [{ name: 'paper', level: 'empty' as const }] };
    const input = sessionInputOf(loadConfig({ profile: 'test' }), devices([10_000], noPaper), 's-1', [
      'withdraw',
    ]);
    expect(input.journeyOptions?.records?.printAvailable).toBe(false);
    expect(input.journeyOptions?.withdrawal?.receiptAvailable).toBe(false);
    expect(inputOf().journeyOptions?.withdrawal?.receiptAvailable).toBe(true);
  });

  it('fault: paper used up after the session began: the withdrawal reads the printer again as it offers amounts', () => {
    let printer: DeviceStatus = PRINTER_OK;
    const live = { ...devices(), receiptPrinter: { status: () => printer } } as unknown as DevicesService;
    const input = sessionInputOf(loadConfig({ profile: 'test' }), live, 's-1', ['withdraw', 'records']);
    expect(input.journeyOptions?.withdrawal?.receiptAvailable).toBe(true);
    // the records printed before "anything else?" took the last paper
    printer = { ...PRINTER_OK, supplies: [{ name: 'paper', level: 'empty' }] };
    expect(input.journeyOptions?.withdrawal?.receiptAvailableNow?.()).toBe(false);
    printer = { ...PRINTER_OK, device: 'offline' };
    expect(input.journeyOptions?.withdrawal?.receiptAvailableNow?.()).toBe(false);
    printer = PRINTER_OK;
    expect(input.journeyOptions?.withdrawal?.receiptAvailableNow?.()).toBe(true);
  });

  it('holds amounts to the smallest note loaded: 50 yuan where 50-yuan notes are in a cassette', () => {
    expect(inputOf([], [10_000, 5_000]).journeyOptions?.withdrawal?.rules.noteFen).toBe(5_000);
  });

  it('gives the withdrawal the notes held when it offers amounts, less each cassette’s reserve', () => {
    let cassettes = [
      { id: 'upper', denominationFen: 10_000, count: 200, emptyThreshold: 0, present: true },
      { id: 'lower', denominationFen: 5_000, count: 3, emptyThreshold: 2, present: true },
    ];
    const dispenser = { cassettes: () => cassettes };
    const input = sessionInputOf(
      loadConfig({ profile: 'test' }),
      { ...devices(), cashDispenser: dispenser } as unknown as DevicesService,
      's-1',
      ['withdraw'],
    );
    const cashUnits = input.journeyOptions?.withdrawal?.cashUnits;
    expect(cashUnits?.()).toEqual([
      { denominationFen: 10_000, count: 200 },
      { denominationFen: 5_000, count: 1 },
    ]);
    // counts read again when asked: a dispense since the session began, a cassette pulled out
    cassettes = [
      { id: 'upper', denominationFen: 10_000, count: 3, emptyThreshold: 0, present: true },
      { id: 'lower', denominationFen: 5_000, count: 1, emptyThreshold: 2, present: false },
    ];
    expect(cashUnits?.()).toEqual([{ denominationFen: 10_000, count: 3 }]);
  });
});
