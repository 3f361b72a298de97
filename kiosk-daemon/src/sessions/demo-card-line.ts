import type { EmulatedCardLine } from '@kiosk/device-drivers';
import type { DemoState } from '@kiosk/domain';

type DemoCardLine = DemoState['cards'][number];

/** the card states a demo card's label ends with, "(active)" (the device layer's codes) */
const STATE_IN_LABEL = /^(.*) \((made|active|temporarilyLost|lost|cancelled|expired)\)$/;
const BLANK_LABEL = /^blank (.+)$/;

/**
 * A demo card as the panel shows it: its name without a state word, where it is, and its state as
 * a code (`blank` for an unpersonalised card) the panel words in the chosen language. The state is
 * the one the host holds now (`stateAtHost`: made, active, lost…), so the line follows an
 * activation, a loss report or a card made on the spot; without it, a label of a card saved by an
 * older version still gives the state it was made with. The card number stays in the daemon.
 */
export function demoCardLine(card: EmulatedCardLine, stateAtHost?: string): DemoCardLine {
  const line = { cardId: card.cardId, label: card.label, location: card.location };
  const blank = BLANK_LABEL.exec(card.label);
  if (blank?.[1] !== undefined) return { ...line, label: blank[1], state: 'blank' };
  const withState = STATE_IN_LABEL.exec(card.label);
  const label = withState?.[1] ?? card.label;
  const state = stateAtHost ?? withState?.[2];
  return state !== undefined ? { ...line, label, state } : { ...line, label };
}
