/**
 * RULES.md, "The social-security card": a card is valid 10 years from issue; like every number
 * there, a region may configure another (host rule `cardValidityYears`). The host's card order
 * carries the expiry the kiosk writes on the chip and prints on the face.
 */
import { afterEach, describe, expect, it } from '@jest/globals';
import { demoResident } from '@kiosk/domain';
import { startSimulator, type RunningSimulator } from '../testing/simulator-fixture.js';
import { ApplicationList, CardPersonalisation } from './issuance.schemas.js';

const wang = demoResident('wang')!;
const clock = new Date('2026-11-26T02:00:00.000Z');

describe('card validity from issue', () => {
  let host: RunningSimulator | undefined;
  afterEach(() => host?.close());

  async function orderedCard(rules: { cardValidityYears?: number } = {}) {
    host = await startSimulator({ now: () => clock, rules });
    let key = 0;
    const post = (path: string) =>
      host!.request('POST', path, { body: { idNumber: wang.idNumber }, idempotencyKey: `v-${++key}` });
    const [application] = ApplicationList.parse((await post('/v1/applications/lookup')).json()).applications;
    return CardPersonalisation.parse(
      (await post(`/v1/applications/${application!.applicationNo}/card`)).json(),
    );
  }

  it('orders a card valid 10 years from its issue date by default', async () => {
    expect(await orderedCard()).toMatchObject({ issueDate: '2026-11-26', expiryDate: '2036-11-26' });
  });

  it('orders a card valid for the years a region configures', async () => {
    expect(await orderedCard({ cardValidityYears: 5 })).toMatchObject({
      issueDate: '2026-11-26',
      expiryDate: '2031-11-26',
    });
  });
});
