/**
 * A fleet command's answer from its journaled steps (`commandOutcomeOf`), as the journal holds them:
 * written by this release, by a newer one before a rollback (a step or a detail field this release
 * does not know: read open, ADR 0018), or torn (a detail that does not read). Never a second run:
 * whatever does not say an outcome is a command that may have run, refused with a code; only one
 * without any fleet step (its intent never written) did not run.
 */
import { describe, expect, it } from '@jest/globals';
import { commandOutcomeOf } from './fleet-command-record.js';

const step = (name: string, phase: string, detail?: unknown) => ({
  step: name,
  phase,
  detail: detail === undefined ? null : typeof detail === 'string' ? detail : JSON.stringify(detail),
});

describe('a fleet command answered from its journaled steps', () => {
  it.each([
    [
      'its outcome done',
      [step('fleet.restart', 'intent'), step('fleet.restart', 'done')],
      { result: 'done' },
    ],
    [
      'its outcome rejected with a code',
      [
        step('fleet.restart', 'intent'),
        step('fleet.restart', 'failed', { code: 'SESSION_BUSY', result: 'rejected' }),
      ],
      { result: 'rejected', code: 'SESSION_BUSY' },
    ],
    [
      'a refusal journaled (expired)',
      [step('fleet.refused', 'event', { code: 'TELEMETRY_COMMAND_EXPIRED', commandId: 'c-1' })],
      { result: 'rejected', code: 'TELEMETRY_COMMAND_EXPIRED' },
    ],
    [
      'its intent only, closed by boot recovery (a restart mid-command)',
      [
        step('fleet.outOfService', 'intent'),
        step('recovery.found', 'event', { lastStep: 'fleet.outOfService:intent' }),
      ],
      { result: 'rejected', code: 'TELEMETRY_COMMAND_STATE_UNKNOWN' },
    ],
    [
      'no step at all (its intent write failed): not run',
      [],
      { result: 'rejected', code: 'TELEMETRY_COMMAND_JOURNAL_UNAVAILABLE' },
    ],
    [
      'no fleet step, closed by boot recovery (its intent write failed, then a restart): not run',
      [step('recovery.found', 'event', { lastStep: null })],
      { result: 'rejected', code: 'TELEMETRY_COMMAND_JOURNAL_UNAVAILABLE' },
    ],
    [
      "a newer release's command type and detail field",
      [
        step('fleet.reloadConfig', 'intent'),
        step('fleet.reloadConfig', 'failed', { code: 'CONFIG_INVALID', result: 'failed', tookMs: 3 }),
      ],
      { result: 'failed', code: 'CONFIG_INVALID' },
    ],
    [
      'an outcome whose detail is torn',
      [step('fleet.runSelfTest', 'intent'), step('fleet.runSelfTest', 'failed', '{"code":"DEV')],
      { result: 'failed', code: 'TELEMETRY_COMMAND_FAILED' },
    ],
    [
      'an outcome whose code is not a code',
      [step('fleet.runSelfTest', 'failed', { code: 'device offline!', result: 'failed' })],
      { result: 'failed', code: 'TELEMETRY_COMMAND_FAILED' },
    ],
  ])('%s', (_, steps, answer) => {
    expect(commandOutcomeOf(steps)).toEqual(answer);
  });
});
