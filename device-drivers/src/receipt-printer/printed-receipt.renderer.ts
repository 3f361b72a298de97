/**
 * Renders what the emulated printer put on paper: plain text (48 columns, a Chinese glyph
 * takes two) and a PNG at the printer's own resolution (576 dots wide, 1 dot = 1 pixel) drawn
 * with a CJK font found on the machine.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type * as Canvas from '@napi-rs/canvas';
import { ErrorCode, KioskError } from '@kiosk/domain';
import { COLUMNS, FONT_A_WIDTH, FONT_HEIGHT, PAPER_DOTS } from './escpos.protocol.js';
import type { PrintedReceipt, TextRun } from './receipt-paper.js';

/** Plain text of a receipt: one line per printed line, bitmaps as their label. */
export function receiptToText(receipt: PrintedReceipt): string {
  const out: string[] = [];
  for (const block of receipt.blocks) {
    if (block.type === 'feed') {
      for (let i = 0; i < Math.max(1, Math.round(block.height / 30)); i++) out.push('');
    } else if (block.type === 'bitmap') {
      const col = Math.max(
        0,
        Math.round((block.x + block.width / 2) / FONT_A_WIDTH) - Math.ceil(block.label.length / 2),
      );
      out.push(' '.repeat(col) + block.label);
    } else {
      out.push(textLine(block.runs));
    }
  }
  return out.join('\n').replace(/\s+$/, '') + '\n';
}

function textLine(runs: readonly TextRun[]): string {
  const cells: string[] = Array.from({ length: COLUMNS }, () => ' ');
  for (const run of runs) {
    let col = Math.round(run.x / FONT_A_WIDTH);
    for (const ch of run.text) {
      const span = (run.wide ? 2 : 1) * run.width;
      if (col >= 0 && col < cells.length) {
        cells[col] = ch;
        for (let k = 1; k < span && col + k < cells.length; k++)
          cells[col + k] = run.wide && k === 1 ? '' : ' ';
      }
      col += span;
    }
  }
  return cells.join('').replace(/\s+$/, '');
}

const FONT_NAME =
  /^(NotoSansCJK-Regular\.ttc|NotoSansCJK.*\.(ttc|otf)|NotoSansSC.*\.(otf|ttf)|SourceHanSans.*\.(ttc|otf)|wqy-(microhei|zenhei)\.ttc|DroidSansFallback.*\.ttf)$/i;

/** Finds a CJK font in the usual font folders (a shallow, bounded search). */
export function findCjkFont(): string {
  const roots = [
    '/usr/share/fonts',
    '/usr/local/share/fonts',
    join(homedir(), '.fonts'),
    join(homedir(), '.local/share/fonts'),
  ];
  const found: string[] = [];
  const walk = (dir: string, depth: number) => {
    if (depth > 4 || !existsSync(dir)) return;
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (FONT_NAME.test(name)) found.push(path);
      else if (depth < 4 && statSync(path, { throwIfNoEntry: false })?.isDirectory()) walk(path, depth + 1);
    }
  };
  for (const root of roots) walk(root, 0);
  found.sort((a, b) => rank(a) - rank(b));
  const best = found[0];
  if (!best) {
    throw new KioskError(
      ErrorCode.INTERNAL,
      `No CJK font found under ${roots.join(', ')}: install one (Debian: apt-get install fonts-noto-cjk) or pass fontPath.`,
    );
  }
  return best;
}

const rank = (path: string): number =>
  /NotoSansCJK-Regular/i.test(path) ? 0 : /NotoSans/i.test(path) ? 1 : 2;

/** white paper above and below the print, in dots */
const MARGIN = 8;

/**
 * The canvas binding (Skia, some 27 MB resident) is loaded on the first PNG rather than when the
 * drivers are imported: a kiosk daemon that never renders a receipt image never pays for it.
 */
let canvasModule: typeof Canvas | undefined;
function canvas(): typeof Canvas {
  canvasModule ??= createRequire(import.meta.url)('@napi-rs/canvas') as typeof Canvas;
  return canvasModule;
}

const registered = new Map<string, string>();

function fontFamily(fontPath?: string): string {
  const path = fontPath ?? findCjkFont();
  let family = registered.get(path);
  if (!family) {
    family = `ReceiptCJK${registered.size}`;
    if (!canvas().GlobalFonts.registerFromPath(path, family)) {
      throw new KioskError(ErrorCode.INTERNAL, `The font file ${path} could not be loaded.`);
    }
    registered.set(path, family);
  }
  return family;
}

/** PNG of a receipt at printer resolution (576 px wide), with a small white margin around. */
export function receiptToPng(receipt: PrintedReceipt, fontPath?: string): Buffer {
  const family = fontFamily(fontPath);
  const height = Math.max(1, receipt.length + 2 * MARGIN);
  const page = canvas().createCanvas(PAPER_DOTS, height);
  const ctx = page.getContext('2d');
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, PAPER_DOTS, height);
  let y = MARGIN;
  for (const block of receipt.blocks) {
    if (block.type === 'bitmap') {
      const img = ctx.createImageData(block.width, block.height);
      for (let i = 0; i < block.dots.length; i++) {
        const v = block.dots[i] ? 0 : 255;
        img.data[i * 4] = v;
        img.data[i * 4 + 1] = v;
        img.data[i * 4 + 2] = v;
        img.data[i * 4 + 3] = 255;
      }
      ctx.putImageData(img, block.x, y);
    } else if (block.type === 'text') {
      for (const run of block.runs) drawRun(ctx, run, y + block.height, family);
    }
    y += block.height;
  }
  return page.toBuffer('image/png');
}

type Ctx = ReturnType<ReturnType<typeof Canvas.createCanvas>['getContext']>;

function drawRun(ctx: Ctx, run: TextRun, bottom: number, family: string): void {
  const cell = (run.wide ? 2 : 1) * FONT_A_WIDTH * run.width;
  const glyphHeight = FONT_HEIGHT * run.height;
  const chars = Array.from(run.text);
  if (run.invert) {
    ctx.fillStyle = '#000';
    ctx.fillRect(run.x, bottom - glyphHeight, cell * chars.length, glyphHeight);
  }
  ctx.fillStyle = run.invert ? '#fff' : '#000';
  ctx.font = `${glyphHeight}px ${family}`;
  ctx.textBaseline = 'alphabetic';
  const baseline = bottom - Math.round(glyphHeight * 0.18);
  chars.forEach((ch, i) => {
    const x = run.x + i * cell;
    ctx.save();
    ctx.translate(x, baseline);
    const natural = run.wide ? glyphHeight : glyphHeight / 2;
    ctx.scale(cell / Math.max(natural, ctx.measureText(ch).width, 1), 1);
    ctx.fillText(ch, 0, 0);
    if (run.bold) ctx.fillText(ch, 1, 0);
    ctx.restore();
  });
  if (run.underline) ctx.fillRect(run.x, bottom - 2, cell * chars.length, 2);
}
