/**
 * The supplies a virtual kiosk uses up, as a real kiosk counts them: receipt paper, blank cards,
 * the card printer's ribbon and notes. A kiosk starts part-used (a fleet does not run out all at
 * once); a resident's completed journey takes what it needs; field staff refill a used-up supply.
 */
import type { Journey } from '@kiosk/domain';

/** the supplies a virtual kiosk uses up (receipt paper, blank cards, the card printer's ribbon, notes) */
export type SimulatedSupply = 'paper' | 'cardHopper' | 'ribbon' | 'cassette';

export type Stock = Record<SimulatedSupply, number>;

/** what field staff load (the ribbon in prints: a real printer reports it; none reported reads as empty) */
export const FULL: Readonly<Stock> = { paper: 800, cardHopper: 200, ribbon: 250, cassette: 2000 };
const LOW: Readonly<Stock> = { paper: 80, cardHopper: 20, ribbon: 20, cassette: 200 };
export const SUPPLIES = [
  'paper',
  'cardHopper',
  'ribbon',
  'cassette',
] as const satisfies readonly SimulatedSupply[];

/** a kiosk's stock at start, part-used: 15 % to 100 % of each supply */
export function partUsedStock(random: () => number): Stock {
  return {
    paper: Math.round(FULL.paper * (0.15 + 0.85 * random())),
    cardHopper: Math.round(FULL.cardHopper * (0.15 + 0.85 * random())),
    cassette: Math.round(FULL.cassette * (0.15 + 0.85 * random())),
    // drawn last, so a seeded kiosk's other supplies start as they did before the ribbon
    ribbon: Math.round(FULL.ribbon * (0.15 + 0.85 * random())),
  };
}

export function supplyLevel(stock: Readonly<Stock>, name: SimulatedSupply): 'ok' | 'low' | 'empty' {
  const count = stock[name];
  return count <= 0 ? 'empty' : count <= LOW[name] ? 'low' : 'ok';
}

/** the supplies used up */
export function emptied(stock: Readonly<Stock>): SimulatedSupply[] {
  return SUPPLIES.filter((name) => stock[name] <= 0);
}

/** the journeys the stock allows (before any fault or hold) */
export function journeysStocked(stock: Readonly<Stock>): Journey[] {
  // records stay offered without paper: on screen, their printing withheld (RULES.md)
  const offered: Journey[] = ['balance', 'records', 'activatePin', 'changePin', 'resetPin', 'reportLoss'];
  if (stock.cardHopper > 0 && stock.ribbon > 0) offered.push('issueCard', 'replaceCard');
  if (stock.cassette > 0) offered.push('withdraw');
  return offered;
}

/** what a completed journey uses up: a receipt, a card and its print, notes (1 to 10) */
export function useUp(stock: Stock, journey: Journey, random: () => number): void {
  if (journey === 'records' || journey === 'withdraw' || journey === 'issueCard') stock.paper--;
  if (journey === 'issueCard' || journey === 'replaceCard') {
    stock.cardHopper--;
    stock.ribbon--;
  }
  if (journey === 'withdraw') stock.cassette = Math.max(0, stock.cassette - 1 - Math.floor(random() * 10));
}
