/**
 * The front of a new card, drawn with @napi-rs/canvas and a CJK font: the title, photo, name,
 * sex, ID number, card number, issue date and validity, each where the layout (config
 * `card.face`) puts it. The result is the RGB face the printer driver turns into ribbon panels,
 * and a PNG made from those same RGB bytes: the preview is the exact face sent.
 *
 * The canvas binding (Skia) is loaded on the first card face, not when the drivers are imported.
 */
import type * as Canvas from '@napi-rs/canvas';
import { ErrorCode, KioskError } from '@kiosk/domain';
import { findCjkFont } from '../receipt-printer/printed-receipt.renderer.js';
import type { CardFace } from './card-printer.port.js';

export interface CardFaceBox {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}
export interface CardFaceTextPlace {
  readonly x: number;
  readonly y: number;
  readonly sizePx: number;
}

/** The same shape as config's `card.face` (`CardFaceLayout`). */
export interface CardFaceLayout {
  readonly widthPx: number;
  readonly heightPx: number;
  readonly title: string;
  readonly photo: CardFaceBox;
  readonly texts: Readonly<
    Record<'title' | 'name' | 'sex' | 'idNumber' | 'cardNumber' | 'issueDate' | 'validity', CardFaceTextPlace>
  >;
}

export interface CardFaceData {
  readonly name: string;
  readonly sex: 'male' | 'female';
  readonly idNumber: string;
  readonly cardNumber: string;
  /** YYYY-MM-DD */
  readonly issueDate: string;
  readonly expiryDate: string;
  /** the resident's photo (PNG or JPEG bytes); a framed placeholder when absent */
  readonly photo?: Uint8Array;
}

export interface RenderedCardFace {
  readonly face: CardFace;
  /** PNG of exactly `face.rgb` */
  readonly png: Buffer;
  /** what the photo box shows: the resident's photo, or the placeholder (none given, or unreadable) */
  readonly photo: 'resident' | 'placeholder';
}

let canvasModule: Promise<typeof Canvas> | undefined;
const loadCanvas = (): Promise<typeof Canvas> => (canvasModule ??= import('@napi-rs/canvas'));

const families = new Map<string, string>();
function fontFamily(canvas: typeof Canvas, fontPath?: string): string {
  const path = fontPath ?? findCjkFont();
  let family = families.get(path);
  if (!family) {
    family = `CardFaceCjk${families.size}`;
    if (!canvas.GlobalFonts.registerFromPath(path, family)) {
      throw new KioskError(ErrorCode.INTERNAL, 'The card face font could not be loaded.');
    }
    families.set(path, family);
  }
  return family;
}

const dotted = (isoDate: string) => isoDate.replaceAll('-', '.');

/** Draws the face; refuses data that does not fit the card (a name over 20 characters). */
export async function renderCardFace(
  data: CardFaceData,
  layout: CardFaceLayout,
  options: { readonly fontPath?: string } = {},
): Promise<RenderedCardFace> {
  if ([...data.name].length > 20 || !/^[0-9X]{18}$/.test(data.idNumber)) {
    throw new KioskError(ErrorCode.CARD_MAKING_FAILED, 'The resident data does not fit the card face.');
  }
  const canvas = await loadCanvas();
  const family = fontFamily(canvas, options.fontPath);
  const { widthPx: w, heightPx: h, texts } = layout;
  const surface = canvas.createCanvas(w, h);
  const ctx = surface.getContext('2d');
  // card stock with a pale band behind the title, as the printed background
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, w, h);
  ctx.fillStyle = '#dbe8f6';
  ctx.fillRect(0, 0, w, texts.title.y + texts.title.sizePx + 24);
  const text = (value: string, place: CardFaceTextPlace, colour = '#000000') => {
    ctx.fillStyle = colour;
    ctx.font = `${place.sizePx}px ${family}`;
    ctx.textBaseline = 'top';
    ctx.fillText(value, place.x, place.y);
  };
  text(layout.title, texts.title, '#0b3d91');
  text(`姓名 ${data.name}`, texts.name);
  text(`性别 ${data.sex === 'male' ? '男' : '女'}`, texts.sex);
  text(`社会保障号码 ${data.idNumber}`, texts.idNumber);
  text(`社会保障卡号 ${data.cardNumber}`, texts.cardNumber);
  text(`发卡日期 ${dotted(data.issueDate)}`, texts.issueDate);
  text(`有效期限 ${dotted(data.issueDate)}-${dotted(data.expiryDate)}`, texts.validity);
  const photo = await drawPhoto(canvas, ctx, layout.photo, data.photo);

  const rgba = ctx.getImageData(0, 0, w, h).data;
  const rgb = new Uint8Array(w * h * 3);
  for (let p = 0; p < w * h; p += 1) {
    rgb[p * 3] = rgba[p * 4] as number;
    rgb[p * 3 + 1] = rgba[p * 4 + 1] as number;
    rgb[p * 3 + 2] = rgba[p * 4 + 2] as number;
  }
  const face: CardFace = { rgb, widthPx: w, heightPx: h, emboss: data.cardNumber };
  return { face, png: await cardFaceToPng(face), photo };
}

async function drawPhoto(
  canvas: typeof Canvas,
  ctx: Canvas.SKRSContext2D,
  box: CardFaceBox,
  photo: Uint8Array | undefined,
): Promise<'resident' | 'placeholder'> {
  if (photo && photo.length > 0) {
    try {
      const image = await canvas.loadImage(Buffer.from(photo));
      ctx.drawImage(image, box.x, box.y, box.width, box.height);
      return 'resident';
    } catch {
      // an unreadable photo gets the placeholder; the face is still made
    }
  }
  ctx.fillStyle = '#eef2f6';
  ctx.fillRect(box.x, box.y, box.width, box.height);
  ctx.fillStyle = '#8a97a6';
  const cx = box.x + box.width / 2;
  ctx.beginPath();
  ctx.arc(cx, box.y + box.height * 0.36, box.width * 0.2, 0, Math.PI * 2);
  ctx.fill();
  ctx.beginPath();
  ctx.ellipse(cx, box.y + box.height * 0.95, box.width * 0.4, box.height * 0.35, 0, Math.PI, 0);
  ctx.fill();
  return 'placeholder';
}

/** A PNG of a face's RGB bytes (the face sent, or the face the emulator printed). */
export async function cardFaceToPng(face: Pick<CardFace, 'rgb' | 'widthPx' | 'heightPx'>): Promise<Buffer> {
  const canvas = await loadCanvas();
  const { rgb, widthPx: w, heightPx: h } = face;
  const surface = canvas.createCanvas(w, h);
  const ctx = surface.getContext('2d');
  const image = ctx.createImageData(w, h);
  for (let p = 0; p < w * h; p += 1) {
    image.data[p * 4] = rgb[p * 3] as number;
    image.data[p * 4 + 1] = rgb[p * 3 + 1] as number;
    image.data[p * 4 + 2] = rgb[p * 3 + 2] as number;
    image.data[p * 4 + 3] = 255;
  }
  ctx.putImageData(image, 0, 0);
  return surface.toBuffer('image/png');
}
