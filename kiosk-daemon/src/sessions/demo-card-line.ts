import type { DemoState } from '@kiosk/domain';

type DemoCardLine = DemoState['cards'][number];

/** the card states a demo card's label ends with, "(active)" (the device layer's codes) */
const STATE_IN_LABEL = /^(.*) \((made|active|temporarilyLost|lost|cancelled|expired)\)$/;
const BLANK_LABEL = /^blank (.+)$/;

/**
 * A demo card as the panel shows it: the device layer's label without its state word, and the
 * state as a code (`blank` for an unpersonalised card) the panel words in the chosen language.
 * Labels of cards saved by older versions read the same way; any other label is shown as it is.
 */
export function demoCardLine(card: Omit<DemoCardLine, 'state'>): DemoCardLine {
  const withState = STATE_IN_LABEL.exec(card.label);
  if (withState?.[1] !== undefined && withState[2] !== undefined) {
    return { ...card, label: withState[1], state: withState[2] };
  }
  const blank = BLANK_LABEL.exec(card.label);
  if (blank?.[1] !== undefined) return { ...card, label: blank[1], state: 'blank' };
  return card;
}
