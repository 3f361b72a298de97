/** Reads PNGs back into pixels: for golden comparison and for scanning the QR code. */
import { createCanvas, loadImage } from '@napi-rs/canvas';
import jsQRModule from 'jsqr';

// jsqr is CommonJS typed with `export default`: under NodeNext its default import is the module,
// whose `default` is the decoder (at run time the module is the decoder too, and has it as `default`).
const jsQR = jsQRModule.default;

export interface Pixels {
  readonly width: number;
  readonly height: number;
  readonly data: Uint8ClampedArray;
}

export async function pixelsOf(png: Buffer): Promise<Pixels> {
  const image = await loadImage(png);
  const canvas = createCanvas(image.width, image.height);
  const ctx = canvas.getContext('2d');
  ctx.drawImage(image, 0, 0);
  const { data } = ctx.getImageData(0, 0, image.width, image.height);
  return { width: image.width, height: image.height, data: new Uint8ClampedArray(data) };
}

/** Share of pixels whose grey level differs by more than a quarter; 1 when sizes differ. */
export function differingShare(a: Pixels, b: Pixels): number {
  if (a.width !== b.width || a.height !== b.height) return 1;
  let differing = 0;
  for (let i = 0; i < a.data.length; i += 4) if (Math.abs(a.data[i]! - b.data[i]!) > 64) differing += 1;
  return differing / (a.width * a.height);
}

export async function scanQr(png: Buffer): Promise<string | null> {
  const p = await pixelsOf(png);
  return jsQR(p.data, p.width, p.height)?.data ?? null;
}
