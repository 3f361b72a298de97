/**
 * Staff log-in with a real journal (SQLite in a temp folder) and a fake PIN pad: a PIN is checked
 * against its hash and wiped; wrong PINs in a row lock the staff card; the journal never holds a PIN.
 * The end of a visit: log-out keeps an operator's hold, return to service releases it (ADR 0010).
 */
import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { randomBytes, scryptSync } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import type { KioskConfig } from '@kiosk/config';
import { KioskError, type DeviceStatus } from '@kiosk/domain';
import { SecurePin } from '@kiosk/device-drivers';
import type { DevicesService } from '../devices/devices.service.js';
import type { DeviceCountersService } from '../journal/device-counters.service.js';
import { sqliteJournalOptions } from '../journal/journal.data-source.js';
import { JournalService } from '../journal/journal.service.js';
import type { SessionsService } from '../sessions/sessions.service.js';
import { MAX_FAILED_LOGINS, MaintenanceService, type MaintenanceEvent } from './maintenance.service.js';

const PIN = '246810';

function hashOf(pin: string): string {
  const salt = randomBytes(16);
  return `scrypt$${salt.toString('base64')}$${scryptSync(pin, salt, 32).toString('base64')}`;
}

let dir: string;
let db: DataSource;
let journal: JournalService;
let config: KioskConfig;
let typed: SecurePin[];
let nextPin: string;
let statuses: DeviceStatus[];
let printed: unknown[];
let sessions: {
  sessionInProgress: boolean;
  operatorHold: string | null;
  enterMaintenance: jest.Mock;
  exitMaintenance: jest.Mock;
  exitMaintenanceToService: jest.Mock;
};

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'maintenance-'));
  config = {
    kiosk: { id: 'JZ-0001' },
    journal: { path: join(dir, 'journal.sqlite'), retentionDays: 30 },
    maintenance: {
      staff: [{ id: 'FS-0001', role: 'engineer', pinHash: hashOf(PIN) }],
      pinLength: 6,
      sessionMs: 1_800_000,
    },
  } as unknown as KioskConfig;
  db = new DataSource(sqliteJournalOptions(join(dir, 'journal.sqlite')));
  await db.initialize();
  journal = new JournalService(db, config);
  await journal.onModuleInit();
  typed = [];
  nextPin = PIN;
  statuses = [];
  printed = [];
  sessions = {
    sessionInProgress: false,
    operatorHold: null,
    enterMaintenance: jest.fn(),
    exitMaintenance: jest.fn(),
    exitMaintenanceToService: jest.fn(),
  };
});
afterEach(async () => {
  await db.destroy();
  rmSync(dir, { recursive: true, force: true });
});

function service(): MaintenanceService {
  const pinPad = {
    collectPin: async () => {
      const pin = SecurePin.fromKeys([...nextPin].map(Number));
      typed.push(pin);
      return { result: 'entered' as const, pin };
    },
  };
  return new MaintenanceService(
    sessions as unknown as SessionsService,
    {
      pinPad,
      statuses: () => statuses,
      receiptPrinter: { print: (receipt: unknown) => Promise.resolve(void printed.push(receipt)) },
    } as unknown as DevicesService,
    journal,
    {} as DeviceCountersService,
    config,
  );
}

