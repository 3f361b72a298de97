/**
 * The fleet's commands on the kiosk, with a real journal (SQLite in a temp folder) and fakes of
 * the sessions and devices: each command is journaled before it acts; refusals carry codes.
 */
import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import type { KioskConfig } from '@kiosk/config';
import type { DeviceStatus } from '@kiosk/domain';
import type { Command } from '@kiosk/fleet-monitor/contract';
import type { DevicesService } from '../../devices/devices.service.js';
import { sqliteJournalOptions } from '../../journal/journal.data-source.js';
import { JournalService } from '../../journal/journal.service.js';
import type { SessionsService } from '../../sessions/sessions.service.js';
import { DaemonRestart } from './daemon-restart.js';
import { FLEET_COMMAND_JOURNEY, FleetCommandsService } from './fleet-commands.service.js';
import type { JournalExtractUpload } from './journal-extract-upload.js';

let dir: string;
let db: DataSource;
let journal: JournalService;
let config: KioskConfig;
let statuses: DeviceStatus[];
let sessions: {
  sessionInProgress: boolean;
  holdOutOfService: jest.Mock<(reason: string) => void>;
  releaseOutOfServiceHold: jest.Mock<() => void>;
};
let restart: DaemonRestart;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'fleet-commands-'));
  config = {
    kiosk: { id: 'JZ-0001' },
    journal: { path: join(dir, 'journal.sqlite'), retentionDays: 30 },
  } as KioskConfig;
  db = new DataSource(sqliteJournalOptions(join(dir, 'journal.sqlite')));
  await db.initialize();
  journal = new JournalService(db, config);
  await journal.onModuleInit();
  statuses = ['cardReader', 'pinPad'].map((kind) => ({
    kind: kind as DeviceStatus['kind'],
    device: 'online',
    supplies: [],
    driver: 'emulator',
    updatedAt: new Date().toISOString(),
  }));
  sessions = { sessionInProgress: false, holdOutOfService: jest.fn(), releaseOutOfServiceHold: jest.fn() };
  restart = new DaemonRestart();
});
afterEach(async () => {
  await db.destroy();
  rmSync(dir, { recursive: true, force: true });
});

function service(): FleetCommandsService {
  return new FleetCommandsService(
    sessions as unknown as SessionsService,
    { statuses: () => statuses } as unknown as DevicesService,
    journal,
    restart,
    {} as JournalExtractUpload,
    config,
    db,
  );
}

function command(type: 'outOfService' | 'inService' | 'restart' | 'runSelfTest'): Command {
  return { id: randomUUID(), kioskId: 'JZ-0001', issuedAt: new Date().toISOString(), issuedBy: 'op', type };
}

async function audit(commandId: string): Promise<{ outcome: string | null; steps: string[] }> {
  const [transaction] = (await journal.exportRange('2000-01-01', '2999-12-31')).filter(
    (row) => row.transaction.sessionId === commandId && row.transaction.journey === FLEET_COMMAND_JOURNEY,
  );
  return {
    outcome: transaction?.transaction.outcome ?? null,
    steps: (transaction?.steps ?? []).map((s) => `${s.step}:${s.phase}`),
  };
}

describe('fleet commands on the kiosk', () => {
  it('out of service: journaled intent then done, the hold applied and kept for the next start', async () => {
    const out = command('outOfService');
    expect(await service().handle(out)).toEqual({ result: 'done' });
    expect(sessions.holdOutOfService).toHaveBeenCalledWith('REMOTE_OUT_OF_SERVICE');
    expect(await audit(out.id)).toEqual({
      outcome: 'done',
      steps: ['fleet.outOfService:intent', 'fleet.outOfService:done'],
    });

    // the daemon restarts: the hold applies again before the kiosk serves anyone
    sessions.holdOutOfService.mockClear();
    service().onModuleInit();
    expect(sessions.holdOutOfService).toHaveBeenCalledWith('REMOTE_OUT_OF_SERVICE');

    await service().handle(command('inService'));
    expect(sessions.releaseOutOfServiceHold).toHaveBeenCalled();
    expect(existsSync(join(dir, 'fleet-hold.json'))).toBe(false);
  });

  it('restart during a resident session: refused with SESSION_BUSY and journaled as rejected', async () => {
    const listener = jest.fn();
    restart.onRequested(listener);
    sessions.sessionInProgress = true;
    const asked = command('restart');
    expect(await service().handle(asked)).toEqual({ result: 'rejected', code: 'SESSION_BUSY' });
    expect(await audit(asked.id)).toEqual({
      outcome: 'rejected',
      steps: ['fleet.restart:intent', 'fleet.restart:failed'],
    });
    expect(listener).not.toHaveBeenCalled();
  });

  it('restart with no supervisor to start the daemon again: refused with a code', async () => {
    const asked = command('restart');
    expect(await service().handle(asked)).toEqual({ result: 'rejected', code: 'TELEMETRY_COMMAND_FAILED' });
  });

  it('restart accepted: happens only once the acknowledgement went out', async () => {
    const listener = jest.fn();
    restart.onRequested(listener);
    const commands = service();
    const asked = command('restart');
    expect(await commands.handle(asked)).toEqual({ result: 'done' });
    expect(listener).not.toHaveBeenCalled();
    commands.acknowledged(asked, {
      commandId: asked.id,
      kioskId: 'JZ-0001',
      result: 'done',
      at: new Date().toISOString(),
    });
    expect(listener).toHaveBeenCalledTimes(1);
  });

  it('self-test with the PIN pad offline: failed with DEVICE_OFFLINE', async () => {
    statuses = statuses.map((s) => (s.kind === 'pinPad' ? { ...s, device: 'offline' } : s));
    expect(await service().handle(command('runSelfTest'))).toEqual({
      result: 'failed',
      code: 'DEVICE_OFFLINE',
    });
    statuses = statuses.map((s) => ({ ...s, device: 'online' }));
    expect(await service().handle(command('runSelfTest'))).toEqual({ result: 'done' });
  });

  it('malformed message on the command topic: the refusal is journaled with its code', async () => {
    const commandId = randomUUID();
    await service().auditRefusal({ code: 'TELEMETRY_COMMAND_MALFORMED', commandId });
    expect(await audit(commandId)).toEqual({ outcome: 'rejected', steps: ['fleet.refused:event'] });
  });

  it('journal unwritable: the command is not carried out, answered not run (journal unavailable)', async () => {
    await db.destroy();
    expect(await service().handle(command('outOfService'))).toEqual({
      result: 'rejected',
      code: 'TELEMETRY_COMMAND_JOURNAL_UNAVAILABLE',
    });
    expect(sessions.holdOutOfService).not.toHaveBeenCalled();
    await db.initialize();
  });
});
