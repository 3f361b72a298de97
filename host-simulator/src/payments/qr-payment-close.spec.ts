import { describe, expect, it } from '@jest/globals';
import { demoResident } from '@kiosk/domain';
import { ApplicationView, QrPaymentView } from '../issuance/issuance.schemas.js';
import { SystemAccount } from '../ledger/ledger.js';
import { simulatorPerCase } from '../testing/simulator-per-case.spec-support.js';

const zhang = demoResident('zhang')!;

/** The QR fee order the kiosk stops waiting for: closed, or refunded when paid before the close. */
describe('QR payment orders closed by the kiosk', () => {
  const sim = simulatorPerCase();
  let key = 0;

  const post = (path: string, body: object = {}, idempotencyKey = `k-${++key}`) =>
    sim.host.request('POST', path, { body, idempotencyKey });

  async function order(body: object = {}): Promise<{ applicationNo: string; order: QrPaymentView }> {
    const application = ApplicationView.parse(
      (
        await post(`/v1/cards/${zhang.cardNumber}/replacement`, { idNumber: zhang.idNumber, reason: 'lost' })
      ).json(),
    );
    const created = QrPaymentView.parse(
      (await post(`/v1/applications/${application.applicationNo}/fee/qr`, body)).json(),
    );
    return { applicationNo: application.applicationNo, order: created };
  }

  const fees = () => sim.host.simulator.state.ledger.balanceOf(SystemAccount.feeIncome);
  const applicationStatus = (applicationNo: string) =>
    sim.host.simulator.state.applications.get(applicationNo)?.status;

  it('makes the order payable as long as the kiosk waits, the host’s limit at most', async () => {
    const { order: short } = await order({ validForMs: 90_000 });
    expect(Date.parse(short.expiresAt) - sim.clock.getTime()).toBe(90_000);
    await post(`/v1/payments/${short.paymentId}/close`);
    const { order: long } = await order({ validForMs: 60 * 60_000 });
    expect(Date.parse(long.expiresAt) - sim.clock.getTime()).toBe(5 * 60_000);
  });

  it('says how long the order stays payable on its own clock, fresh at every status read, 0 once not pending', async () => {
    const { order: open } = await order({ validForMs: 90_000 });
    expect(open.expiresInMs).toBe(90_000);
    sim.clock = new Date(sim.clock.getTime() + 30_000);
    const read = async () =>
      QrPaymentView.parse((await sim.host.request('GET', `/v1/payments/${open.paymentId}`)).json());
    expect((await read()).expiresInMs).toBe(60_000);
    sim.clock = new Date(sim.clock.getTime() + 60_000);
    expect(await read()).toMatchObject({ status: 'expired', expiresInMs: 0 });
  });

  it('fault: pay after the kiosk closed the order: refused with PAYMENT_ORDER_CLOSED, nothing charged', async () => {
    const { applicationNo, order: open } = await order();
    const closed = QrPaymentView.parse((await post(`/v1/payments/${open.paymentId}/close`)).json());
    expect(closed.status).toBe('closed');
    const late = await sim.host.request('POST', `/v1/demo/payments/${open.paymentId}/pay`);
    expect(late.status).toBe(409);
    expect(late.json().code).toBe('PAYMENT_ORDER_CLOSED');
    expect(fees()).toBe(0);
    expect(applicationStatus(applicationNo)).toBe('awaitingFee');
    // a closed order is not reused: the next one is a new code
    const { order: next } = await order();
    expect(next.paymentId).not.toBe(open.paymentId);
  });

  it('fault: paid racing the close: the close answers paid and the refund gives the fee back once', async () => {
    const { applicationNo, order: open } = await order();
    sim.host.simulator.qrProvider.pay(open.paymentId);
    expect(fees()).toBe(2_000);
    const close = QrPaymentView.parse((await post(`/v1/payments/${open.paymentId}/close`)).json());
    expect(close.status).toBe('paid');
    const refundKey = 'JZ-0001:tx-1:fee-refund';
    const refunded = QrPaymentView.parse(
      (await post(`/v1/payments/${open.paymentId}/refund`, {}, refundKey)).json(),
    );
    expect(refunded.status).toBe('refunded');
    // asked again (a lost answer, a restart): the same answer, no second refund
    const again = await post(`/v1/payments/${open.paymentId}/refund`, {}, refundKey);
    expect(QrPaymentView.parse(again.json()).status).toBe('refunded');
    const otherKey = await post(`/v1/payments/${open.paymentId}/refund`);
    expect(QrPaymentView.parse(otherKey.json()).status).toBe('refunded');
    expect(fees()).toBe(0);
    expect(sim.host.simulator.state.ledger.isBalanced()).toBe(true);
    expect(applicationStatus(applicationNo)).toBe('awaitingFee');
    const late = await sim.host.request('POST', `/v1/demo/payments/${open.paymentId}/pay`);
    expect(late.json().code).toBe('PAYMENT_ORDER_CLOSED');
  });

  it('refuses to refund an order that was never paid (PAYMENT_STATE_CONFLICT)', async () => {
    const { order: open } = await order();
    const refused = await post(`/v1/payments/${open.paymentId}/refund`);
    expect(refused.status).toBe(409);
    expect(refused.json().code).toBe('PAYMENT_STATE_CONFLICT');
  });

  it('keeps the fee of an application whose card was issued (APPLICATION_STATE_CONFLICT)', async () => {
    const { applicationNo, order: open } = await order();
    sim.host.simulator.qrProvider.pay(open.paymentId);
    const card = (await post(`/v1/applications/${applicationNo}/card`, { idNumber: zhang.idNumber })).json();
    await post(`/v1/applications/${applicationNo}/issued`, {
      cardNumber: card.cardNumber,
      outcome: 'issued',
    });
    const refused = await post(`/v1/payments/${open.paymentId}/refund`);
    expect(refused.json().code).toBe('APPLICATION_STATE_CONFLICT');
    expect(fees()).toBe(2_000);
  });

  it('answers a close of an expired order as expired', async () => {
    const { order: open } = await order({ validForMs: 60_000 });
    sim.clock = new Date(sim.clock.getTime() + 60_000);
    const closed = QrPaymentView.parse((await post(`/v1/payments/${open.paymentId}/close`)).json());
    expect(closed.status).toBe('expired');
  });
});
