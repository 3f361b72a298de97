/**
 * A card made on the spot and read back, with the chip station and the customer reader both on
 * the real PC/SC stack: daemon → pcsclite → pcscd (a child of this test) → vpcd's two slots, the
 * chip station on "Virtual PCD 00 01" personalising the card printer emulator's blank, the
 * customer reader on "Virtual PCD 00 00" reading that same card back. The face printed carries
 * the photo of the resident's ID card, which goes into no journal and no log.
 * With CI=true a missing pcscd, vpcd or pcsclite binding fails the run instead of skipping it.
 */
import { createCanvas, loadImage } from '@napi-rs/canvas';
import Database from 'better-sqlite3';
import { readFileSync } from 'node:fs';
import { DEFAULT_CARD_FACE } from '@kiosk/config';
import { EMULATED_ID_CARDS, renderCardFace, syntheticPortraitPng } from '@kiosk/device-drivers';
import { DEMO_RESIDENTS, maskName } from '@kiosk/domain';
import { describeOnPcscd } from './daemon-on-pcscd.js';

const wang = DEMO_RESIDENTS.find((r) => r.key === 'wang')!; // expired card, a new-card application
const NEW_PIN = '802613';

interface Step {
  step: string;
  phase: string;
  detail: string | null;
}

/** The RGB of the photo box's inside (a 10-pixel margin) of a face, from its PNG or its bytes. */
async function photoBoxOf(face: Buffer | Uint8Array, isPng: boolean): Promise<Buffer> {
  const { widthPx: w, photo: box } = DEFAULT_CARD_FACE;
  let rgb: Uint8Array;
  if (isPng) {
    const image = await loadImage(Buffer.from(face));
    const canvas = createCanvas(image.width, image.height);
    const ctx = canvas.getContext('2d');
    ctx.drawImage(image, 0, 0);
    const rgba = ctx.getImageData(0, 0, image.width, image.height).data;
    rgb = new Uint8Array((rgba.length / 4) * 3);
    for (let p = 0; p < rgba.length / 4; p += 1)
      rgb.set([rgba[p * 4]!, rgba[p * 4 + 1]!, rgba[p * 4 + 2]!], p * 3);
  } else rgb = face;
  const rows: Buffer[] = [];
  for (let y = box.y + 10; y < box.y + box.height - 10; y += 1) {
    rows.push(Buffer.from(rgb.subarray((y * w + box.x + 10) * 3, (y * w + box.x + box.width - 10) * 3)));
  }
  return Buffer.concat(rows);
}

