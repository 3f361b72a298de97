/**
 * What the card printer says of itself, read into the one status model: the state line (Rst) as
 * device state and fault, the card position (Rlr), and the supplies: the feeder by its counter or,
 * without one, by its sensors; the ribbon's count and, where its tag says it, what a full one holds;
 * the reject box by its counter or its sensor.
 */
import {
  binLevel,
  ErrorCode,
  KioskError,
  stockLevel,
  type DeviceStatus,
  type SupplyStatus,
} from '@kiosk/domain';
import type { PrinterCardPosition } from './card-printer.port.js';
import { command, errorOfReply, POSITION_REPLY, PrinterError, voltsHigh } from './card-printer.protocol.js';

export const POSITION_OF: Readonly<Record<string, PrinterCardPosition>> = Object.fromEntries(
  Object.entries(POSITION_REPLY).map(([position, text]) => [text, position as PrinterCardPosition]),
);

/** The state line says the printer is offline (then nothing else is read). */
export function stateIsOffline(state: string): boolean {
  return state.startsWith('OFFLINE') || state === `ERR;${PrinterError.OFFLINE}`;
}

/** ERROR is a hardware fault, an open cover the user's; else busy while acting, or online. */
export function deviceOfState(
  state: string,
  acting: boolean,
): { readonly device: DeviceStatus['device']; readonly fault: KioskError | null } {
  const [major, minor = '', detail] = state.split(';');
  const fault =
    major === 'ERROR' || minor === PrinterError.COVER_OPEN
      ? errorOfReply(`ERR;${minor};${detail ?? ''}`)
      : null;
  const device = major === 'ERROR' ? 'hardwareError' : fault ? 'userError' : acting ? 'busy' : 'online';
  return { device, fault };
}

export async function readEvolisSupplies(
  ask: (frame: Buffer) => Promise<string>,
  thresholds: { readonly hopperLow: number; readonly ribbonLow: number },
): Promise<SupplyStatus[]> {
  const { hopperLow, ribbonLow } = thresholds;
  const counted = await ask(command('Rco', 'f'));
  let hopper: SupplyStatus;
  if (/^\d+$/.test(counted)) {
    const count = Number(counted);
    hopper = { name: 'cardHopper', level: stockLevel(count, hopperLow), count, threshold: hopperLow };
  } else {
    // a feeder that only has sensors: empty / near empty / ok
    const notEmpty = voltsHigh(await ask(command('Rse', 'f')));
    const nearEmpty = voltsHigh(await ask(command('Rse', 'n')));
    hopper = { name: 'cardHopper', level: !notEmpty ? 'empty' : nearEmpty ? 'low' : 'ok' };
  }
  const ribbonText = await ask(command('Rrt', 'count'));
  const ribbonCount = /^\d+$/.test(ribbonText) ? Number(ribbonText) : undefined;
  // what a full ribbon of the kind fitted holds, where its tag says (else the profile says it)
  const capacityText = ribbonCount === undefined ? '' : await ask(command('Rrt', 'capacity'));
  const ribbonCapacity = /^\d{1,6}$/.test(capacityText) ? Number(capacityText) : 0;
  const ribbon: SupplyStatus =
    ribbonCount === undefined
      ? { name: 'ribbon', level: 'unknown' }
      : {
          name: 'ribbon',
          level: stockLevel(ribbonCount, ribbonLow),
          count: ribbonCount,
          threshold: ribbonLow,
          ...(ribbonCapacity > 0 ? { capacity: ribbonCapacity } : {}),
        };
  const binText = await ask(command('Rco', 'r'));
  const bin = /^(\d+);(\d+)$/.exec(binText);
  const rejectBin: SupplyStatus = bin
    ? {
        name: 'rejectBin',
        level: binLevel(Number(bin[1]), Number(bin[2])),
        count: Number(bin[1]),
        capacity: Number(bin[2]),
      }
    : {
        name: 'rejectBin',
        level: (await ask(command('Rlr', 'h'))) === 'CARD' ? 'full' : 'ok',
      };
  return [hopper, ribbon, rejectBin];
}

export const protocolError = (line: string) =>
  new KioskError(ErrorCode.DEVICE_PROTOCOL_ERROR, 'The card printer gave an unexpected answer.', {
    reply: line.slice(0, 64),
  });
