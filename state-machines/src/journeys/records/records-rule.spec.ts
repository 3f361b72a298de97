import { describe, expect, it } from '@jest/globals';
import { isPrintRequired, recordsUntilPrintRequired } from './records-rule.js';

describe('the 60-record rule', () => {
  it.each([
    [0, 60, false],
    [59, 1, false],
    [60, 0, true],
    [75, 0, true],
    [-3, 60, false],
  ])('with %i unprinted records allows %i more (print required: %s)', (unprinted, left, required) => {
    expect(recordsUntilPrintRequired(unprinted)).toBe(left);
    expect(isPrintRequired(unprinted)).toBe(required);
  });

  it('follows a regional limit', () => {
    expect(recordsUntilPrintRequired(30, 40)).toBe(10);
    expect(isPrintRequired(40, 40)).toBe(true);
  });
});