describeOnPcscd(
  'card making through pcscd: chip station and customer reader',
  {
    // the device-drivers PC/SC suite and the balance journey's take pcscd in turn: wait for both
    lockTimeoutMs: 420_000,
    // info: the daemon says which reader the chip station is (and every log line is checked); no
    // screen is read here: the ended screen stays 1 s (the profile's 5 s) before the next journey
    args: ['--set', 'log.level=info', '--set', 'timeouts.endedViewMs=1000'],
  },
  (suite) => {
    function lastSteps(journey: string): Step[] {
      const db = new Database(suite.daemon.journalPath, { readonly: true });
      try {
        const tx = db
          .prepare(`SELECT id FROM journal_transaction WHERE journey = ? ORDER BY serial DESC LIMIT 1`)
          .get(journey) as { id: string };
        return db
          .prepare(`SELECT step, phase, detail FROM journal_step WHERE transactionId = ? ORDER BY seq`)
          .all(tx.id) as Step[];
      } finally {
        db.close();
      }
    }

    async function reach(step: string, timeoutMs = 20_000) {
      const view = await suite.ui.waitForSession((v) => v?.step === step || v?.step === 'ended', timeoutMs);
      expect({ step: view?.step, error: view?.error?.code }).toEqual({ step, error: undefined });
      return view!;
    }

    async function typePin(pin: string): Promise<void> {
      for (const key of pin) await suite.ui.emit('demo.pinpad', { key });
      await suite.ui.emit('demo.pinpad', { key: 'enter' });
    }

    it('makes a card whose chip the customer reader reads back with the resident’s data and the default PIN, its face with the ID-card photo', async () => {
      await suite.ui.waitForKiosk((k) => k.journeysOffered.includes('issueCard'), 30_000);
      // the chip station is the second PC/SC slot, not the in-process link
      expect(suite.daemon.output.join('\n')).toMatch(
        /the chip station is the PC\/SC reader \\"Virtual PCD 00 01\\"/,
      );

      // the card is made: the chip personalised and read back through pcscd, the face printed
      expect(await suite.ui.emit('session.start', { journey: 'issueCard' })).toEqual({ ok: true });
      await reach('placeIdCard');
      await suite.ui.emit('demo.idCard', { action: 'place', idCardId: wang.key });
      await reach('takeNewCard', 90_000);
      // the face sent, as the demo panel shows it while the card is at the slot (it leaves with the session)
      const demo = await suite.ui.waitForDemo((d) => d.newCard?.facePngUrl !== undefined);
      const facePng = await suite.ui.demoImage(demo.newCard!.facePngUrl!);
      expect(await suite.ui.emit('demo.newCard', { action: 'take' })).toEqual({ ok: true });
      await reach('chooseJourney');
      await suite.ui.emit('demo.idCard', { action: 'remove' });
      await suite.ui.emit('session.command', { command: 'finish' });
      await suite.ui.waitForSession((v) => v === null || v.step === 'ended', 15_000);
      const made = lastSteps('issueCard');
      const named = made.map((s) => `${s.step}:${s.phase}`);
      expect(named).toEqual(
        expect.arrayContaining([
          'chip.personalise:done',
          'card.print:done',
          'card.present:done',
          'host.issued:done',
        ]),
      );
      expect(made.find((s) => s.step === 'card.face')?.detail).toContain('"photo":"resident"');
      const maskedCard = JSON.parse(made.find((s) => s.step === 'card.present')!.detail!) as { card: string };

      // the face sent shows the ID card's photo in its box, not the placeholder
      const reference = {
        name: wang.name,
        sex: wang.sex,
        idNumber: wang.idNumber,
        cardNumber: 'H00000000000',
        issueDate: '2026-01-01',
        expiryDate: '2036-01-01',
      };
      const idPhoto = EMULATED_ID_CARDS[wang.key]!.photo;
      const withPhoto = await renderCardFace({ ...reference, photo: idPhoto }, DEFAULT_CARD_FACE);
      const placeholder = await renderCardFace(reference, DEFAULT_CARD_FACE);
      const printedBox = await photoBoxOf(facePng, true);
      expect(printedBox.equals(await photoBoxOf(withPhoto.face.rgb, false))).toBe(true);
      expect(printedBox.equals(await photoBoxOf(placeholder.face.rgb, false))).toBe(false);

      // the photo went nowhere else: not in the journal file, not in a log line
      const photoPng = syntheticPortraitPng(wang.key);
      expect(Buffer.from(idPhoto.subarray(0, photoPng.length)).equals(photoPng)).toBe(true);
      const photoBody = photoPng.subarray(40, 120); // palette and image data
      const journalFiles = ['', '-wal'].map((suffix) => {
        try {
          return readFileSync(`${suite.daemon.journalPath}${suffix}`);
        } catch {
          return Buffer.alloc(0);
        }
      });
      for (const file of journalFiles) {
        expect(file.includes(photoBody)).toBe(false);
        expect(file.includes(Buffer.from(photoBody.toString('base64')))).toBe(false);
      }
      const logs = suite.daemon.output.join('\n');
      expect(logs).not.toContain(photoBody.toString('base64').slice(0, 40));
      expect(logs).not.toContain(photoBody.toString('hex').slice(0, 40));
      expect(logs).not.toContain([...photoPng.subarray(0, 8)].join(',')); // a byte array as JSON

      // the card taken goes into the customer reader (pcscd's first slot): EF05/EF06 read there
      // with the resident's data, then activation changes the default PIN 123456 on the chip
      // listed as the resident's new card (made at the host, not yet activated), not as a blank
      const isNewCard = (c: { state?: string; location: string; label: string }) =>
        c.state === 'made' && c.location === 'outside' && c.label.startsWith(maskName(wang.name));
      const newCard = (await suite.ui.waitForDemo((d) => d.cards.some(isNewCard))).cards.find(isNewCard);
      expect(newCard).toBeDefined();
      await suite.ui.waitForKiosk((k) => k.journeysOffered.includes('activatePin'));
      expect(await suite.ui.emit('session.start', { journey: 'activatePin' })).toEqual({ ok: true });
      await reach('insertCard');
      await suite.ui.emit('demo.card', { action: 'insert', cardId: newCard!.cardId });
      const read = await reach('placeIdCard');
      expect(read.card).toEqual({ maskedCardNumber: maskedCard.card, maskedName: maskName(wang.name) });
      // the chip holds the resident's ID number: their ID card is the card holder's
      await suite.ui.emit('demo.idCard', { action: 'place', idCardId: wang.key });
      await reach('enterNewPin');
      await typePin(NEW_PIN);
      await reach('confirmNewPin');
      await typePin(NEW_PIN);
      await reach('pinSaved');
      const activated = lastSteps('activatePin').map((s) => `${s.step}:${s.phase}`);
      // CHANGE REFERENCE DATA with the default PIN as the old one: the card answered to 123456
      expect(activated).toEqual(expect.arrayContaining(['card.changePin:done', 'host.activate:done']));
      await suite.ui.emit('session.command', { command: 'finish' });
      await reach('chooseJourney');
      await suite.ui.emit('session.command', { command: 'finish' });
      await reach('takeCard');
      await suite.ui.emit('demo.card', { action: 'take' });
      await suite.ui.emit('demo.idCard', { action: 'remove' });
      await suite.ui.waitForSession((v) => v === null || v.step === 'ended', 15_000);

      // the new card now serves with the resident's new PIN, verified by the chip through pcscd
      await suite.ui.waitForSession((v) => v === null, 15_000);
      await suite.ui.startWithCardAndPin('balance', newCard!.cardId, NEW_PIN);
      const shown = await reach('showBalance');
      expect(shown.card?.maskedName).toBe(maskName(wang.name));
      expect(shown.balance?.amountFen).toBe(wang.balanceFen);
      await suite.ui.emit('session.command', { command: 'finish' });
      await reach('takeCard');
      await suite.ui.emit('demo.card', { action: 'take' });
      await suite.ui.waitForSession((v) => v === null || v.step === 'ended', 15_000);
    }, 240_000);
  },
);