describe('staff log-in', () => {
  it('right PIN: in maintenance with a token; every typed PIN is wiped and the journal holds none', async () => {
    const maintenance = service();
    const visit = await maintenance.logIn('FS-0001');
    expect(visit).toMatchObject({ staffId: 'FS-0001', role: 'engineer' });
    expect(sessions.enterMaintenance).toHaveBeenCalledTimes(1);
    expect(maintenance.visitOf(visit.token)).toMatchObject({ staffId: 'FS-0001' });
    await maintenance.logOut(visit.token);
    expect(sessions.exitMaintenance).toHaveBeenCalledTimes(1);
    expect(typed.every((pin) => pin.wiped)).toBe(true);
    await db.destroy();
    const files = readdirSync(dir).filter((name) => name.startsWith('journal.sqlite'));
    for (const name of files) expect(readFileSync(join(dir, name)).toString('latin1')).not.toContain(PIN);
    await db.initialize();
  });

  it('unknown staff card: refused like a wrong PIN, the PIN still taken and wiped', async () => {
    await expect(service().logIn('FS-0999')).rejects.toMatchObject({ code: 'STAFF_LOGIN_FAILED' });
    expect(typed).toHaveLength(1);
    expect(typed[0]?.wiped).toBe(true);
    expect(sessions.exitMaintenance).toHaveBeenCalledTimes(1);
  });

  it(`${MAX_FAILED_LOGINS} wrong PINs in a row: the staff card is refused without asking for a PIN, even the right one`, async () => {
    const maintenance = service();
    nextPin = '111111';
    for (let i = 0; i < MAX_FAILED_LOGINS; i++)
      await expect(maintenance.logIn('FS-0001')).rejects.toMatchObject({ code: 'STAFF_LOGIN_FAILED' });
    nextPin = PIN;
    await expect(maintenance.logIn('FS-0001')).rejects.toMatchObject({ code: 'STAFF_LOGIN_FAILED' });
    expect(typed).toHaveLength(MAX_FAILED_LOGINS);
    expect(sessions.enterMaintenance).toHaveBeenCalledTimes(MAX_FAILED_LOGINS);
  });

  it('a resident’s session begun while the log-in opened its transaction: refused SESSION_BUSY, the kiosk never taken into maintenance, no PIN asked', async () => {
    const open = journal.openTransaction.bind(journal);
    jest.spyOn(journal, 'openTransaction').mockImplementationOnce(async (...args) => {
      const id = await open(...args);
      sessions.sessionInProgress = true; // the resident's start landed meanwhile
      return id;
    });
    await expect(service().logIn('FS-0001')).rejects.toMatchObject({ code: 'SESSION_BUSY' });
    expect(sessions.enterMaintenance).not.toHaveBeenCalled();
    expect(typed).toHaveLength(0);
    const day = new Date().toISOString().slice(0, 10);
    const [visit] = await journal.exportRange(day, day);
    expect(visit?.transaction).toMatchObject({ outcome: 'rejected', errorCode: 'SESSION_BUSY' });
  });

  it('a resident in a session: refused with SESSION_BUSY before anything happens', async () => {
    sessions.sessionInProgress = true;
    await expect(service().logIn('FS-0001')).rejects.toMatchObject({ code: 'SESSION_BUSY' });
    expect(sessions.enterMaintenance).not.toHaveBeenCalled();
    expect(typed).toHaveLength(0);
  });
});

describe('a log-in whose step the journal refuses', () => {
  it.each([
    ['right PIN', PIN],
    ['wrong PIN', '111111'],
  ])(
    '%s: the kiosk leaves maintenance again (nobody is logged in to end it) and the next log-in goes on',
    async (_, pin) => {
      const maintenance = service();
      nextPin = pin;
      const refused = new KioskError('JOURNAL_WRITE_FAILED', 'The journal could not be written.');
      const write = jest.spyOn(journal, 'recordStep').mockRejectedValueOnce(refused);
      await expect(maintenance.logIn('FS-0001')).rejects.toMatchObject({ code: 'JOURNAL_WRITE_FAILED' });
      write.mockRestore();
      expect(sessions.enterMaintenance).toHaveBeenCalledTimes(1);
      expect(sessions.exitMaintenance).toHaveBeenCalledTimes(1);
      nextPin = PIN;
      const visit = await maintenance.logIn('FS-0001');
      expect(maintenance.visitOf(visit.token)).toMatchObject({ staffId: 'FS-0001' });
    },
  );
});

describe('the self test from the staff screen', () => {
  it('a device not working: the answer names it and its fault, as the journal does (the staff screen says it)', async () => {
    statuses = [
      { kind: 'receiptPrinter', device: 'online', supplies: [] },
      { kind: 'camera', device: 'noDevice', supplies: [] },
      {
        kind: 'cardPrinter',
        device: 'userError',
        supplies: [],
        fault: { code: 'CARD_PRINTER_COVER_OPEN', message: 'cover open' },
      },
    ] as unknown as DeviceStatus[];
    const maintenance = service();
    const visit = await maintenance.logIn('FS-0001');
    expect(await maintenance.selfTest(visit.token)).toMatchObject({
      passed: false,
      failed: { device: 'cardPrinter', code: 'CARD_PRINTER_COVER_OPEN' },
    });
    statuses = statuses.slice(0, 2);
    expect(await maintenance.selfTest(visit.token)).toMatchObject({ passed: true, failed: null });
  });

  it('a resident’s session beside the visit: the self test and the test receipt are refused SESSION_BUSY, nothing printed or journaled', async () => {
    const maintenance = service();
    const visit = await maintenance.logIn('FS-0001');
    sessions.sessionInProgress = true;
    await expect(maintenance.testReceipt(visit.token)).rejects.toMatchObject({ code: 'SESSION_BUSY' });
    await expect(maintenance.selfTest(visit.token)).rejects.toMatchObject({ code: 'SESSION_BUSY' });
    expect(printed).toEqual([]);
    const day = new Date().toISOString().slice(0, 10);
    const [steps] = (await journal.exportRange(day, day)).map((t) => t.steps.map((step) => step.step));
    expect(steps).toEqual(['maintenance.login']);
    sessions.sessionInProgress = false;
    expect(await maintenance.testReceipt(visit.token)).toEqual({ printed: true });
    expect(printed).toHaveLength(1);
  });
});

