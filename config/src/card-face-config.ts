/**
 * Where each item of the card face goes: the face's pixel size (CR80 at 300 dpi by default,
 * 1016 x 648) and one box per item, in pixels from the top left. Regions that print another
 * layout change it in their profile (`card.face`); every box must lie inside the face.
 */
import { z } from 'zod';

const px = z.int({ error: 'expected a whole number of pixels, 0 or more' }).min(0, {
  error: 'expected a whole number of pixels, 0 or more',
});
const sizePx = z.int({ error: 'expected a text size of 8–120 pixels' }).min(8).max(120);

const Box = z.strictObject({ x: px, y: px, width: px, height: px });
const Text = z.strictObject({ x: px, y: px, sizePx });

export const CARD_FACE_TEXTS = [
  'title',
  'name',
  'sex',
  'idNumber',
  'cardNumber',
  'issueDate',
  'validity',
] as const;
export type CardFaceText = (typeof CARD_FACE_TEXTS)[number];

export const DEFAULT_CARD_FACE = {
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
} as const;

export const CardFaceLayoutSchema = z
  .strictObject({
    widthPx: z.int().min(200).max(2048),
    heightPx: z.int().min(120).max(1400),
    title: z.string().max(40),
    photo: Box,
    texts: z.strictObject({
      title: Text,
      name: Text,
      sex: Text,
      idNumber: Text,
      cardNumber: Text,
      issueDate: Text,
      validity: Text,
    }),
  })
  .check((ctx) => {
    const { widthPx, heightPx, photo, texts } = ctx.value;
    const outside = (x: number, y: number) => x >= widthPx || y >= heightPx;
    if (photo.x + photo.width > widthPx || photo.y + photo.height > heightPx) {
      ctx.issues.push({ code: 'custom', path: ['photo'], message: 'must lie inside the face', input: photo });
    }
    for (const name of CARD_FACE_TEXTS) {
      const t = texts[name];
      if (outside(t.x, t.y)) {
        ctx.issues.push({
          code: 'custom',
          path: ['texts', name],
          message: 'must start inside the face',
          input: t,
        });
      }
    }
  });
export type CardFaceLayout = z.infer<typeof CardFaceLayoutSchema>;
