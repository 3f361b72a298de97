/**
 * RULES.md "Issuing a card on the spot": a replacement's old card is reported lost or handed in
 * damaged. A damaged card the kiosk captured is out of the resident's hands: the host records why
 * (damaged, handed in, not lost) and cancels it at once, as a loss blocks a lost card; the fee and
 * the new card follow as for any replacement.
 */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { demoResident } from '@kiosk/domain';
import { startSimulator, type RunningSimulator } from '../testing/simulator-fixture.js';
import { ApplicationView } from './issuance.schemas.js';
import { cardIssued } from './issuance.spec-support.js';

const zhang = demoResident('zhang')!;
const li = demoResident('li')!;

describe('a damaged card handed in at the kiosk', () => {
  let host: RunningSimulator;
  let key = 0;
  beforeEach(async () => {
    host = await startSimulator();
  });
  afterEach(() => host.close());

  const post = (path: string, body: object = {}, idempotencyKey = `d-${++key}`) =>
    host.request('POST', path, { body, idempotencyKey });
  const handIn = (body: object, idempotencyKey?: string) =>
    post(`/v1/cards/${zhang.cardNumber}/replacement`, body, idempotencyKey);

  it('records the handed-in reason and cancels the old card at once, not as lost', async () => {
    const res = await handIn({ idNumber: zhang.idNumber, reason: 'damaged', handedIn: true });
    expect(res.status).toBe(200);
    const application = ApplicationView.parse(res.json());
    expect(application).toMatchObject({ kind: 'replacement', replacesCardNumber: zhang.cardNumber });
    expect(host.simulator.state.cards.get(zhang.cardNumber)?.state).toBe('cancelled');
    expect(host.simulator.state.applications.get(application.applicationNo)?.replacement).toEqual({
      reason: 'damaged',
      handedIn: true,
    });
    const actions = host.simulator.state.audit
      .filter((e) => e.cardNumber === zhang.cardNumber)
      .map((e) => e.action);
    expect(actions).toContain('card.handedInDamaged');
    expect(actions).not.toContain('card.confirmLoss');
  });

  it('makes the new card after the fee as for any replacement; the old number stays cancelled', async () => {
    const application = (
      await handIn({ idNumber: zhang.idNumber, reason: 'damaged', handedIn: true })
    ).json();
    await post(`/v1/applications/${application.applicationNo}/fee/account`, { idNumber: zhang.idNumber });
    const { card, issued } = await cardIssued(post, application.applicationNo, zhang.idNumber);
    expect(issued.card?.cardNumber).toBe(card.cardNumber);
    expect(host.simulator.state.cards.get(zhang.cardNumber)?.state).toBe('cancelled');
  });

  it('answers the same hand-in asked again (a retry after a lost answer) with the same application', async () => {
    const body = { idNumber: zhang.idNumber, reason: 'damaged', handedIn: true };
    const first = (await handIn(body, 'same-key')).json();
    const again = (await handIn(body, 'same-key')).json();
    expect(again.applicationNo).toBe(first.applicationNo);
    const handIns = host.simulator.state.audit.filter((e) => e.action === 'card.handedInDamaged');
    expect(handIns).toHaveLength(1);
  });

  it('cancels the card when it is handed in after a replacement was opened for it', async () => {
    const opened = (await handIn({ idNumber: zhang.idNumber, reason: 'damaged' })).json();
    expect(host.simulator.state.cards.get(zhang.cardNumber)?.state).toBe('active');
    const handed = (await handIn({ idNumber: zhang.idNumber, reason: 'damaged', handedIn: true })).json();
    expect(handed.applicationNo).toBe(opened.applicationNo);
    expect(host.simulator.state.cards.get(zhang.cardNumber)?.state).toBe('cancelled');
  });

  it('refuses a lost card said to be handed in', async () => {
    const res = await handIn({ idNumber: zhang.idNumber, reason: 'lost', handedIn: true });
    expect(res.status).toBe(400);
    expect(host.simulator.state.cards.get(zhang.cardNumber)?.state).toBe('active');
  });

  it('refuses someone else’s card handed in with ID_MISMATCH and leaves it as it was', async () => {
    const res = await handIn({ idNumber: li.idNumber, reason: 'damaged', handedIn: true });
    expect(res.json().code).toBe('ID_MISMATCH');
    expect(host.simulator.state.cards.get(zhang.cardNumber)?.state).toBe('active');
  });
});
