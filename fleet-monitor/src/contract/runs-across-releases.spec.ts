/**
 * The run in the status (`run`: the kiosk's start and its count of statuses), across releases (ADR
 * 0018): an optional field, so this monitor reads a status carrying it closed, a monitor of the
 * release before keeps the status with the run left out (ordered by `at`, as before), and a status
 * without it (an older kiosk) still reads. The id and the count are checked as strictly as any.
 */
import { describe, expect, it } from '@jest/globals';
import { readStatus } from './telemetry-reading.js';
import { readByReleaseBefore, statusInService } from './release-before.spec-support.js';
import { OnlineStatusSchema, StatusMessageSchema } from './telemetry.contract.js';
import { StatusRunCounter } from './status-run.js';

const RUN = { id: '0b7a5c2e-8f3d-4b61-9a0e-2f4c6d8e1a3b', seq: 12 };
const status = statusInService;

describe('the run in the status, across releases', () => {
  it('this release: read closed, nothing unknown, the run kept', () => {
    expect(StatusMessageSchema.safeParse(status({ run: RUN })).success).toBe(true);
    const read = readStatus(status({ run: RUN }));
    expect(read).toMatchObject({ success: true, unknown: [] });
    expect(read.success && read.data.connection === 'online' && read.data.run).toEqual(RUN);
  });

  it('a monitor of the release before: its closed schema refuses, its open one keeps the status, the run left out', () => {
    const older = readByReleaseBefore('run', status({ run: RUN }));
    expect(older.closed).toBe(false);
    expect(older.open.success).toBe(true);
    expect(older.open.data).not.toHaveProperty('run');
    expect(older.open.data?.at).toBe(status({}).at);
  });

  it('a kiosk of the release before sends none: read closed, nothing unknown, not reported', () => {
    const read = readStatus(status({}));
    expect(read).toMatchObject({ success: true, unknown: [] });
    expect(read.success && read.data).not.toHaveProperty('run');
  });

  it("a newer kiosk's field in the run is left out and named; the run kept", () => {
    const read = readStatus(status({ run: { ...RUN, bootedAt: 'x' } }));
    expect(read).toMatchObject({ success: true, unknown: ['field run.bootedAt'] });
    expect(read.success && read.data.connection === 'online' && read.data.run).toEqual(RUN);
  });

  it.each([
    ['a run id that is not one', { id: 'boot-1', seq: 0 }],
    ['a count below zero', { id: RUN.id, seq: -1 }],
    ['a count that is not whole', { id: RUN.id, seq: 1.5 }],
    ['a run without its count', { id: RUN.id }],
  ])('fault: %s is refused, as any id or count out of form', (_, run) => {
    expect(readStatus(status({ run })).success).toBe(false);
  });

  it('a counter numbers its statuses from 0 under one id; another start draws another id', () => {
    const first = new StatusRunCounter();
    const [a, b] = [first.next(), first.next()];
    expect(a).toEqual({ id: first.id, seq: 0 });
    expect(b).toEqual({ id: first.id, seq: 1 });
    expect(OnlineStatusSchema.shape.run.safeParse(a).success).toBe(true);
    expect(new StatusRunCounter().id).not.toBe(first.id);
  });
});
