/** The card face drawn from the resident's data and the layout; the PNG is the face sent, byte for byte. */
import { createCanvas, loadImage } from '@napi-rs/canvas';
import { DEMO_RESIDENTS } from '@kiosk/domain';
import {
  cardFaceToPng,
  type CardFaceData,
  type CardFaceLayout,
  renderCardFace,
} from './card-face.renderer.js';
import { EMULATED_ID_CARDS } from '../id-reader/emulated-id-cards.js';
import { PORTRAIT_HEIGHT, PORTRAIT_WIDTH, portraitPixels } from '../id-reader/synthetic-portrait.js';

/** the default layout of config's `card.face` */
const DEFAULT_CARD_FACE = {
  widthPx: 1016,
  heightPx: 648,
  title: '中华人民共和国社会保障卡',
  photo: { x: 690, y: 150, width: 270, height: 340 },
  texts: {
    title: { x: 60, y: 50, sizePx: 48 },
    name: { x: 60, y: 170, sizePx: 40 },
    sex: { x: 60, y: 240, sizePx: 40 },
    idNumber: { x: 60, y: 310, sizePx: 36 },
    cardNumber: { x: 60, y: 380, sizePx: 36 },
    issueDate: { x: 60, y: 450, sizePx: 32 },
    validity: { x: 60, y: 520, sizePx: 32 },
  },
} as const satisfies CardFaceLayout;

const zhao = DEMO_RESIDENTS[3]!;
const data: CardFaceData = {
  name: zhao.name,
  sex: zhao.sex,
  idNumber: zhao.idNumber,
  cardNumber: 'H41080000999',
  issueDate: '2026-11-27',
  expiryDate: '2036-11-27',
};

/** dark pixels inside one text line of the layout */
function inkIn(rgb: Uint8Array, width: number, place: { x: number; y: number; sizePx: number }): number {
  let ink = 0;
  for (let y = place.y; y < place.y + place.sizePx; y += 1) {
    for (let x = place.x; x < place.x + 560; x += 1) {
      const p = (y * width + x) * 3;
      if ((rgb[p] ?? 255) < 100 && (rgb[p + 1] ?? 255) < 100) ink += 1;
    }
  }
  return ink;
}

describe('card face', () => {
  it('draws every item where the layout puts it, at the layout size, with the card number to emboss', async () => {
    const { face } = await renderCardFace(data, DEFAULT_CARD_FACE);
    expect(face).toMatchObject({ widthPx: 1016, heightPx: 648, emboss: 'H41080000999' });
    for (const item of ['name', 'sex', 'idNumber', 'cardNumber', 'issueDate', 'validity'] as const) {
      expect(inkIn(face.rgb, face.widthPx, DEFAULT_CARD_FACE.texts[item])).toBeGreaterThan(100);
    }
    // below the last line the card is blank
    expect(inkIn(face.rgb, face.widthPx, { x: 60, y: 600, sizePx: 40 })).toBe(0);
  });

  it('prints what the resident is: another name gives another name line, the rest unchanged', async () => {
    const a = await renderCardFace(data, DEFAULT_CARD_FACE);
    const b = await renderCardFace({ ...data, name: '钱多多' }, DEFAULT_CARD_FACE);
    const line = (rgb: Uint8Array, place: { y: number; sizePx: number }) =>
      Buffer.from(rgb.subarray(place.y * 1016 * 3, (place.y + place.sizePx) * 1016 * 3));
    expect(
      line(a.face.rgb, DEFAULT_CARD_FACE.texts.name).equals(line(b.face.rgb, DEFAULT_CARD_FACE.texts.name)),
    ).toBe(false);
    expect(
      line(a.face.rgb, DEFAULT_CARD_FACE.texts.idNumber).equals(
        line(b.face.rgb, DEFAULT_CARD_FACE.texts.idNumber),
      ),
    ).toBe(true);
  });

  it('previews exactly the face sent: the PNG decodes to the same RGB bytes', async () => {
    const { face, png } = await renderCardFace(data, DEFAULT_CARD_FACE);
    const image = await loadImage(png);
    const canvas = createCanvas(image.width, image.height);
    const ctx = canvas.getContext('2d');
    ctx.drawImage(image, 0, 0);
    const rgba = ctx.getImageData(0, 0, image.width, image.height).data;
    let differing = 0;
    for (let p = 0; p < face.widthPx * face.heightPx; p += 1) {
      if (rgba[p * 4] !== face.rgb[p * 3] || rgba[p * 4 + 2] !== face.rgb[p * 3 + 2]) differing += 1;
    }
    expect([image.width, image.height]).toEqual([1016, 648]);
    expect(differing).toBe(0);
    expect((await cardFaceToPng(face)).equals(png)).toBe(true);
  });

  it('draws the photo given in its box, and a placeholder when the photo is unreadable', async () => {
    const red = createCanvas(10, 10);
    const rc = red.getContext('2d');
    rc.fillStyle = '#ff0000';
    rc.fillRect(0, 0, 10, 10);
    const { photo } = DEFAULT_CARD_FACE;
    const centre = (photo.y + photo.height / 2) * 1016 + photo.x + photo.width / 2;
    const withPhoto = await renderCardFace({ ...data, photo: red.toBuffer('image/png') }, DEFAULT_CARD_FACE);
    expect([...withPhoto.face.rgb.subarray(centre * 3, centre * 3 + 3)]).toEqual([255, 0, 0]);
    const broken = await renderCardFace({ ...data, photo: Buffer.from('not an image') }, DEFAULT_CARD_FACE);
    expect(broken.face.rgb[centre * 3]).not.toBe(255);
    expect(broken.photo).toBe('placeholder');
  });

  it('draws the photo of an ID card (the zero-padded photo field) instead of the placeholder', async () => {
    const idCardPhoto = EMULATED_ID_CARDS['zhao']!.photo;
    const withPhoto = await renderCardFace({ ...data, photo: idCardPhoto }, DEFAULT_CARD_FACE);
    const placeholder = await renderCardFace(data, DEFAULT_CARD_FACE);
    expect([withPhoto.photo, placeholder.photo]).toEqual(['resident', 'placeholder']);
    // the portrait scaled into the box: its corner is the portrait's background, its middle the skin
    const { indices, palette } = portraitPixels('zhao');
    const { photo: box } = DEFAULT_CARD_FACE;
    const sample = (rgb: Uint8Array, fx: number, fy: number) => {
      const p = (Math.round(box.y + fy * box.height) * 1016 + Math.round(box.x + fx * box.width)) * 3;
      return [...rgb.subarray(p, p + 3)];
    };
    const portraitAt = (fx: number, fy: number) =>
      palette[indices[Math.floor(fy * PORTRAIT_HEIGHT) * PORTRAIT_WIDTH + Math.floor(fx * PORTRAIT_WIDTH)]!];
    for (const [fx, fy] of [
      [0.05, 0.05],
      [0.5, 0.5],
      [0.5, 0.95],
    ] as const) {
      expect(sample(withPhoto.face.rgb, fx, fy)).toEqual(portraitAt(fx, fy));
      expect(sample(placeholder.face.rgb, fx, fy)).not.toEqual(portraitAt(fx, fy));
    }
  });

  it('refuses data that does not fit the card with CARD_MAKING_FAILED', async () => {
    await expect(renderCardFace({ ...data, name: '长'.repeat(21) }, DEFAULT_CARD_FACE)).rejects.toMatchObject(
      {
        code: 'CARD_MAKING_FAILED',
      },
    );
  });
});
