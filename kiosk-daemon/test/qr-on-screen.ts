/**
 * Reads a QR code the way a phone would: from the pixels the browser painted. The element is
 * screenshotted, the browser decodes that PNG back to RGBA, and jsQR decodes the code in it.
 */
import jsQRModule from 'jsqr';

// jsqr is CommonJS typed with `export default`: under NodeNext its default import is the module,
// whose `default` is the decoder (at run time the module is the decoder too, and has it as `default`).
const jsQR = jsQRModule.default;
import type { Locator } from 'playwright-core';

export async function decodeQrOnScreen(element: Locator): Promise<string | null> {
  const png = await element.screenshot();
  // the RGBA bytes come back as one base64 string: returned as an array of numbers, Playwright
  // serialised a code's million values one by one (some 45 s a code on a loaded machine)
  const pixels = await element.page().evaluate(async (base64) => {
    const image = new Image();
    image.src = `data:image/png;base64,${base64}`;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = image.naturalWidth;
    canvas.height = image.naturalHeight;
    const context = canvas.getContext('2d');
    if (!context) return null;
    context.drawImage(image, 0, 0);
    const { data, width, height } = context.getImageData(0, 0, canvas.width, canvas.height);
    let binary = '';
    for (let i = 0; i < data.length; i += 0x8000) {
      binary += String.fromCharCode(...data.subarray(i, i + 0x8000));
    }
    return { rgba: btoa(binary), width, height };
  }, png.toString('base64'));
  if (!pixels) return null;
  const rgba = Buffer.from(pixels.rgba, 'base64');
  return (
    jsQR(new Uint8ClampedArray(rgba.buffer, rgba.byteOffset, rgba.length), pixels.width, pixels.height)
      ?.data ?? null
  );
}
