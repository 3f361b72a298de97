import { ResidentPhotoHold } from './resident-photo-hold.js';

const ZHANG = '410802198503151234';
const LI = '410803199002281245';

describe('ResidentPhotoHold', () => {
  it('gives the photo only for the resident it belongs to', () => {
    const hold = new ResidentPhotoHold();
    hold.keep(ZHANG, Uint8Array.from([1, 2, 3]));
    expect([...(hold.photoOf(ZHANG) ?? [])]).toEqual([1, 2, 3]);
    expect(hold.photoOf(LI)).toBeUndefined();
    expect([...(hold.current() ?? [])]).toEqual([1, 2, 3]);
  });

  it('wipes the bytes it held when dropped or replaced, and keeps its own copy', () => {
    const read = Uint8Array.from([7, 7, 7]);
    const hold = new ResidentPhotoHold();
    hold.keep(ZHANG, read);
    const held = hold.current()!;
    hold.keep(LI, Uint8Array.from([9]));
    expect([...held]).toEqual([0, 0, 0]);
    expect([...read]).toEqual([7, 7, 7]); // the reader's buffer is not the held one
    const second = hold.current()!;
    hold.drop();
    expect([...second]).toEqual([0]);
    expect(hold.current()).toBeNull();
  });

  it('never serialises the photo: a log line or a journal detail gets [photo]', () => {
    const hold = new ResidentPhotoHold();
    hold.keep(ZHANG, Uint8Array.from([137, 80, 78, 71]));
    expect(JSON.stringify({ hold })).toBe('{"hold":"[photo]"}');
    expect(String(hold)).toBe('[photo]');
  });
});
