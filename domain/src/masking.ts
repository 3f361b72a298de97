/**
 * Masking of personal data for logs, receipts, screens and telemetry, as the domain rules say:
 * name as 张*明, ID number as 4108**********1234, card number as first 3 and last 3.
 */

/** 张三明 → 张*明, 李四 → 李*, Wang Xiaoming → W*g. */
export function maskName(name: string): string {
  const chars = Array.from(name.trim());
  if (chars.length === 0) return '';
  if (chars.length === 1) return '*';
  if (chars.length === 2) return `${chars[0]}*`;
  return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars[chars.length - 1]}`;
}

/** 410802199001011234 → 4108**********1234. */
export function maskIdNumber(idNumber: string): string {
  const s = idNumber.trim();
  if (s.length <= 8) return '*'.repeat(s.length);
  return `${s.slice(0, 4)}${'*'.repeat(s.length - 8)}${s.slice(-4)}`;
}

/** A9876543210 → A98*****210. */
export function maskCardNumber(cardNumber: string): string {
  const s = cardNumber.trim();
  if (s.length <= 6) return '*'.repeat(s.length);
  return `${s.slice(0, 3)}${'*'.repeat(s.length - 6)}${s.slice(-3)}`;
}

/** What `maskCardNumber` makes: the first 3 and last 3 shown, stars between (all stars up to 6). */
const MASKED_CARD_NUMBER = /^(?:[^*\s]{3}\*+[^*\s]{3}|\*{1,6})$/u;

/**
 * True when `value` is a card number masked by the one rule (`maskCardNumber`: A98*****210): a
 * full number, or one masked otherwise (first 6 and last 4), is not.
 */
export function isMaskedCardNumber(value: string): boolean {
  return MASKED_CARD_NUMBER.test(value);
}

const ID_NUMBER_IN_TEXT = /(?<![0-9])(\d{6})(\d{8})(\d{3})([\dXx])(?![0-9])/g;

/** Masks every 18-character ID number found inside free text (log lines, error details). */
export function maskIdNumbersInText(text: string): string {
  return text.replace(ID_NUMBER_IN_TEXT, (m) => maskIdNumber(m));
}
