/**
 * What a refill and a bin emptying by field staff each are (`maintenance-supplies.service.ts` runs
 * either alike): the quantity and staff's count, what their steps journal, the refusals before the
 * device is told (the first one that applies is given) and after it acted, and the device's work
 * (on an emulated kiosk, the hands that put the stock in first: `emulated-hands.ts`).
 */
import type { replenishableSupply, ReplenishablePort, ReplenishResult } from '@kiosk/device-drivers';
import { ErrorCode } from '@kiosk/domain';
import type { EmulatorControls } from '../devices/devices.service.js';
import type { StepDetail } from '../journal/journal.service.js';
import { emulatedEmptyBin, emulatedRefill } from './emulated-hands.js';
import type { EmptyBinRequest, RefillRequest, ReplenishableDevice } from './maintenance-supply-requests.js';

/**
 * Why a supply act is refused: the reason told to staff, what is journaled and thrown with it, and
 * its code (MAINTENANCE_COUNT_MISMATCH unless given).
 */
export type Refusal = readonly [reason: string, details: StepDetail, code?: ErrorCode];

/**
 * An earlier act on the same supply, cut off by a restart, that staff have not confirmed: refused
 * until they do (ADR 0022). Its count is the base of this one's check and of the journal's count
 * this one makes, and the engineer at the supply is the one who can look whether it was done.
 */
export const unsettled = (transactionId: string): Refusal => [
  'An earlier act on this supply (a refill, an emptying, a test dispense\u2019s note from it) was cut off or got no answer and is not confirmed; confirm it first.',
  { unsettledTransactionId: transactionId },
  ErrorCode.MAINTENANCE_SUPPLY_UNSETTLED,
];

export type SupplySpec = ReturnType<typeof replenishableSupply>;

/** What a refill and a bin emptying differ in; `supplyAct` does the rest alike. */
export interface SupplyAct {
  readonly action: 'refill' | 'emptyBin';
  readonly role: 'stock' | 'bin';
  readonly device: ReplenishableDevice;
  readonly supply: string;
  /** units loaded, or taken out of the bin */
  readonly quantity: number;
  /** what staff counted, for the supply log */
  readonly countedByStaff: number | null;
  /** every step's detail (what staff said, the journal's count before) */
  readonly detail: (journalBefore: number | null) => StepDetail;
  /** more detail for the intent */
  readonly intent?: StepDetail;
  /** the refusals before anything moves, in order: the first one that applies is given */
  readonly refusals: (counts: {
    readonly spec: SupplySpec;
    readonly journalBefore: number | null;
    readonly deviceBefore: number | null;
    readonly expected: number | null;
  }) => readonly (Refusal | undefined)[];
  readonly work: (port: ReplenishablePort) => Promise<ReplenishResult>;
  /** a refusal once the device acted (logged already) */
  readonly refusalAfter?: (result: ReplenishResult, spec: SupplySpec) => Refusal | undefined;
}

/**
 * A refill: staff's count and the notes' denomination checked before, then what the stock holds
 * (the device's word, else the profile's `capacity`: the count it would reach past it, or a
 * replacement larger than one holds, is refused MAINTENANCE_OVER_CAPACITY, not journaled), the
 * device's count after.
 */
export function refillAct(request: RefillRequest, emulators: EmulatorControls, capacity?: number): SupplyAct {
  const { device, supply, added, countedBefore } = request;
  return {
    action: 'refill',
    role: 'stock',
    device,
    supply,
    quantity: added,
    countedByStaff: countedBefore ?? null,
    detail: (journalBefore) => ({ device, supply, added, journalBefore }),
    intent: { countedBefore: countedBefore ?? null },
    refusals: ({ spec, journalBefore, deviceBefore, expected }) => [
      spec.denominationFen !== undefined && request.denominationFen !== spec.denominationFen
        ? [
            'These notes are not of the cassette\u2019s denomination.',
            {
              denominationFen: request.denominationFen ?? null,
              cassetteDenominationFen: spec.denominationFen,
            },
          ]
        : undefined,
      journalBefore !== null && deviceBefore !== null && journalBefore !== deviceBefore
        ? ['The device and the journal disagree; a supervisor reconciles first.', { deviceBefore }]
        : undefined,
      countedBefore !== undefined && expected !== null && countedBefore !== expected
        ? ['The count entered does not agree with the journal; count again.', { countedBefore }]
        : undefined,
      overCapacity(spec, countedBefore ?? expected ?? 0, added, capacity),
    ],
    work: (port) => {
      emulatedRefill(emulators, device, supply, added);
      return port.refillSupply(supply, added);
    },
    // the device counted what was loaded (a ribbon replaces, a sensed supply cannot tell)
    refusalAfter: (result, spec) =>
      spec.replaces ||
      result.before === null ||
      result.after === null ||
      result.after - result.before === added
        ? undefined
        : ['The device counted another number than was loaded.', { deviceAfter: result.after }],
  };
}

/**
 * A refill that would leave the stock holding more than it holds: the device's own word
 * (`spec.capacity`: a printer's one roll, a ribbon's panels) before the profile's (`capacity`). A
 * supply a refill replaces (a ribbon, a roll of paper) holds what the new one holds, whatever was
 * left: more than one of them holds is no refill that can be.
 */
function overCapacity(
  spec: SupplySpec,
  before: number,
  added: number,
  profileCapacity?: number,
): Refusal | undefined {
  const capacity = spec.capacity ?? profileCapacity;
  if (capacity === undefined) return undefined;
  if (spec.replaces === true)
    return added <= capacity
      ? undefined
      : [
          `A new one holds at most ${capacity} ${spec.unit}; enter what the one put in holds.`,
          { capacity, mostAdded: capacity },
          ErrorCode.MAINTENANCE_OVER_CAPACITY,
        ];
  if (before + added <= capacity) return undefined;
  return [
    `This would put ${before + added} in, more than it holds (${capacity}); load no more than ${Math.max(0, capacity - before)}.`,
    { capacity, mostAdded: Math.max(0, capacity - before) },
    ErrorCode.MAINTENANCE_OVER_CAPACITY,
  ];
}

/** A bin emptying: what staff took out checked against the journal's count before. */
export function emptyBinAct(request: EmptyBinRequest, emulators: EmulatorControls): SupplyAct {
  const { device, supply, counted } = request;
  return {
    action: 'emptyBin',
    role: 'bin',
    device,
    supply,
    quantity: counted,
    countedByStaff: counted,
    detail: (journalBefore) => ({ device, supply, counted, journalBefore }),
    refusals: ({ expected }) => [
      expected !== null && counted !== expected
        ? ['The count taken out does not agree with the journal; count again.', { counted }]
        : undefined,
    ],
    work: (port) => {
      emulatedEmptyBin(emulators, device, supply);
      return port.emptySupplyBin(supply);
    },
  };
}
