/**
 * Between the base message's printed fields (codes and YYYYMMDD dates, as GA 467 stores them)
 * and the `ResidentIdCard` the port hands out. Shared by the driver and the byte-level emulator.
 */
import { ErrorCode, KioskError } from '@kiosk/domain';
import type { ResidentIdCard } from './id-reader.port.js';
import { ETHNICITY_CODES, type BaseMessageText } from './id-reader.protocol.js';

const LONG_TERM = '长期';

const compactDate = (iso: string) => iso.replaceAll('-', '');

function isoDate(compact: string): string {
  if (!/^\d{8}$/.test(compact)) {
    throw new KioskError(ErrorCode.ID_CARD_UNREADABLE, 'A date on the ID card could not be read.');
  }
  return `${compact.slice(0, 4)}-${compact.slice(4, 6)}-${compact.slice(6, 8)}`;
}

export function idCardToBaseMessageText(card: ResidentIdCard): BaseMessageText {
  const ethnicity = Object.entries(ETHNICITY_CODES).find(([, name]) => name === card.ethnicity)?.[0] ?? '97';
  return {
    name: card.name,
    sex: card.sex === 'male' ? '1' : '2',
    ethnicity,
    birthDate: compactDate(card.birthDate),
    address: card.address,
    idNumber: card.idNumber,
    issuingAuthority: card.issuingAuthority,
    validFrom: compactDate(card.validFrom),
    validTo: card.validTo === 'long-term' ? LONG_TERM : compactDate(card.validTo),
    reserved: '',
  };
}

/** Reads the printed fields; throws ID_CARD_UNREADABLE on a field that cannot be right. */
export function idCardFromBaseMessage(text: BaseMessageText, photo: Uint8Array): ResidentIdCard {
  if (text.sex !== '1' && text.sex !== '2') {
    throw new KioskError(ErrorCode.ID_CARD_UNREADABLE, 'The sex field on the ID card could not be read.');
  }
  if (text.name.length === 0 || text.idNumber.length !== 18) {
    throw new KioskError(ErrorCode.ID_CARD_UNREADABLE, 'The ID card data is incomplete.');
  }
  return {
    name: text.name,
    sex: text.sex === '1' ? 'male' : 'female',
    ethnicity: ETHNICITY_CODES[text.ethnicity] ?? text.ethnicity,
    birthDate: isoDate(text.birthDate),
    address: text.address,
    idNumber: text.idNumber,
    issuingAuthority: text.issuingAuthority,
    validFrom: isoDate(text.validFrom),
    validTo: text.validTo === LONG_TERM ? 'long-term' : isoDate(text.validTo),
    photo,
  };
}
