/**
 * pcscd's side of a plain PC/SC reader without a motor, stood in for in the daemon's unit specs: a
 * reader not listed until `list`, then online with its first status told, card or not (as
 * `PcscChipLink` tells it); `say` a later status (`undefined`: the reader gone with pcscd, no card
 * moved). No chip is reached. `presenceReaderOn` is the reader `PcscCardReader` makes of it
 * (`MotorisedCardReader` on the `PresenceCardMechanism`).
 */
import {
  type ChipLink,
  type ChipLinkState,
  MotorisedCardReader,
  PresenceCardMechanism,
} from '@kiosk/device-drivers';
import { ErrorCode, KioskError } from '@kiosk/domain';

export function pcscdStandIn() {
  let state: ChipLinkState = 'noDevice';
  const stateListeners = new Set<(state: ChipLinkState) => void>();
  const presence = new Set<(present: boolean | undefined) => void>();
  const offline = () => Promise.reject(new KioskError(ErrorCode.DEVICE_OFFLINE, 'no chip in this spec'));
  const link: ChipLink = {
    connect: offline,
    transmit: offline,
    disconnect: async () => undefined,
    close: async () => undefined,
    start: async () => state,
    state: () => state,
    onState: (listener) => (stateListeners.add(listener), () => stateListeners.delete(listener)),
  };
  const source = {
    onPresence: (listener: (present: boolean | undefined) => void) => (
      presence.add(listener),
      () => presence.delete(listener)
    ),
  };
  const say = (present: boolean | undefined) => presence.forEach((listener) => listener(present));
  const list = (withCard: boolean) => {
    state = 'online';
    stateListeners.forEach((listener) => listener(state));
    say(withCard);
  };
  return { link, source, list, say };
}

export type PcscdStandIn = ReturnType<typeof pcscdStandIn>;

/** The presence reader on the stand-in, not opened; `lostReaderWaitMs` as the daemon gives it (none). */
export function presenceReaderOn(pcscd: PcscdStandIn, lostReaderWaitMs?: number): MotorisedCardReader {
  const mechanism = new PresenceCardMechanism(pcscd.source);
  return new MotorisedCardReader({ mechanism, chip: pcscd.link, driver: 'pcsc', lostReaderWaitMs });
}
