/** Reports for schema rules that carry no message of their own (the fallback wording). */
import { describe, expect, it } from '@jest/globals';
import { z } from 'zod';
import { closest, formatPath, validate } from './config-issues.js';

const reasonsOf = (schema: z.ZodType, input: unknown): string[] => {
  const result = validate(schema, input);
  return result.ok ? [] : result.problems.map((p) => `${p.path}: ${p.reason}`);
};

describe('fallback wording of problems', () => {
  it('describes bounds on text, lists and numbers', () => {
    const schema = z.strictObject({
      name: z.string().min(3),
      tags: z.array(z.string()).max(1),
      level: z.number().lt(5),
    });
    expect(reasonsOf(schema, { name: 'ab', tags: ['a', 'b'], level: 7 })).toEqual([
      'name: expected ≥ 3 characters, got "ab"',
      'tags: expected ≤ 1 items, got a list',
      'level: expected a number < 5, got 7',
    ]);
  });

  it('describes a wrong literal, a wrong format and an integer', () => {
    const schema = z.strictObject({ mode: z.literal('on'), mail: z.email(), count: z.int() });
    expect(reasonsOf(schema, { mode: 'off', mail: 'nobody', count: 1.5 })).toEqual([
      'mode: expected on, got "off"',
      'mail: expected text of format email, got "nobody"',
      'count: expected an integer, got 1.5',
    ]);
  });

  it('describes a mapping where a value was expected', () => {
    expect(reasonsOf(z.strictObject({ port: z.number() }), { port: { value: 1 } })).toEqual([
      'port: expected a number, got a mapping',
    ]);
  });

  it('returns the parsed value when nothing is wrong', () => {
    expect(validate(z.strictObject({ a: z.number().default(1) }), {})).toEqual({ ok: true, value: { a: 1 } });
  });
});

describe('formatPath', () => {
  it('writes keys with dots and list items with brackets', () => {
    expect(formatPath(['devices', 'cashDispenser', 'cassettes', 0, 'count'])).toBe(
      'devices.cashDispenser.cassettes[0].count',
    );
    expect(formatPath([])).toBe('');
  });
});

describe('closest', () => {
  it('finds a typo one or two edits away', () => {
    expect(closest('recordsUntilPrintRequierd', ['recordsUntilPrintRequired', 'validityYears'])).toBe(
      'recordsUntilPrintRequired',
    );
  });

  it('suggests nothing for a key unlike any known one', () => {
    expect(closest('colour', ['length', 'maxAttempts'])).toBeUndefined();
  });
});
