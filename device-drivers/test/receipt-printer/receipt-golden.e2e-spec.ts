/**
 * Golden receipts: each template printed by the driver, over TCP, onto the byte-level
 * emulator, compared as plain text (zh-CN and en) and as a PNG (zh-CN). The PNGs were
 * looked at by a person; regenerate with UPDATE_GOLDEN=1 and look again before committing.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startEscposTcpRig, type EscposTcpRig } from './escpos-tcp-rig.js';
import { TEMPLATES, contextFor } from './receipt-fixtures.js';
import { differingShare, pixelsOf, scanQr } from './png-pixels.js';

const goldenDir = join(dirname(fileURLToPath(import.meta.url)), 'golden');
const update = process.env.UPDATE_GOLDEN === '1';

function golden(name: string, actual: Buffer | string): Buffer {
  const path = join(goldenDir, name);
  if (update || !existsSync(path)) {
    mkdirSync(goldenDir, { recursive: true });
    writeFileSync(path, actual);
    if (!update) throw new Error(`golden ${name} was missing and has been written: review it, then rerun`);
  }
  return readFileSync(path);
}

describe('golden receipts', () => {
  let rig: EscposTcpRig;

  beforeAll(async () => {
    rig = await startEscposTcpRig();
  });

  afterAll(() => rig.stop());

  for (const [name, template] of Object.entries(TEMPLATES)) {
    for (const locale of ['zh-CN', 'en'] as const) {
      it(`${name} (${locale}) prints as its golden text`, async () => {
        const { text } = await rig.printed(template(contextFor(locale)));
        expect(text).toBe(golden(`${name}.${locale}.txt`, text).toString('utf8'));
      });
    }

    it(`${name} (zh-CN) renders as its golden PNG with a scannable QR code`, async () => {
      const receipt = template(contextFor('zh-CN'));
      const png = (await rig.printed(receipt)).png();
      const expected = golden(`${name}.zh-CN.png`, png);
      expect(differingShare(await pixelsOf(png), await pixelsOf(expected))).toBeLessThan(0.002);
      expect(await scanQr(png)).toBe(receipt.qr);
    });
  }
});
