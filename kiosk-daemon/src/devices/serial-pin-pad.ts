/**
 * The serial PIN pad (`devices.pinPad.driver: serial`, docs/pin-pad-epp.md): the real SZZT style
 * driver on the configured port, or with `emulatedOnPseudoTerminal` (demo and test profiles, refused
 * in production) the same driver on one end of a pseudo-terminal pair with the pad's byte-level
 * emulator on the other, whose controls press its keys (the demo panel's on-screen pad, the e2e
 * tests). A port that cannot be opened gives the driver on a dead line: offline, opened again on
 * the reopen waits (ADR 0020), the PIN journeys not offered meanwhile.
 */
import type { Duplex } from 'node:stream';
import type { KioskConfig } from '@kiosk/config';
import type { EppEmulatorControls, EppPinPad, loadEppSerialRoad, PtyPair } from '@kiosk/device-drivers';

export type EppEntry = Extract<KioskConfig['devices']['pinPad'], { driver: 'serial' }>;
export type EppRoad = Awaited<ReturnType<typeof loadEppSerialRoad>>;

export interface SerialPinPad {
  readonly port: EppPinPad;
  readonly controls?: EppEmulatorControls;
}

export interface SerialPinPadNeeds {
  readonly closers: (() => Promise<void>)[];
  readonly createPair: () => Promise<PtyPair>;
  /** opens the port, or gives a dead line (said in the log) */
  readonly openOrDead: (open: () => Promise<Duplex>, what: string) => Promise<Duplex>;
  /** the reopen waits of a line that went away */
  readonly lineReopen: { readonly reconnectMs: number; readonly maxReconnectMs: number };
}

/** An idle pad asked every 3 s: one gone silent reads offline before a resident asks for a PIN. */
const PAD_OPTIONS = { heartbeatMs: 3_000 } as const;

export async function eppPinPad(
  entry: EppEntry,
  road: EppRoad,
  needs: SerialPinPadNeeds,
): Promise<SerialPinPad> {
  const { EppEmulatorControls, EppPinPad, openEppSerialPort, startEppOverPseudoTerminal } = road;
  if (!entry.emulatedOnPseudoTerminal) {
    const path = entry.path ?? '';
    const open = () => openEppSerialPort(path, entry.baudRate);
    const line = await needs.openOrDead(open, `PIN pad ${path}`);
    return { port: new EppPinPad(line, { ...PAD_OPTIONS, reopen: open, ...needs.lineReopen }) };
  }
  const rig = await startEppOverPseudoTerminal({
    createPair: needs.createPair,
    open: false,
    pad: PAD_OPTIONS,
  });
  needs.closers.push(rig.close);
  return { port: rig.pad, controls: new EppEmulatorControls(rig) };
}
