import { CardFaceLayoutSchema, DEFAULT_CARD_FACE } from './card-face-config.js';

describe('card face layout', () => {
  it('takes the default layout', () => {
    expect(CardFaceLayoutSchema.parse(DEFAULT_CARD_FACE)).toEqual(DEFAULT_CARD_FACE);
  });

  it('refuses a photo box that leaves the face, naming the key', () => {
    const result = CardFaceLayoutSchema.safeParse({
      ...DEFAULT_CARD_FACE,
      photo: { ...DEFAULT_CARD_FACE.photo, x: 900 },
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]).toMatchObject({ path: ['photo'], message: 'must lie inside the face' });
  });

  it('refuses a text placed outside the face', () => {
    const result = CardFaceLayoutSchema.safeParse({
      ...DEFAULT_CARD_FACE,
      texts: { ...DEFAULT_CARD_FACE.texts, name: { x: 60, y: 700, sizePx: 40 } },
    });
    expect(result.error?.issues[0]).toMatchObject({ path: ['texts', 'name'] });
  });
});
