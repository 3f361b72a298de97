/**
 * The commands a kiosk was sent, as the operator reads them on its detail: one asked while the kiosk
 * is offline waits for it until its expiry, one not answered in time reads expired, in both
 * languages; an answer's code in words, the code as sent beside them in small text. One the kiosk
 * answered not run (its journal unavailable, ADR 0027) still waits, with that answer's words.
 */
import { describe, expect, it } from '@jest/globals';
import type { CommandView } from '@kiosk/fleet-monitor/dashboard';
import type { Language } from '../i18n/labels';
import { formatTime } from './format-time';
import { commandStatesOf, kioskDetailOf } from './kiosk-detail.spec-support';

const EXPIRES = '2026-11-28T01:00:00.000Z';

function command(id: string, changes: Partial<CommandView>): CommandView {
  return {
    id,
    kioskId: 'JZ-0001',
    type: 'uploadJournalExtract',
    issuedBy: 'ops',
    issuedAt: '2026-11-27T01:00:00.000Z',
    result: null,
    code: null,
    ackedAt: null,
    expiresAt: EXPIRES,
    ...changes,
  };
}

const DETAIL = kioskDetailOf(
  {
    commands: [
      command('c4', { type: 'outOfService', code: 'TELEMETRY_COMMAND_JOURNAL_UNAVAILABLE' }),
      command('c3', {}),
      command('c2', { result: 'failed', code: 'TELEMETRY_COMMAND_EXPIRED', ackedAt: EXPIRES }),
      command('c1', { type: 'runSelfTest', result: 'failed', code: 'DEVICE_OFFLINE' }),
    ],
  },
  { connection: 'offline', mode: 'inService', lastSeenAt: '2026-11-27T00:59:00.000Z' },
);

/** the command history's status cells, newest first */
const commandStates = (language: Language): string[] => commandStatesOf(DETAIL, language);

describe('commands on the kiosk detail', () => {
  it('journal extract asked while the kiosk is offline: waiting for the kiosk until its expiry, then expired; a hold answered not run waits with its words; in both languages', () => {
    expect(commandStates('en')).toEqual([
      `waiting for the kiosk (until ${formatTime(EXPIRES, 'en')}): Not run: the journal of the kiosk could not record it [TELEMETRY_COMMAND_JOURNAL_UNAVAILABLE]`,
      `waiting for the kiosk (until ${formatTime(EXPIRES, 'en')})`,
      'expired: the kiosk was not back in time [TELEMETRY_COMMAND_EXPIRED]',
      'failed: Device offline [DEVICE_OFFLINE]',
    ]);
    expect(commandStates('zh-CN')).toEqual([
      `等待终端确认 (截至 ${formatTime(EXPIRES, 'zh-CN')}): 未执行：终端日志未能记录该指令 [TELEMETRY_COMMAND_JOURNAL_UNAVAILABLE]`,
      `等待终端确认 (截至 ${formatTime(EXPIRES, 'zh-CN')})`,
      '已过期：终端未在时限内上线 [TELEMETRY_COMMAND_EXPIRED]',
      '失败: 设备离线 [DEVICE_OFFLINE]',
    ]);
  });
});
