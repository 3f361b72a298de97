/**
 * What the issuance specs of the simulator share: a fresh simulator before each case with a known
 * issuer master key, on a clock the spec sets, and the kiosk's POSTs to it (a new idempotency key
 * each); and a card made for a paid application and reported issued.
 */
import type { HostAnswer } from '../testing/simulator-fixture.js';
import { simulatorPerCase } from '../testing/simulator-per-case.spec-support.js';
import { IssuanceAnswer } from './issuance.schemas.js';

export const MASTER = '00112233445566778899aabbccddeeff';

/** The simulator of the case (the issuer key `MASTER`), its clock, and the kiosk's POST to it. */
export function issuanceHost() {
  const sim = simulatorPerCase({ issuerMasterKey: MASTER });
  let key = 0;
  return Object.assign(sim, {
    post: (path: string, body: object = {}) =>
      sim.host.request('POST', path, { body, idempotencyKey: `k-${++key}` }),
  });
}

/** The card of application `applicationNo` (its fee paid) ordered for `idNumber`, made and reported issued. */
export async function cardIssued(
  post: (path: string, body: object) => Promise<HostAnswer>,
  applicationNo: string,
  idNumber: string,
) {
  const card = (await post(`/v1/applications/${applicationNo}/card`, { idNumber })).json() as {
    cardNumber: string;
  };
  const issued = IssuanceAnswer.parse(
    (
      await post(`/v1/applications/${applicationNo}/issued`, {
        cardNumber: card.cardNumber,
        outcome: 'issued',
      })
    ).json(),
  );
  return { card, issued };
}
