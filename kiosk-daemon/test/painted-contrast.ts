/**
 * Text contrast as the browser paints it, for the browser specs: every text on a part of the page
 * (an element's own words, a field's value), its colour over its element's background over every
 * box under it, each with its transparency and the opacity of its box and the boxes around it,
 * against that background (WCAG 2.1 relative luminance). axe leaves disabled controls out; this
 * does not.
 */
import type { Page } from 'playwright-core';

export interface TextContrast {
  /** the element, as tag.class "first words" */
  readonly text: string;
  readonly ratio: number;
}

/** The contrast of every text shown under `root` (the element itself included), as painted. */
export function paintedTextContrasts(page: Page, root: string): Promise<TextContrast[]> {
  return page.evaluate((root) => {
    type Rgba = [number, number, number, number];
    const probe = document.createElement('canvas').getContext('2d', { willReadFrequently: true })!;
    const parse = (css: string): Rgba => {
      probe.clearRect(0, 0, 1, 1);
      probe.fillStyle = '#000';
      probe.fillStyle = css;
      probe.fillRect(0, 0, 1, 1);
      const [r, g, b, a] = probe.getImageData(0, 0, 1, 1).data;
      return [r!, g!, b!, a! / 255];
    };
    const over = (top: Rgba, under: Rgba): Rgba => {
      const a = top[3] + under[3] * (1 - top[3]);
      const mix = (i: 0 | 1 | 2) => (top[i] * top[3] + under[i] * under[3] * (1 - top[3])) / (a || 1);
      return [mix(0), mix(1), mix(2), a];
    };
    const luminance = ([r, g, b]: Rgba) => {
      const c = (v: number) => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
      return 0.2126 * c(r) + 0.7152 * c(g) + 0.0722 * c(b);
    };
    /** `colour` at its alpha times `opacity` */
    const faded = ([r, g, b, a]: Rgba, opacity: number): Rgba => [r, g, b, a * opacity];
    const contrast = (el: Element) => {
      // the page's canvas (white), then every box from the page down to `el`, each at its opacity
      const chain: Element[] = [];
      for (let p: Element | null = el; p; p = p.parentElement) chain.unshift(p);
      let behind: Rgba = [255, 255, 255, 1];
      let opacity = 1;
      for (const box of chain) {
        const style = getComputedStyle(box);
        opacity *= parseFloat(style.opacity);
        behind = over(faded(parse(style.backgroundColor), opacity), behind);
      }
      const style = getComputedStyle(el);
      // a field's value: Chromium paints it in -webkit-text-fill-color where one is set
      const fill = style.getPropertyValue('-webkit-text-fill-color');
      const ink = parse(fill && fill !== style.color && fill !== 'currentcolor' ? fill : style.color);
      const text = over(faded(ink, opacity), behind);
      const [l1, l2] = [luminance(behind), luminance(text)].sort((x, y) => y - x);
      return (l1! + 0.05) / (l2! + 0.05);
    };
    const shown = (el: Element) => {
      const r = el.getBoundingClientRect();
      return r.width > 0 && r.height > 0 && getComputedStyle(el).visibility !== 'hidden';
    };
    const words = (el: Element) => {
      if (el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement) return el.value;
      if (el instanceof HTMLSelectElement) return el.selectedOptions[0]?.text ?? '';
      return [...el.childNodes]
        .filter((n) => n.nodeType === Node.TEXT_NODE)
        .map((n) => n.textContent ?? '')
        .join('');
    };
    const top = document.querySelector(root);
    if (!top) throw new Error(`${root} is not on the page`);
    const out: { text: string; ratio: number }[] = [];
    for (const el of [top, ...top.querySelectorAll('*')]) {
      if (el.closest('option, script, style') || !shown(el)) continue;
      const said = words(el).trim().replace(/\s+/g, ' ');
      if (said === '') continue;
      const name = `${el.tagName.toLowerCase()}${el.className ? `.${String(el.className).split(' ')[0]}` : ''}`;
      const disabled = (el as HTMLInputElement).disabled === true ? ' (disabled)' : '';
      out.push({
        text: `${name}${disabled} "${said.slice(0, 30)}"`,
        ratio: Math.round(contrast(el) * 100) / 100,
      });
    }
    return out;
  }, root);
}

/** The texts under `root` that read at less than `least`:1, as painted (empty when all read). */
export async function faintTexts(page: Page, root: string, least = 4.5): Promise<string[]> {
  const all = await paintedTextContrasts(page, root);
  if (all.length === 0) return [`no text under ${root}`];
  return all.filter((t) => t.ratio < least).map((t) => `${t.text} at ${t.ratio}:1`);
}
