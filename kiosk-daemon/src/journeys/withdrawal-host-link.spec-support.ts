/**
 * What the withdrawal settlement specs share: the host as the kiosk reaches it through a link the
 * spec takes down, loses answers on or holds at a gate, and a withdrawal journaled as the journey
 * journals it up to its notes at the slot.
 */
import type { CashDispenserEmulator } from '@kiosk/device-drivers';
import { ErrorCode, KioskError, demoResident } from '@kiosk/domain';
import { hostGate } from '../host/host-gate.spec-support.js';
import type { HostService } from '../host/host.service.js';
import type { JourneyTools } from './journey-tools.js';
import { dispenserCounts } from './withdrawal-journey.js';

const li = demoResident('li')!;

/**
 * The host as the kiosk reaches it: `down` refuses every call (unreachable), `answerLost` lets a
 * confirm or reversal through and loses its answer (a timeout after the host acted), `hold()` holds
 * the next confirm or reversal before it reaches the host until released; `tries` counts the
 * confirms and reversals sent.
 */
export interface SpecLink {
  down: boolean;
  answerLost: boolean;
  tries: number;
  hold(): { waiting: Promise<void>; release: () => void };
}

export function hostLink(host: HostService, down: boolean): { host: HostService; link: SpecLink } {
  const gate = hostGate();
  const link: SpecLink = { down, answerLost: false, tries: 0, hold: () => gate.hold() };
  const unreachable = () => new KioskError(ErrorCode.HOST_UNREACHABLE, 'The back office cannot be reached.');
  // what recovery asks the host (held withdrawals, one by its key): refused while the link is down
  const asked = async <T>(ask: () => Promise<T>): Promise<T> => {
    if (link.down) throw unreachable();
    return ask();
  };
  const acted = async <T>(act: () => Promise<T>): Promise<T> => {
    link.tries += 1;
    const held = gate.arrive();
    if (held) await held;
    if (link.down) throw unreachable();
    const answer = await act();
    if (link.answerLost)
      throw new KioskError(ErrorCode.HOST_TIMEOUT, 'The back office did not answer in time.');
    return answer;
  };
  const wrapped = Object.create(host) as HostService;
  wrapped.reverseWithdrawal = (...args) => acted(() => host.reverseWithdrawal(...args));
  wrapped.confirmWithdrawal = (...args) => acted(() => host.confirmWithdrawal(...args));
  wrapped.authorisedWithdrawals = (...args) => asked(() => host.authorisedWithdrawals(...args));
  wrapped.withdrawalByKey = (...args) => asked(() => host.withdrawalByKey(...args));
  return { host: wrapped, link };
}

/**
 * Li's withdrawal of `amountFen` up to the notes at the slot, journaled as the journey does
 * (authorised at `host`, dispensed, presented); the authorisation id.
 */
export async function journalPresented(
  tools: JourneyTools,
  tx: string,
  host: HostService,
  dispenser: CashDispenserEmulator,
  amountFen: number,
): Promise<string> {
  const view = await tools.irreversible(
    'withdrawal.authorise',
    () =>
      host.authoriseWithdrawal({
        cardNumber: li.cardNumber,
        idNumber: li.idNumber,
        amountFen,
        transactionSerial: tx,
      }),
    { amountFen },
  );
  await tools.step('withdrawal.authorised', { authorisationId: view.authorisationId, amountFen });
  await tools.irreversible('cash.dispense', () => dispenser.dispense(amountFen), {
    amountFen,
    ...dispenserCounts(dispenser),
  });
  await tools.irreversible('cash.present', () => dispenser.present());
  return view.authorisationId;
}
