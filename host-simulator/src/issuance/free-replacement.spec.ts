/**
 * RULES.md: the replacement fee is 20 yuan by default, a number each region configures; a region
 * may take none. Then the replacement is ready to be made at once, with no payment.
 */
import { afterEach, describe, expect, it } from '@jest/globals';
import { demoResident } from '@kiosk/domain';
import { startSimulator, type RunningSimulator } from '../testing/simulator-fixture.js';
import { ApplicationView, CardPersonalisation } from './issuance.schemas.js';

const zhang = demoResident('zhang')!;

describe('a region that replaces cards free of charge', () => {
  let host: RunningSimulator | undefined;
  afterEach(() => host?.close());

  it('takes no fee: the replacement is ready and its card can be ordered at once', async () => {
    host = await startSimulator({ rules: { replacementFeeFen: 0 } });
    let key = 0;
    const post = (path: string, body: object) =>
      host!.request('POST', path, { body, idempotencyKey: `f-${++key}` });
    const application = ApplicationView.parse(
      (
        await post(`/v1/cards/${zhang.cardNumber}/replacement`, { idNumber: zhang.idNumber, reason: 'lost' })
      ).json(),
    );
    expect(application).toMatchObject({ kind: 'replacement', status: 'ready', feeFen: 0 });
    const order = await post(`/v1/applications/${application.applicationNo}/card`, {
      idNumber: zhang.idNumber,
    });
    expect(CardPersonalisation.safeParse(order.json()).success).toBe(true);
  });
});
