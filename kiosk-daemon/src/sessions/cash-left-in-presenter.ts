/**
 * Notes left in the cash dispenser's presenter with no session running: a withdrawal whose retract
 * failed left them there (`cash.leftInPresenter`, for staff or the late settlement), the dispenser
 * still answering (a retract refused as busy). Every dispense would be refused then, and a
 * withdrawal is refused at its start, so the kiosk machine is told (CASH_LEFT_IN_PRESENTER): it
 * holds withdrawals back and names the reason for staff and the fleet, until the presenter is found
 * empty with no session running (the notes taken, retracted, or settled by staff: CASH_LEFT_CLEARED).
 * Likewise while the step that leaves such notes for staff is owed to a journal that refused it
 * (`notes-left-owed.ts`): a new withdrawal is refused at its start then, the notes taken or not,
 * so withdrawals stay off the menu until the journal takes the step (or it is given up).
 *
 * The presenter is read whenever it may have changed: the devices' statuses, notes taken, a
 * session's end, the kiosk's own changes (a self test after a staff visit), an owed step's coming
 * and going. Never while a session
 * runs or is being started: its own notes wait there on their way to the resident.
 */
import type { CashDispenserPort } from '@kiosk/device-drivers';
import type { KioskEvent } from '@kiosk/state-machines';
import type { NotesLeftOwed } from '../journeys/notes-left-owed.js';

export interface CashLeftInPresenter {
  /** reads the presenter and tells the kiosk machine when what it holds changed */
  check(): void;
  /** stops reading on an owed step's changes */
  stop(): void;
}

export function watchCashLeftInPresenter(
  dispenser: Pick<CashDispenserPort, 'presenter'>,
  kiosk: { send(event: KioskEvent): void },
  sessionRuns: () => boolean,
  notesLeftOwed: NotesLeftOwed,
): CashLeftInPresenter {
  let told = false;
  const check = () => {
    if (sessionRuns()) return;
    const held = dispenser.presenter().state !== 'empty' || notesLeftOwed.owed();
    if (held === told) return;
    told = held;
    kiosk.send({ type: held ? 'CASH_LEFT_IN_PRESENTER' : 'CASH_LEFT_CLEARED' });
  };
  const stop = notesLeftOwed.onChange(check);
  return { check, stop };
}
