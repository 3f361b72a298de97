/**
 * The resident ID cards the emulators hold: one per demo resident, plus an expired card and one
 * whose ID number has a wrong check character. Demo data only; shared by the in-memory and the
 * byte-level emulator.
 */
import { DEMO_RESIDENTS, ErrorCode, KioskError, makeResidentId } from '@kiosk/domain';
import type { ResidentIdCard } from './id-reader.port.js';
import { syntheticPortraitPng } from './synthetic-portrait.js';

const DISTRICTS: Readonly<Record<string, { address: string; authority: string }>> = {
  '410802': { address: '河南省焦作市解放区民主南路88号', authority: '焦作市公安局解放分局' },
  '410803': { address: '河南省焦作市中站区冯封街道12号', authority: '焦作市公安局中站分局' },
  '410811': { address: '河南省焦作市山阳区塔南路1566号', authority: '焦作市公安局山阳分局' },
  '410882': { address: '河南省沁阳市怀庆街道覃怀路7号', authority: '沁阳市公安局' },
};

/**
 * The card's 1024-byte photo field: a synthetic portrait (PNG, no real person), distinct per
 * card, padded with zeros to the field's length as the base message carries it.
 */
export function emulatedIdPhoto(seed: string): Uint8Array {
  const photo = new Uint8Array(1024);
  photo.set(syntheticPortraitPng(seed).subarray(0, photo.length));
  return photo;
}

/**
 * The card with its photo drawn when first read, not when this module loads: drawing every
 * portrait (and deflating it) took some 20 ms of every daemon's start (bench/RESULTS.md).
 */
function withPhoto(card: Omit<ResidentIdCard, 'photo'>, seed: string): ResidentIdCard {
  let photo: Uint8Array | undefined;
  return Object.defineProperty({ ...card }, 'photo', {
    enumerable: true,
    get: () => (photo ??= emulatedIdPhoto(seed)),
  }) as ResidentIdCard;
}

function district(idNumber: string): { address: string; authority: string } {
  return DISTRICTS[idNumber.slice(0, 6)] ?? { address: '河南省焦作市', authority: '焦作市公安局' };
}

function demoCards(): Record<string, ResidentIdCard> {
  const cards: Record<string, ResidentIdCard> = {};
  for (const r of DEMO_RESIDENTS) {
    const born = Number(r.birthDate.slice(0, 4));
    const { address, authority } = district(r.idNumber);
    cards[r.key] = withPhoto(
      {
        name: r.name,
        sex: r.sex,
        ethnicity: '汉',
        birthDate: r.birthDate,
        address,
        idNumber: r.idNumber,
        issuingAuthority: authority,
        validFrom: '2019-08-20',
        validTo: born < 1970 ? 'long-term' : born < 1990 ? '2039-08-20' : '2029-08-20',
      },
      r.key,
    );
  }
  return cards;
}

const expiredId = makeResidentId('410811', '19880707', 515);
const goodId = makeResidentId('410802', '19910214', 624);
const badChecksumId = goodId.slice(0, 17) + (goodId[17] === '0' ? '1' : '0');

/** Every ID card an emulator can place on its reader, by key. */
export const EMULATED_ID_CARDS: Readonly<Record<string, ResidentIdCard>> = {
  ...demoCards(),
  expired: withPhoto(
    {
      name: '孙志强',
      sex: 'male',
      ethnicity: '汉',
      birthDate: '1988-07-07',
      address: DISTRICTS['410811']?.address ?? '',
      idNumber: expiredId,
      issuingAuthority: DISTRICTS['410811']?.authority ?? '',
      validFrom: '2005-03-01',
      validTo: '2025-03-01',
    },
    'expired',
  ),
  'bad-checksum': withPhoto(
    {
      name: '周晓燕',
      sex: 'female',
      ethnicity: '回',
      birthDate: '1991-02-14',
      address: DISTRICTS['410802']?.address ?? '',
      idNumber: badChecksumId,
      issuingAuthority: DISTRICTS['410802']?.authority ?? '',
      validFrom: '2016-09-01',
      validTo: '2036-09-01',
    },
    'bad-checksum',
  ),
};

/**
 * The card an emulator holds under `key` (what its `placeCard` puts on the reader); a key it
 * holds no card for is refused, coded INTERNAL (the emulator's caller is wrong, not the reader).
 */
export function emulatedIdCardOf(
  cards: Readonly<Record<string, ResidentIdCard>>,
  key: string,
): ResidentIdCard {
  const card = cards[key];
  if (!card)
    throw new KioskError(ErrorCode.INTERNAL, 'The emulator holds no ID card with this key.', { key });
  return card;
}
