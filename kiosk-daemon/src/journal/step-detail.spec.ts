/**
 * Reading a journaled step's detail back: what boot may find is not always what the journal
 * wrote, and nothing read here throws.
 */
import { z } from 'zod';
import { detailCount, detailField, detailText, stepDetail, type JournaledStep } from './step-detail.js';

const row = (detail: string | null): JournaledStep => ({ step: 'card.retract', phase: 'intent', detail });

describe('a journaled step’s detail read back', () => {
  it('reads what the journal wrote', () => {
    const step = row('{"rejectBin":2,"applicationNo":"A0000042"}');
    expect(stepDetail(step)).toEqual({ rejectBin: 2, applicationNo: 'A0000042' });
    expect(detailCount(step, 'rejectBin')).toBe(2);
    expect(detailText(step, 'applicationNo')).toBe('A0000042');
    expect(detailField(step, 'rejectBin', z.number())).toEqual({ read: 'value', value: 2 });
  });

  it('no step, no detail, no such key: empty, the field absent', () => {
    for (const step of [undefined, row(null), row(''), row('{}')]) {
      expect(stepDetail(step)).toEqual({});
      expect(detailField(step, 'rejectBin', z.number())).toEqual({ read: 'absent' });
      expect(detailCount(step, 'rejectBin')).toBeUndefined();
    }
  });

  it('fault: a torn write (not JSON): empty, every field unknown, nothing thrown', () => {
    const step = row('{"rejectBin":2');
    expect(stepDetail(step)).toEqual({});
    expect(detailField(step, 'rejectBin', z.number())).toEqual({ read: 'unknown' });
    expect(detailCount(step, 'rejectBin')).toBeUndefined();
  });

  it('fault: JSON but not an object (null, a number, text, a list): empty, every field unknown', () => {
    for (const text of ['null', '42', '"rejectBin"', '[2]']) {
      expect(stepDetail(row(text))).toEqual({});
      expect(detailField(row(text), 'rejectBin', z.number())).toEqual({ read: 'unknown' });
    }
  });

  it('fault: a count that is not a non-negative integer reads as unknown', () => {
    for (const value of ['"2"', '-1', '1.5', 'null', 'true', '{"n":2}']) {
      const step = row(`{"rejectBin":${value}}`);
      expect(detailField(step, 'rejectBin', z.number().int().nonnegative())).toEqual({ read: 'unknown' });
      expect(detailCount(step, 'rejectBin')).toBeUndefined();
    }
  });

  it('fault: an application number that is not text (or empty) reads as unknown', () => {
    for (const value of ['42', '""', 'null', '["A0000042"]']) {
      expect(detailText(row(`{"applicationNo":${value}}`), 'applicationNo')).toBeUndefined();
    }
  });
});
