import { ErrorCode, KioskError, parseResidentId } from '@kiosk/domain';
import type { HolderSex } from '@kiosk/host-simulator/contract';

/**
 * The sex a new card carries on its chip (EF06, GB/T 2261.1 '1' or '2') and on its face. The
 * host's value is read open (ADR 0013): one the kiosk knows is written as it is; an unknown one
 * (a code of another standard, 'unspecified', none) takes the sex the holder's ID number carries
 * (GB 11643: the sequence code is odd for male, even for female), the same that the resident's
 * ID card, read for this journey, shows. An ID number that cannot say fails the card's data as a
 * bad answer before any blank is fed.
 */
export function chipHolderSex(holder: {
  readonly idNumber: string;
  readonly sex: HolderSex;
}): 'male' | 'female' {
  if (holder.sex !== 'unknown') return holder.sex;
  try {
    return parseResidentId(holder.idNumber).sex;
  } catch {
    throw new KioskError(
      ErrorCode.HOST_BAD_RESPONSE,
      'The back office’s card data for you cannot be written; please go to a service counter.',
      { field: 'holder.sex' },
    );
  }
}
