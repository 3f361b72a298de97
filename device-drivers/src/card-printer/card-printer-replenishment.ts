/**
 * Field staff's refills of the card printer, over the escape-command protocol. Our extensions
 * (see `card-printer.protocol.ts`): `Pco;f;<n>` n blanks loaded into the feeder (a counting
 * feeder adds them to its count), `Prt;<n>` a new ribbon of n prints (for a ribbon without a tag
 * the printer reads; no more than a full ribbon holds where its tag says it, `Rrt;capacity`), `Pco;r;0` the reject box emptied (its counter back to 0). A printer without
 * such a counter answers ERR;ERR_COMMAND: the count is then the one staff entered, and the sensors
 * read afterwards still say whether the feeder has cards and the box has room.
 */
import { ErrorCode, KioskError, type SupplyStatus } from '@kiosk/domain';
import {
  assertLoadedCount,
  countOf,
  replenishableSupply,
  type ReplenishableSupply,
  type ReplenishResult,
} from '../common/supply-replenishment.js';
import { command, errorOfReply, PrinterError } from './card-printer.protocol.js';

/** What failed on the line: a frame that got no reply, or a status read. */
export type WireFailure = 'supply command' | 'status read';

/**
 * What the replenishment needs of the driver: one frame out and its reply, a status read, and
 * where to tell that the printer did not answer either (it reads offline with the code then).
 */
export interface CardPrinterWire {
  tell(frame: Buffer): Promise<string>;
  refresh(): Promise<void>;
  supplies(): readonly SupplyStatus[];
  failed(error: unknown, what: WireFailure): void;
}

/**
 * The wire whose failures are told to the driver at once: a printer that did not answer a refill's
 * command or status read reads offline with the code, not online until a poll or self test.
 */
function told(wire: CardPrinterWire): CardPrinterWire {
  const guarded = <T>(pending: Promise<T>, what: WireFailure): Promise<T> =>
    pending.catch((e: unknown) => {
      wire.failed(e, what);
      throw e;
    });
  return {
    ...wire,
    tell: (frame) => guarded(wire.tell(frame), 'supply command'),
    refresh: () => guarded(wire.refresh(), 'status read'),
  };
}

export function cardPrinterReplenishables(supplies: readonly SupplyStatus[]): ReplenishableSupply[] {
  const by = (name: string) => (countOf(supplies, name) === null ? 'staff' : 'device');
  return [
    { supply: 'cardHopper', role: 'stock', unit: 'cards', countedBy: by('cardHopper') },
    {
      supply: 'ribbon',
      role: 'stock',
      unit: 'prints',
      countedBy: by('ribbon'),
      replaces: true,
      ...ribbonCapacityOf(supplies),
    },
    { supply: 'rejectBin', role: 'bin', unit: 'cards', countedBy: by('rejectBin') },
  ];
}

/** What a full ribbon holds, where the printer read it off the ribbon's tag (`Rrt;capacity`). */
function ribbonCapacityOf(supplies: readonly SupplyStatus[]): { capacity?: number } {
  const capacity = supplies.find((s) => s.name === 'ribbon')?.capacity;
  return capacity === undefined ? {} : { capacity };
}

/** Sends the frame; a printer without the counter (ERR_COMMAND) is fine, any other refusal is coded. */
async function tellCounter(wire: CardPrinterWire, frame: Buffer): Promise<void> {
  const line = await wire.tell(frame);
  if (line === 'OK' || line.startsWith(`ERR;${PrinterError.COMMAND}`)) return;
  throw (
    errorOfReply(line) ??
    new KioskError(ErrorCode.DEVICE_PROTOCOL_ERROR, 'The card printer gave an unexpected answer.')
  );
}

export async function refillCardPrinter(
  driverWire: CardPrinterWire,
  supply: string,
  added: number,
): Promise<ReplenishResult> {
  const wire = told(driverWire);
  replenishableSupply('cardPrinter', cardPrinterReplenishables(wire.supplies()), supply, 'stock');
  assertLoadedCount(added);
  await wire.refresh();
  const before = countOf(wire.supplies(), supply);
  const { capacity } = supply === 'ribbon' ? ribbonCapacityOf(wire.supplies()) : {};
  if (capacity !== undefined && added > capacity) {
    throw new KioskError(
      ErrorCode.MAINTENANCE_OVER_CAPACITY,
      `A new ribbon holds at most ${capacity} prints, as its tag says; enter the prints of the one fitted.`,
      { supply, capacity, mostAdded: capacity, added },
    );
  }
  await tellCounter(wire, supply === 'ribbon' ? command('Prt', added) : command('Pco', 'f', added));
  await wire.refresh();
  const now = wire.supplies().find((s) => s.name === supply);
  if (now?.level === 'empty') {
    throw new KioskError(
      ErrorCode.DEVICE_SUPPLY_EMPTY,
      'The card printer still senses none; seat the stock.',
      {
        supply,
      },
    );
  }
  return { supply, before, after: now?.count ?? null };
}

export async function emptyCardPrinterBin(
  driverWire: CardPrinterWire,
  supply: string,
): Promise<ReplenishResult> {
  const wire = told(driverWire);
  replenishableSupply('cardPrinter', cardPrinterReplenishables(wire.supplies()), supply, 'bin');
  await wire.refresh();
  const before = countOf(wire.supplies(), supply);
  await tellCounter(wire, command('Pco', 'r', 0));
  await wire.refresh();
  return { supply, before, after: countOf(wire.supplies(), supply) };
}
