/**
 * The screen's colours, as code so that their contrast is tested (WCAG 2.1 AA: 4.5:1 for text,
 * 3:1 for focus rings and control edges; the high-contrast palette aims at 7:1). The kiosk's
 * root element gets them as CSS custom properties.
 */
export interface Palette {
  readonly ink: string;
  readonly inkSoft: string;
  readonly paper: string;
  readonly panel: string;
  readonly brand: string;
  readonly brandInk: string;
  readonly line: string;
  readonly warnBg: string;
  readonly warnInk: string;
  readonly alertBg: string;
  readonly alertInk: string;
  readonly okInk: string;
  readonly focus: string;
  readonly focusHalo: string;
}

export const STANDARD_PALETTE: Palette = {
  ink: '#1a1a1a',
  inkSoft: '#3d3d3d',
  paper: '#f7f8fa',
  panel: '#ffffff',
  brand: '#0b4f9c',
  brandInk: '#ffffff',
  line: '#c4c9d2',
  warnBg: '#fff4d6',
  warnInk: '#5c3d00',
  alertBg: '#fde8ea',
  alertInk: '#8a0010',
  okInk: '#0d5c2b',
  focus: '#000000',
  focusHalo: '#ffffff',
};

export const HIGH_CONTRAST_PALETTE: Palette = {
  ink: '#ffffff',
  inkSoft: '#ffffff',
  paper: '#000000',
  panel: '#000000',
  brand: '#ffeb3b',
  brandInk: '#000000',
  line: '#ffffff',
  warnBg: '#000000',
  warnInk: '#ffeb3b',
  alertBg: '#000000',
  alertInk: '#ff8a80',
  okInk: '#7cff9e',
  focus: '#00e5ff',
  focusHalo: '#000000',
};

/** Foreground on background pairs the stylesheet actually uses for text. */
export const TEXT_PAIRS: readonly (readonly [keyof Palette, keyof Palette])[] = [
  ['ink', 'paper'],
  ['ink', 'panel'],
  ['inkSoft', 'paper'],
  ['inkSoft', 'panel'],
  ['brand', 'paper'],
  ['brand', 'panel'],
  ['brandInk', 'brand'],
  ['warnInk', 'warnBg'],
  ['alertInk', 'alertBg'],
  ['alertInk', 'panel'],
  ['alertBg', 'alertInk'],
  ['okInk', 'paper'],
];

/** Rings and edges that must stand out from what is around them (non-text contrast). */
export const EDGE_PAIRS: readonly (readonly [keyof Palette, keyof Palette])[] = [
  ['focus', 'focusHalo'],
  ['brand', 'paper'],
  ['ink', 'panel'],
];

function channel(value: number): number {
  const c = value / 255;
  return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
}

/** WCAG relative luminance of a #rrggbb colour. */
export function luminance(hex: string): number {
  const match = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!match) throw new Error(`not a #rrggbb colour: ${hex}`);
  const [r, g, b] = [match[1], match[2], match[3]].map((part) => channel(parseInt(part ?? '0', 16)));
  return 0.2126 * (r ?? 0) + 0.7152 * (g ?? 0) + 0.0722 * (b ?? 0);
}

export function contrastRatio(a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return ((light ?? 0) + 0.05) / ((dark ?? 0) + 0.05);
}

/** The palette as CSS custom properties: `--ink`, `--ink-soft`, ... */
export function paletteStyle(palette: Palette): Record<string, string> {
  return Object.fromEntries(
    Object.entries(palette).map(([name, colour]) => [
      `--${name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`,
      colour,
    ]),
  );
}
