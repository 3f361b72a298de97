import {
  contrastRatio,
  EDGE_PAIRS,
  HIGH_CONTRAST_PALETTE,
  paletteStyle,
  STANDARD_PALETTE,
  TEXT_PAIRS,
} from './palette';

describe('palette contrast (WCAG 2.1)', () => {
  it('computes the known ratios of black and white', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21);
    expect(contrastRatio('#777777', '#ffffff')).toBeCloseTo(4.48, 2);
  });

  it.each(TEXT_PAIRS)('standard text %s on %s reaches AA 4.5:1', (fg, bg) => {
    expect(contrastRatio(STANDARD_PALETTE[fg], STANDARD_PALETTE[bg])).toBeGreaterThanOrEqual(4.5);
  });

  it.each(TEXT_PAIRS)('high-contrast text %s on %s reaches 7:1', (fg, bg) => {
    expect(contrastRatio(HIGH_CONTRAST_PALETTE[fg], HIGH_CONTRAST_PALETTE[bg])).toBeGreaterThanOrEqual(7);
  });

  it.each(EDGE_PAIRS)('focus rings and control edges %s against %s reach 3:1 in both palettes', (a, b) => {
    expect(contrastRatio(STANDARD_PALETTE[a], STANDARD_PALETTE[b])).toBeGreaterThanOrEqual(3);
    expect(contrastRatio(HIGH_CONTRAST_PALETTE[a], HIGH_CONTRAST_PALETTE[b])).toBeGreaterThanOrEqual(3);
  });

  it('names the CSS custom properties the stylesheet uses', () => {
    expect(paletteStyle(STANDARD_PALETTE)).toMatchObject({
      '--ink-soft': '#3d3d3d',
      '--brand-ink': '#ffffff',
    });
  });
});
