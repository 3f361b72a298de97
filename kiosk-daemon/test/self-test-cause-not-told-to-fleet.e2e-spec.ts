/**
 * The fault: a kiosk whose self test failed told the fleet SELF_TEST_FAILED alone, and its log said
 * nothing of the failure either: the operator looking at the out-of-service kiosk could not tell
 * whom to send with what (a withdrawal recovery could not decide, a card whose whereabouts the
 * reader never said, a device, the journal). End to end: the real daemon is killed right after
 * journaling a dispense and two notes go missing (`undecided-withdrawal.ts`), so the next boot's
 * recovery leaves the withdrawal for staff and the self test fails with WITHDRAWAL_UNDECIDED (it
 * failed with the journal's SESSION_INTERRUPTED, read "Session interrupted": nothing said money may
 * be owed, `self-test-cause-says-withdrawal-undecided.spec.ts`). The kiosk logs the failure with that code, shows it in its view (the staff screen's), and reports it
 * through a real Mosquitto to a fleet monitor process: the retained status's `cause` and the
 * `recoveryNeedsStaff` event's, beside SELF_TEST_FAILED (ADR 0004, ADR 0018). With CI=true a
 * missing Mosquitto fails the suite. Needs `npx tsc -b` and the daemon bundle.
 */
import { expect, it } from '@jest/globals';
import { eventually } from '@kiosk/domain/testing';
import { describeOnExternalStack } from '../../fleet-monitor/src/testing/external-stack-suite.js';
import { fleetBrokerForSuite } from './fleet-monitor-process.js';
import { atFleetAfterUndecidedWithdrawal, TEST_KIOSK } from './undecided-withdrawal-at-fleet.js';

const KIOSK = TEST_KIOSK.id;

interface Detail {
  status: { mode: string; reason?: string; cause?: string } | null;
  events: { type: string; code?: string; cause?: string }[];
}

describeOnExternalStack('self test cause not told to the fleet', () => {
  const fleet = fleetBrokerForSuite({ [KIOSK]: TEST_KIOSK.brokerPassword });

  it('fault: the self test failed on a withdrawal recovery could not decide: logged, shown and told to the fleet with its code, WITHDRAWAL_UNDECIDED (not the journal’s SESSION_INTERRUPTED)', async () => {
    await atFleetAfterUndecidedWithdrawal(
      fleet,
      'fleet-monitor-self-test-cause',
      [],
      async ({ daemon, ui, monitor }) => {
        expect(await ui.waitForKiosk(() => true)).toMatchObject({
          mode: 'outOfService',
          reason: 'SELF_TEST_FAILED',
          cause: 'WITHDRAWAL_UNDECIDED',
        });
        expect(daemon.output.join('\n')).toMatch(/self test failed \(WITHDRAWAL_UNDECIDED\)/);

        const detail = await eventually(
          () => monitor.api('GET', `/kiosks/${KIOSK}`).then((r) => r.body as Detail),
          'the failed self test at the fleet',
          {
            withinMs: 20_000,
            until: (d) =>
              d.status?.reason === 'SELF_TEST_FAILED' &&
              d.events.filter((e) => e.type === 'recoveryNeedsStaff').length === 2,
          },
        );
        expect(detail.status).toMatchObject({
          mode: 'outOfService',
          reason: 'SELF_TEST_FAILED',
          cause: 'WITHDRAWAL_UNDECIDED',
        });
        // the self test's alert, and the withdrawal's own (ADR 0004, money left for staff)
        expect(detail.events.filter((e) => e.type === 'recoveryNeedsStaff')).toEqual(
          expect.arrayContaining([
            expect.objectContaining({ code: 'SELF_TEST_FAILED', cause: 'WITHDRAWAL_UNDECIDED' }),
            expect.objectContaining({ code: 'WITHDRAWAL_UNDECIDED' }),
          ]),
        );
      },
    );
  }, 180_000);
});
