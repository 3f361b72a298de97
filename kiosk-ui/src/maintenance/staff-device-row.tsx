/**
 * One device in the maintenance menu: its state, its fault in words with the code beside them (for
 * the engineer's manual and the fleet), the device's own words for it (English device text, e.g.
 * the PC/SC code: what the engineer looks up; the daemon masks any ID number), the PC/SC reader it needs that is not connected, named
 * (the card printer's chip station reader: only staff see the name), a card left in the card reader
 * for staff, and the clear-fault button.
 */
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import {
  JAMMED_CARD_WHEREABOUTS,
  type CardLeftForStaff,
  type JammedCardWhereabouts,
  type MaintenanceView,
} from '@kiosk/domain';
import { useMessages } from '../i18n/use-messages';
import type { Messages } from '../i18n/messages.en';

type StaffDevice = MaintenanceView['devices'][number];

/** A device's fault code in words: the catalogue's words, else the code as sent. */
export function faultWords(messages: Messages, code: string): string {
  return messages.errors[code]?.what ?? code;
}

/**
 * What a refusal on the staff screens says beyond its code: a clear refused names the device and
 * the fault it still has (the daemon's details `{ device, fault }`); a test that did not pass names
 * the test, the device and its fault (`{ check, device, fault }`, `check-outcome.ts`); a blank
 * refused because the card printer's chip station cannot encode (`{ device: 'chipStation' }`, the
 * test card) says no blank was used; else undefined.
 */
export function staffRefusalDetail(
  t: TFunction,
  messages: Messages,
  details: Readonly<Record<string, unknown>> | undefined,
): string | undefined {
  const device = details?.device;
  const fault = details?.fault;
  const check = details?.check;
  if (device === 'chipStation') return t('staff.chipStationRefused');
  if (typeof check === 'string' && typeof fault === 'string') {
    return t(typeof device === 'string' ? 'staff.checkFailed' : 'staff.checkFailedOf', {
      check: t(`staff.checks.${check}`, { defaultValue: check }),
      device: typeof device === 'string' ? t(`staff.deviceNames.${device}`, { defaultValue: device }) : '',
      fault: faultWords(messages, fault),
      code: fault,
    });
  }
  if (typeof device !== 'string' || typeof fault !== 'string') return undefined;
  return t('staff.faultPersists', {
    device: t(`staff.deviceNames.${device}`, { defaultValue: device }),
    fault: faultWords(messages, fault),
    code: fault,
  });
}

/**
 * What staff do after a device's refusal (DEVICE_*) or a test that did not pass (any fault's code):
 * put it right, not the resident's "use another kiosk".
 */
export function staffRefusalNext(
  t: TFunction,
  code: string,
  details?: Readonly<Record<string, unknown>>,
): string | undefined {
  return code.startsWith('DEVICE_') || typeof details?.check === 'string'
    ? t('staff.deviceRefusalNext')
    : undefined;
}

/** the staff words for a card the reader holds (`inside`, `atSlot`) or may hold (`maybe`) */
const CARD_LEFT_WORDS = {
  inside: 'staff.cardLeftInReader',
  atSlot: 'staff.cardLeftInSlot',
  maybe: 'staff.cardMayBeInReader',
} as const satisfies Record<CardLeftForStaff, string>;

/** What the view says of a card left in the reader (a daemon of an earlier release: its boolean only). */
export function cardLeftOf(view: Pick<MaintenanceView, 'cardLeft' | 'cardLeftInReader'>) {
  return view.cardLeft ?? (view.cardLeftInReader ? ('inside' as const) : undefined);
}

export function StaffDeviceRow(props: {
  device: StaffDevice;
  busy: boolean;
  mayClear: boolean;
  /** `jammedCard`: where staff put the card that jammed (asked with `askJammedCard`) */
  onClear: (jammedCard?: JammedCardWhereabouts) => void;
  /** the card printer jammed a card whose whereabouts staff have not said: the clear asks it */
  askJammedCard?: boolean;
  /** how many jammed cards wait for staff's word (the view's jammedCardsUnsaid): asked one clear each */
  jammedCardsUnsaid?: number;
  /** the card reader holds a card left for staff, or may (the view's cardLeft) */
  cardLeft?: CardLeftForStaff;
}) {
  const { t } = useTranslation();
  const { messages } = useMessages();
  const d = props.device;
  // a daemon of an earlier release sends no missingReader
  const reader = d.missingReader ?? null;
  // more than one jammed card unsaid: each answered in turn, the earliest first, the count shown
  const jams = props.jammedCardsUnsaid ?? 0;
  const jammedCardQuestion =
    jams > 1 ? t('staff.jammedCardsQuestion', { n: jams }) : t('staff.jammedCardQuestion');
  return (
    <li data-testid={`staff-device-${d.kind}`} data-state={d.state}>
      <span>{t(`staff.deviceNames.${d.kind}`)}</span>
      <span>{t(`staff.states.${d.state}`)}</span>
      {d.fault ? (
        <span className="staff-devices__fault" data-testid="staff-device-fault">
          {faultWords(messages, d.fault)} <code>{d.fault}</code>
        </span>
      ) : null}
      {d.fault && d.faultMessage ? (
        <span className="staff-devices__fault-message" data-testid="staff-device-fault-message">
          {t('staff.deviceSays')} <q lang="en">{d.faultMessage}</q>
        </span>
      ) : null}
      {reader !== null ? (
        <span className="staff-devices__reader" data-testid="staff-device-missing-reader">
          {t('staff.missingReader', { reader })}
        </span>
      ) : null}
      {props.cardLeft ? (
        <span className="staff-devices__reader" role="status" data-testid="staff-card-left">
          {t(CARD_LEFT_WORDS[props.cardLeft])}
        </span>
      ) : null}
      {props.mayClear && props.askJammedCard ? (
        <span
          role="group"
          aria-label={jammedCardQuestion}
          data-testid="staff-jammed-card"
          data-count={jams > 1 ? jams : undefined}
        >
          {jammedCardQuestion}
          {JAMMED_CARD_WHEREABOUTS.map((where) => (
            <button
              key={where}
              type="button"
              className="tool-button"
              disabled={props.busy}
              data-testid={`staff-jammed-card-${where}`}
              onClick={() => props.onClear(where)}
            >
              {t(where === 'inRejectBin' ? 'staff.jammedCardInRejectBin' : 'staff.jammedCardRemoved')}
            </button>
          ))}
        </span>
      ) : props.mayClear && d.state !== 'online' && d.state !== 'busy' ? (
        <button type="button" className="tool-button" disabled={props.busy} onClick={() => props.onClear()}>
          {t('staff.clearFault')}
        </button>
      ) : null}
    </li>
  );
}
