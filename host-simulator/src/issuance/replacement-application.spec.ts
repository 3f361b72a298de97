/**
 * The simulator's replacement applications: a lost card replaced (the loss confirmed, the fee by QR
 * code, the new card made, the old number cancelled), the fee from the personal account, a QR order
 * left unpaid, the open application asked for twice; and the lookups before them by ID number.
 */
import { describe, expect, it } from '@jest/globals';
import { demoResident, makeResidentId } from '@kiosk/domain';
import { SystemAccount } from '../ledger/ledger.js';
import { ApplicationView, QrPaymentView, ResidentAnswer } from './issuance.schemas.js';
import { cardIssued, issuanceHost } from './issuance.spec-support.js';

const zhang = demoResident('zhang')!;
const li = demoResident('li')!;
const wang = demoResident('wang')!;

describe('replacement applications and the lookups before them', () => {
  const sim = issuanceHost();
  const { post } = sim;

  it('replaces a lost card: loss confirmed, fee by QR, new card, old number cancelled', async () => {
    const application = ApplicationView.parse(
      (
        await post(`/v1/cards/${zhang.cardNumber}/replacement`, { idNumber: zhang.idNumber, reason: 'lost' })
      ).json(),
    );
    expect(application).toMatchObject({ kind: 'replacement', status: 'awaitingFee', feeFen: 2_000 });
    expect(sim.host.simulator.state.cards.get(zhang.cardNumber)?.state).toBe('lost');

    const unpaid = await post(`/v1/applications/${application.applicationNo}/card`, {
      idNumber: zhang.idNumber,
    });
    expect(unpaid.json().code).toBe('FEE_NOT_PAID');

    const order = QrPaymentView.parse(
      (await post(`/v1/applications/${application.applicationNo}/fee/qr`)).json(),
    );
    expect(order).toMatchObject({ status: 'pending', amountFen: 2_000 });
    expect(order.qrContent).toContain(order.paymentId);
    expect((await sim.host.request('GET', `/v1/payments/${order.paymentId}`)).json().status).toBe('pending');
    sim.host.simulator.qrProvider.pay(order.paymentId);
    expect((await sim.host.request('GET', `/v1/payments/${order.paymentId}`)).json().status).toBe('paid');
    expect(sim.host.simulator.state.ledger.balanceOf(SystemAccount.feeIncome)).toBe(2_000);

    const { card, issued } = await cardIssued(post, application.applicationNo, zhang.idNumber);
    expect(issued.cancelledCardNumber).toBe(zhang.cardNumber);
    expect(sim.host.simulator.state.cards.get(zhang.cardNumber)?.state).toBe('cancelled');
    expect(sim.host.simulator.state.balanceOfCard(card.cardNumber)).toBe(zhang.balanceFen);
  });

  it('pays the replacement fee from the personal account', async () => {
    const application = (
      await post(`/v1/cards/${li.cardNumber}/replacement`, { idNumber: li.idNumber, reason: 'damaged' })
    ).json();
    expect(sim.host.simulator.state.cards.get(li.cardNumber)?.state).toBe('active');
    const paid = ApplicationView.parse(
      (
        await post(`/v1/applications/${application.applicationNo}/fee/account`, { idNumber: li.idNumber })
      ).json(),
    );
    expect(paid).toMatchObject({ status: 'ready', feePaidBy: 'account' });
    expect(sim.host.simulator.state.balanceOfCard(li.cardNumber)).toBe(li.balanceFen - 2_000);
    expect(sim.host.simulator.state.ledger.isBalanced()).toBe(true);
  });

  it('lets an unpaid QR order expire and refuses to pay it late', async () => {
    const application = (
      await post(`/v1/cards/${zhang.cardNumber}/replacement`, { idNumber: zhang.idNumber, reason: 'lost' })
    ).json();
    const order = (await post(`/v1/applications/${application.applicationNo}/fee/qr`)).json();
    sim.clock = new Date(sim.clock.getTime() + 5 * 60_000);
    expect((await sim.host.request('GET', `/v1/payments/${order.paymentId}`)).json().status).toBe('expired');
    const late = await sim.host.request('POST', `/v1/demo/payments/${order.paymentId}/pay`);
    expect(late.json().code).toBe('PAYMENT_STATE_CONFLICT');
    const fresh = (await post(`/v1/applications/${application.applicationNo}/fee/qr`)).json();
    expect(fresh.paymentId).not.toBe(order.paymentId);
  });

  it('returns the open replacement application when asked twice', async () => {
    const a = (
      await post(`/v1/cards/${zhang.cardNumber}/replacement`, { idNumber: zhang.idNumber, reason: 'lost' })
    ).json();
    const b = (
      await post(`/v1/cards/${zhang.cardNumber}/replacement`, { idNumber: zhang.idNumber, reason: 'lost' })
    ).json();
    expect(b.applicationNo).toBe(a.applicationNo);
  });

  it('answers a lookup for an unknown resident with RESIDENT_NOT_FOUND', async () => {
    const res = await post('/v1/applications/lookup', {
      idNumber: makeResidentId('110101', '19900307', 123),
    });
    expect(res.status).toBe(404);
    expect(res.json().code).toBe('RESIDENT_NOT_FOUND');
  });

  it('finds a resident’s cards and applications by ID number alone (the card is lost)', async () => {
    const res = await post('/v1/residents/lookup', { idNumber: wang.idNumber });
    const answer = ResidentAnswer.parse(res.json());
    expect(answer).toMatchObject({ name: wang.name, sex: 'male', birthDate: wang.birthDate });
    expect(answer.cards).toEqual([
      { cardNumber: wang.cardNumber, state: 'expired', issueDate: '2014-05-10', expiryDate: '2024-05-10' },
    ]);
    expect(answer.applications.map((a) => a.kind)).toEqual(['new']);
  });
});
