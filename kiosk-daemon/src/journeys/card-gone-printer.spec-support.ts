/**
 * The card printer card-making recovery sees in its specs: online, its last card gone from the slot
 * (presented, then taken or pulled in while the kiosk was down), `hopper` blanks left, and a reject
 * bin counted `rejectBin` cards (not counted at all when absent: a printer that does not count it).
 */
import type { CardPrinterPort } from '@kiosk/device-drivers';

export function cardGonePrinter(hopper: number, rejectBin?: number): CardPrinterPort {
  return {
    cardPosition: () => 'none',
    ejectToRejectBin: async () => undefined,
    status: () => ({
      kind: 'cardPrinter',
      device: 'online',
      supplies: [
        { name: 'cardHopper', level: 'ok', count: hopper },
        { name: 'rejectBin', level: 'ok', ...(rejectBin !== undefined && { count: rejectBin }) },
      ],
    }),
  } as unknown as CardPrinterPort;
}