describe('the end of a visit and an operator hold', () => {
  const holdFile = () => join(dir, 'fleet-hold.json');
  const keepHold = () => {
    sessions.operatorHold = 'REMOTE_OUT_OF_SERVICE';
    writeFileSync(
      holdFile(),
      JSON.stringify({ reason: 'REMOTE_OUT_OF_SERVICE', commandId: 'c-1', at: new Date().toISOString() }),
    );
  };
  const lastVisitSteps = async () => {
    const day = new Date().toISOString().slice(0, 10);
    const visits = (await journal.exportRange(day, day)).filter(
      (t) => t.transaction.journey === 'maintenance',
    );
    return visits
      .at(-1)!
      .steps.map((step) => ({ step: step.step, detail: JSON.parse(step.detail ?? 'null') }));
  };

  it('log-out keeps the hold: the kiosk is told to exit maintenance only, the kept hold stays for restarts', async () => {
    keepHold();
    const maintenance = service();
    const visit = await maintenance.logIn('FS-0001');
    await maintenance.logOut(visit.token);
    expect(sessions.exitMaintenance).toHaveBeenCalledTimes(1);
    expect(sessions.exitMaintenanceToService).not.toHaveBeenCalled();
    expect(existsSync(holdFile())).toBe(true);
  });

  it('return to service releases the hold: journaled and reported with who released it, the kept hold gone', async () => {
    keepHold();
    const maintenance = service();
    const events: MaintenanceEvent[] = [];
    maintenance.on('action', (event) => events.push(event));
    const visit = await maintenance.logIn('FS-0001');
    expect(await maintenance.returnToService(visit.token)).toEqual({ releasedHold: 'REMOTE_OUT_OF_SERVICE' });
    expect(sessions.exitMaintenanceToService).toHaveBeenCalledTimes(1);
    expect(sessions.exitMaintenance).not.toHaveBeenCalled();
    expect(existsSync(holdFile())).toBe(false);
    expect(events).toContainEqual({
      action: 'returnToService',
      staffId: 'FS-0001',
      code: 'REMOTE_OUT_OF_SERVICE',
    });
    expect(await lastVisitSteps()).toEqual([
      { step: 'maintenance.login', detail: { staffId: 'FS-0001', role: 'engineer' } },
      {
        step: 'maintenance.returnToService',
        detail: { staffId: 'FS-0001', releasedHold: 'REMOTE_OUT_OF_SERVICE' },
      },
      { step: 'maintenance.logout', detail: { why: 'returnToService' } },
    ]);
    // the visit is over: the token no longer works
    expect(() => maintenance.visitOf(visit.token)).toThrow(
      expect.objectContaining({ code: 'STAFF_NOT_LOGGED_IN' }),
    );
  });

  it('return to service without a hold: the visit ends as a log-out would, reported without a code', async () => {
    const maintenance = service();
    const events: MaintenanceEvent[] = [];
    maintenance.on('action', (event) => events.push(event));
    const visit = await maintenance.logIn('FS-0001');
    expect(await maintenance.returnToService(visit.token)).toEqual({ releasedHold: null });
    expect(events).toContainEqual({ action: 'returnToService', staffId: 'FS-0001' });
  });

  it('return to service without a visit: STAFF_NOT_LOGGED_IN, the hold untouched', async () => {
    keepHold();
    const maintenance = service();
    await maintenance.logIn('FS-0001');
    await expect(maintenance.returnToService('not-the-token')).rejects.toMatchObject({
      code: 'STAFF_NOT_LOGGED_IN',
    });
    expect(sessions.exitMaintenanceToService).not.toHaveBeenCalled();
    expect(existsSync(holdFile())).toBe(true);
  });
});
