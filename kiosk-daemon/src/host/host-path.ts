import { maskCardNumber, maskIdNumbersInText } from '@kiosk/domain';

/**
 * A path of the back office's API as it is sent, and as an error's details name it (`shown`):
 * the card number a path holds masked (`maskCardNumber`), as every ID number in it
 * (`maskIdNumbersInText`). Details reach the kiosk's log, the journal and the staff screens.
 */
export interface HostPath {
  readonly sent: string;
  readonly shown: string;
}

/** A card number as a part of a path: sent whole, shown masked. */
export interface CardNumberInPath {
  readonly cardNumber: string;
}

export const cardInPath = (cardNumber: string): CardNumberInPath => ({ cardNumber });

/**
 * A path with its parts encoded (`encodeURIComponent`); a card number goes in as `cardInPath(n)`:
 * hostPath`/v1/cards/${cardInPath(n)}/activate`.
 */
export function hostPath(
  text: TemplateStringsArray,
  ...parts: readonly (string | number | CardNumberInPath)[]
): HostPath {
  let sent = text[0] ?? '';
  let shown = sent;
  parts.forEach((part, i) => {
    const card = typeof part === 'object';
    const whole = encodeURIComponent(card ? part.cardNumber : String(part));
    sent += whole + (text[i + 1] ?? '');
    shown += (card ? encodeURIComponent(maskCardNumber(part.cardNumber)) : whole) + (text[i + 1] ?? '');
  });
  return { sent, shown: maskIdNumbersInText(shown) };
}

/** A path as the client reads it: a plain one names no card (an ID number in it is masked still). */
export function pathOf(path: string | HostPath): HostPath {
  return typeof path === 'string' ? { sent: path, shown: maskIdNumbersInText(path) } : path;
}
