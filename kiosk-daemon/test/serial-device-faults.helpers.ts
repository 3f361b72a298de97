/**
 * The serial-device-faults suites' steps on the kiosk of the serial profile (the real LCDM and
 * GA 467 drivers in the daemon, the byte-level emulators it starts on pseudo terminals): a
 * withdrawal driven up to the cash or a fault, the cash taken, the way out of a session answered
 * view by view, the kiosk home again; and what the journal and the log say of it.
 */
import { expect } from '@jest/globals';
import { DEMO_RESIDENTS, type DemoResident } from '@kiosk/domain';
import { eventually } from '@kiosk/domain/testing';
import type { DaemonProcess } from './daemon-process.js';
import { journalSteps, type JournalStepRow } from './serial-devices-config.js';
import type { UiClient } from './ui-client.js';

const resident = (key: string) => DEMO_RESIDENTS.find((r) => r.key === key)!;
export const zhang = resident('zhang');
export const li = resident('li');

/** The steps of the newest withdrawal only. */
export function lastWithdrawal(daemon: DaemonProcess): JournalStepRow[] {
  const steps = journalSteps(daemon.journalPath, 'withdraw');
  const start = steps.map((s) => s.step).lastIndexOf('withdrawal.authorise');
  return steps.slice(Math.max(0, start));
}

export const names = (steps: JournalStepRow[]) => steps.map((s) => `${s.step}:${s.phase}`);

/** The daemon's log lines telling a change of the device `kind`, as `warn|info line`, from `from` on. */
function changesOf(daemon: DaemonProcess, kind: string, from = 0): string[] {
  return daemon.output.slice(from).flatMap((text) => {
    const line = (text.startsWith('{') ? JSON.parse(text) : {}) as {
      level?: number;
      context?: string;
      msg?: string;
    };
    if (line.context !== 'Devices' || !line.msg?.startsWith(`${kind}: `)) return [];
    return [`${line.level === 40 ? 'warn' : 'info'} ${line.msg}`];
  });
}

/** Waits for the daemon's log to tell a change of `kind` that matches `line`, after line `from`. */
export const changeLogged = (daemon: DaemonProcess, kind: string, line: RegExp, from: number) =>
  eventually(() => changesOf(daemon, kind, from), `${kind} change ${String(line)} logged`, {
    withinMs: 15_000,
    until: (changes) => changes.some((change) => line.test(change)),
  });

export async function idle(ui: UiClient): Promise<void> {
  await ui.waitForSession((v) => v === null || v.step === 'ended', 15_000).catch(() => undefined);
  await ui.waitForKiosk((k) => k.journeysOffered.includes('withdraw'), 15_000);
  // the last screen stays 1 s here: the next journey starts once the kiosk is home again
  await ui.waitForSession((v) => v === null, 20_000);
}

/** Card, PIN, ID card and face, then the amount: up to the cash at the slot or a fault. */
export async function withdrawUpToCash(
  ui: UiClient,
  who: DemoResident,
  amountFen: number,
  beforeAmount: () => Promise<unknown> = () => Promise.resolve(),
): Promise<void> {
  await ui.startWithCardAndPin('withdraw', who.key, who.cardPin);
  await ui.waitForSession((v) => v?.step === 'placeIdCard');
  expect(await ui.emit('demo.idCard', { action: 'place', idCardId: who.key })).toEqual({ ok: true });
  await ui.waitForSession((v) => v?.step === 'chooseAmount', 15_000);
  await beforeAmount();
  expect(await ui.emit('session.amount', { amountFen })).toEqual({ ok: true });
}

/** Takes the cash, skips past the receipt and gives the card back. */
export async function takeCashAndFinish(ui: UiClient, expectedFen: number): Promise<void> {
  await ui.waitForSession((v) => v?.step === 'takeCash', 20_000);
  const atSlot = await ui.waitForDemo((d) => d.cash?.atSlot === true);
  expect(atSlot.cash?.amountFen).toBe(expectedFen);
  expect(await ui.emit('demo.cash', { action: 'take' })).toEqual({ ok: true });
  await finish(ui);
}

/** A session view's step and error: what the way out answers (the same view pushed again is not new). */
const stepOf = (v: UiClient['session']) => (v === null ? 'none' : `${v.step}/${v.error?.code ?? ''}`);

export async function finish(ui: UiClient): Promise<void> {
  for (let i = 0; i < 6; i += 1) {
    const view = await ui.waitForSession(
      (v) =>
        v === null ||
        ['cashWithdrawn', 'chooseJourney', 'takeCard', 'ended'].includes(v.step) ||
        v.error !== undefined,
      20_000,
    );
    if (view === null || view.step === 'ended') break;
    if (view.step === 'takeCard') await ui.emit('demo.card', { action: 'take' });
    else await ui.emit('session.command', { command: 'finish' });
    // each view answered once: the next one once the session has moved on from it
    await ui.waitForSession((v) => stepOf(v) !== stepOf(view), 20_000);
  }
  await ui.waitForSession((v) => v === null || v.step === 'ended', 20_000);
  await ui.emit('demo.idCard', { action: 'remove' });
}
