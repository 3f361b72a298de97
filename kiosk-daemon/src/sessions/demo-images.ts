/**
 * The demo panel's images (the last receipt the printer emulator cut, the last card face printed),
 * kept apart from its state: `demo.state` carries only each image's address, named by a hash of
 * its bytes (`/demo/images/<16 hex>.png`), and the panel loads it over HTTP (`DemoImagesController`)
 * once per image, as a browser loads any picture; an unchanged image keeps its address, so neither
 * the socket nor the browser moves it again. Encoding (hashing) happens once per new image, never
 * per state sent. The image before the current one of each kind stays served too, so a page that
 * reads a state just replaced still finds its picture.
 */
import { createHash } from 'node:crypto';

export type DemoImageKind = 'receipt' | 'cardFace';

/** Where the panel loads the demo images from. */
export const DEMO_IMAGES_PATH = '/demo/images';

/** An image's file name: the first 16 hex digits of its SHA-256, .png. */
export const DEMO_IMAGE_NAME = /^[0-9a-f]{16}\.png$/;

interface Kept {
  readonly png: Buffer;
  readonly name: string;
}

export class DemoImages {
  /** per kind: the current image, then the one before it */
  private readonly kept = new Map<DemoImageKind, Kept[]>();

  /** Keeps `png` as the kind's current image; its address (the same for the same bytes). */
  put(kind: DemoImageKind, png: Buffer): string {
    const list = this.kept.get(kind) ?? [];
    const current = list[0];
    if (current && (current.png === png || current.png.equals(png))) return addressOf(current.name);
    const name = `${createHash('sha256').update(png).digest('hex').slice(0, 16)}.png`;
    this.kept.set(kind, [{ png, name }, ...list.filter((kept) => kept.name !== name)].slice(0, 2));
    return addressOf(name);
  }

  /** The kind's current image's address, if any. */
  address(kind: DemoImageKind): string | undefined {
    const current = this.kept.get(kind)?.[0];
    return current ? addressOf(current.name) : undefined;
  }

  /** Drops the kind's images: their addresses serve nothing any more. */
  forget(kind: DemoImageKind): void {
    this.kept.delete(kind);
  }

  /** The PNG of a kept image by its file name (`<hash>.png`), if it is the current one or the one before. */
  byName(name: string): Buffer | undefined {
    for (const list of this.kept.values()) for (const kept of list) if (kept.name === name) return kept.png;
    return undefined;
  }
}

function addressOf(name: string): string {
  return `${DEMO_IMAGES_PATH}/${name}`;
}
