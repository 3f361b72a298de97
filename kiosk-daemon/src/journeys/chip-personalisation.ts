/**
 * The chip step of card making: what the chip holds (the host's personalisation data on this
 * chip's serial: EF05 the card's identification, EF06 the holder's) and its writing, journaled
 * before it acts and after its outcome (`chip.personalise`): the chip's serial read, its key asked
 * of the host for that serial, the records and the default PIN written and read back. The key and
 * the PIN are wiped whatever the write did.
 */
import {
  type CardRecordFields,
  type ChipStation,
  DEFAULT_CARD_PIN_DIGITS,
  holderFieldChipCannotHold,
  SecurePin,
} from '@kiosk/device-drivers';
import { ErrorCode, KioskError } from '@kiosk/domain';
import type { CardPersonalisation } from '@kiosk/host-simulator';
import type { IssuanceHostService } from '../host/issuance-host.service.js';
import { chipHolderSex } from './card-holder-sex.js';
import type { JourneyTools } from './journey-tools.js';

/**
 * Card data the chip cannot hold as the kiosk writes it (a name over its record's bytes, which the
 * card face still takes) refused before any blank is fed: written, it failed the chip's read-back
 * after the blank was fed, a blank spoiled at every attempt, and no card for the resident. The
 * refusal names the field, never its value.
 */
export function refuseDataChipCannotHold(order: CardPersonalisation): void {
  const field = holderFieldChipCannotHold(order.holder);
  if (field === undefined) return;
  throw new KioskError(
    ErrorCode.CARD_MAKING_FAILED,
    'Your card cannot be made at this kiosk; please go to a service counter. Nothing more was charged.',
    { field: `holder.${field}` },
  );
}

/** What the chip holds: the host's personalisation data on this chip's serial. */
function chipFields(order: CardPersonalisation, chipSerial: string): CardRecordFields {
  return {
    cardIdentifier: chipSerial,
    cardType: '1',
    version: '3.00',
    issuingOrganisation: `${order.issuerRegionCode.slice(0, 4)}00000001`,
    issueDate: order.issueDate,
    expiryDate: order.expiryDate,
    cardNumber: order.cardNumber,
    idNumber: order.holder.idNumber,
    name: order.holder.name,
    sex: chipHolderSex(order.holder),
    ethnicity: '01',
    birthPlace: order.holder.idNumber.slice(0, 6),
    birthDate: order.holder.birthDate,
  };
}

/** Personalises the chip of the blank at the chip station with `order`, journaled as `chip.personalise`. */
export function personaliseChip(
  chip: Pick<ChipStation, 'readChipSerial' | 'personalise'>,
  issuance: Pick<IssuanceHostService, 'personalisationKey'>,
  tools: JourneyTools,
  order: CardPersonalisation,
  detail: { readonly attempt: number; readonly card: string },
  signal: AbortSignal,
): Promise<void> {
  return tools.irreversible(
    'chip.personalise',
    async () => {
      const chipSerial = await chip.readChipSerial(signal);
      const key = await issuance.personalisationKey(order.cardNumber, chipSerial, signal);
      const cardKey = Buffer.from(key.keyHex, 'hex');
      const pin = SecurePin.fromKeys(DEFAULT_CARD_PIN_DIGITS);
      try {
        await chip.personalise(cardKey, chipFields(order, chipSerial), pin, signal);
      } finally {
        cardKey.fill(0);
        pin.wipe();
      }
    },
    detail,
  );
}
