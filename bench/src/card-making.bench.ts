/**
 * Issue 6's bench: the software time of making one card, the emulator's simulated mechanical
 * delays at zero. One card is: the face drawn (canvas, CJK font) → the blank fed to the chip
 * station → the chip personalised under its card key over the APDU layer (in-process link),
 * read back and its default PIN checked → the face sent as five ribbon panels (some 2 MiB of
 * escape-framed commands) over loopback TCP into the byte-level card printer emulator →
 * presented → taken. The baseline, in the same rounds: the same panel bytes over the same kind
 * of loopback TCP connection into a sink that only counts them and answers one byte.
 */
import { connect } from 'node:net';
import { DEFAULT_CARD_FACE } from '@kiosk/config';
import {
  ChipStation,
  command,
  DEMO_ISSUER_KEY,
  demoCardSpec,
  deriveCardKey,
  downloadPanel,
  EvolisCardPrinterDriver,
  EvolisPrinterEmulator,
  facePanels,
  InMemoryCardStore,
  InProcessChipLink,
  renderCardFace,
  SecurePin,
  tcpPrinterConnector,
  VirtualCards,
  type CardFaceLayout,
} from '@kiosk/device-drivers';
import { DEMO_RESIDENTS } from '@kiosk/domain';
import { median, percentile } from './startup.bench.js';
import { countingSink } from './tcp-baseline.js';

const ROUNDS = 30;
const WARM_UP = 3;

/** the face the kiosk prints unless its profile sets another (`card.face`) */
const LAYOUT: CardFaceLayout = DEFAULT_CARD_FACE;

export interface CardMakingBench {
  readonly panelBytes: number;
  readonly faceMs: number[];
  readonly chipMs: number[];
  readonly printMs: number[];
  readonly cardMs: number[];
  readonly baselineMs: number[];
}

export async function measureCardMaking(rounds = ROUNDS): Promise<CardMakingBench> {
  const resident = DEMO_RESIDENTS[3]!;
  const cards = new VirtualCards(new InMemoryCardStore(), DEMO_ISSUER_KEY);
  const link = new InProcessChipLink();
  const emulator = new EvolisPrinterEmulator({
    hopper: WARM_UP + rounds,
    ribbon: WARM_UP + rounds,
    chipStation: { cards, contacts: link },
  });
  const { host, port } = await emulator.listen(0, '127.0.0.1');
  const driver = new EvolisCardPrinterDriver({
    connect: tcpPrinterConnector(host, port),
    statusPollMs: 0,
    takePollMs: 1,
  });
  await driver.open();
  const station = new ChipStation(link);

  const data = {
    name: resident.name,
    sex: resident.sex,
    idNumber: resident.idNumber,
    cardNumber: 'H41080000999',
    issueDate: '2026-11-27',
    expiryDate: '2036-11-27',
  };
  const sample = await renderCardFace(data, LAYOUT);
  const panels = facePanels(sample.face);
  const jobBytes = Buffer.concat([
    command('Ss'),
    ...(['y', 'm', 'c', 'k', 'o'] as const).map((p) => downloadPanel(p, 1016, 648, panels[p])),
    command('Se'),
  ]);
  const sink = await countingSink(jobBytes.length);
  const raw = connect({ host: '127.0.0.1', port: sink.port });
  raw.setNoDelay(true);
  await new Promise<void>((resolve) => raw.once('connect', () => resolve()));

  const out = {
    faceMs: [] as number[],
    chipMs: [] as number[],
    printMs: [] as number[],
    cardMs: [] as number[],
  };
  const baselineMs: number[] = [];
  try {
    for (let i = 0; i < WARM_UP + rounds; i += 1) {
      const counted = i >= WARM_UP;
      let t = performance.now();
      await new Promise<void>((resolve) => {
        raw.once('data', () => resolve());
        raw.write(jobBytes);
      });
      if (counted) baselineMs.push(performance.now() - t);

      const start = performance.now();
      const { face } = await renderCardFace(data, LAYOUT);
      const faceDone = performance.now();
      await driver.feedToChipStation();
      t = performance.now();
      const serial = await station.readChipSerial();
      const fields = {
        ...demoCardSpec(resident).fields,
        cardNumber: data.cardNumber,
        cardIdentifier: serial,
      };
      const pin = SecurePin.fromKeys([1, 2, 3, 4, 5, 6]);
      await station.personalise(deriveCardKey(DEMO_ISSUER_KEY, Buffer.from(serial, 'hex')), fields, pin);
      pin.wipe();
      const chipDone = performance.now();
      await driver.printFace(face);
      const printDone = performance.now();
      const taken = new Promise<void>((resolve) => {
        const off = driver.onCardTaken(() => {
          off();
          resolve();
        });
      });
      await driver.ejectToOutput();
      emulator.takeCard();
      await taken;
      if (counted) {
        out.faceMs.push(faceDone - start);
        out.chipMs.push(chipDone - t);
        out.printMs.push(printDone - chipDone);
        out.cardMs.push(performance.now() - start);
      }
    }
  } finally {
    raw.destroy();
    await sink.close();
    await driver.close();
    await emulator.close();
  }
  return { panelBytes: jobBytes.length, baselineMs, ...out };
}

const fmt = (n: number, digits = 1) => n.toFixed(digits);

export function cardMakingSection(r: CardMakingBench): string[] {
  const row = (name: string, xs: number[]) => `| ${name} | ${fmt(median(xs))} | ${fmt(percentile(xs, 99))} |`;
  return [
    '## Card making: software time per card (issue 6)',
    '',
    `${r.cardMs.length} cards after ${WARM_UP} warm-up ones, the card printer emulator's mechanical delays at 0: face drawn`,
    '(1016 × 648, CJK font) → blank fed → chip personalised over the APDU layer, read back, default PIN checked → five',
    `ribbon panels (${(r.panelBytes / 1_048_576).toFixed(1)} MiB of escape-framed commands) over loopback TCP into the byte-level`,
    'emulator → presented → taken (the driver reads the bezel sensor every 1 ms here). **Baseline**, in the same rounds: the same',
    'print-job bytes over a loopback TCP connection into a sink that only counts them and answers one byte.',
    '',
    '| step | p50 (ms) | p99 (ms) |',
    '| --- | ---: | ---: |',
    row('face drawn (canvas + PNG preview)', r.faceMs),
    row('chip: serial, mutual authentication, EF05/EF06, PIN, read-back', r.chipMs),
    row('print job: panels + protocol + emulator', r.printMs),
    row('baseline: the print job bytes over TCP, one-byte answer', r.baselineMs),
    row('**one card, end to end**', r.cardMs),
    '',
    `Print job against the baseline: ${fmt(median(r.printMs) / median(r.baselineMs))}× the bare transport (medians).`,
    '',
  ];
}
