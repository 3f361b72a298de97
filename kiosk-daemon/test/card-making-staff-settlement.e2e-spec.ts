/**
 * A card making recovery could not decide, settled by a supervisor on the maintenance route. The
 * daemon is killed right after journaling the pull-back of a new card nobody took
 * (`journal.crashAt=after:card.retract:intent`); while it is down the card leaves the slot and
 * the printer is replaced by a model that does not count its bin, so at the next boot recovery
 * cannot tell whether the card was pulled in or taken: `recovery.needsStaff`, the kiosk out of
 * service. An engineer sees no such settlement and may not
 * give one; a supervisor finds the card in the reject bin: the number is reported abandoned to the
 * host, the transaction closed, and after log-out the kiosk is back in service, card making too.
 */
import {
  DEMO_ENGINEER as ENGINEER,
  DEMO_SUPERVISOR as SUPERVISOR,
  maintenanceCall,
  staffLogIn,
} from './maintenance-client.js';
import { journalRows, startRecoveryWorld, type RecoveryWorld } from './recovery-world.js';
import { startDaemon } from './daemon-process.js';
import { daemonStart } from './kill-harness-world.js';
import { UiClient } from './ui-client.js';
import { killDuringRetractWithCardGone } from './undecided-card-making.js';

describe('a card making recovery left for field staff, settled on the maintenance route', () => {
  let world: RecoveryWorld;

  beforeAll(async () => {
    world = await startRecoveryWorld({ dirPrefix: 'kiosk-card-settle-', cards: true });
  }, 30_000);

  afterAll(async () => {
    await world?.dispose();
  });

  const journal = <T>(sql: string, ...params: unknown[]): T[] => journalRows<T>(world.dir, sql, ...params);

  it('out of service until a supervisor says the card is in the reject bin: reported abandoned, closed, back in service', async () => {
    const { transactionId, later } = await killDuringRetractWithCardGone(world.dir, world.args, 'rejected');

    const second = await startDaemon(later, daemonStart(world.dir));
    const ui = new UiClient(second.url);
    try {
      await ui.connected();
      expect(await ui.waitForKiosk(() => true)).toMatchObject({
        mode: 'outOfService',
        reason: 'SELF_TEST_FAILED',
      });
      const steps = journal<{ step: string }>(
        `SELECT step FROM journal_step WHERE transactionId = ? ORDER BY seq`,
        transactionId,
      ).map((s) => s.step);
      expect(steps).toContain('recovery.needsStaff');
      expect(steps).not.toContain('recovery.host.issued');

      const call = (method: string, path: string, token?: string, body?: unknown) =>
        maintenanceCall(second.url, method, path, { token, body });
      const logIn = async (staff: { id: string; pin: string }): Promise<string> => {
        const login = await staffLogIn(second.url, ui, staff);
        expect(login.status).toBe(200);
        return login.body.token as string;
      };

      // an engineer is not offered the settlement and may not give it
      const engineer = await logIn(ENGINEER);
      const engineerView = await call('GET', '/maintenance/view', engineer);
      expect(engineerView.body.actions).not.toContain('settleCardMaking');
      expect(engineerView.body.pendingCardMakings).toEqual([]);
      expect(
        await call('POST', '/maintenance/settle-card-making', engineer, {
          transactionId,
          card: 'inRejectBin',
        }),
      ).toMatchObject({ status: 403, body: { code: 'STAFF_ROLE_NOT_ALLOWED' } });
      expect((await call('POST', '/maintenance/logout', engineer)).status).toBe(204);
      await ui.waitForKiosk((v) => v.mode === 'outOfService');

      // the supervisor's screen lists it; the card is found in the reject bin
      const supervisor = await logIn(SUPERVISOR);
      const view = await call('GET', '/maintenance/view', supervisor);
      expect(view.body.actions).toContain('settleCardMaking');
      expect(view.body.pendingCardMakings).toEqual([
        {
          transactionId,
          startedAt: expect.any(String),
          journey: 'issueCard',
          card: expect.stringMatching(/^.{3}\*+.{3}$/),
          idNumber: expect.stringMatching(/^4108\*{10}\d{3}[\dX]$/),
          name: '王*国',
          stoppedAt: 'card.retract:intent',
          verdict: null,
          // the printer counts neither its feeder nor its reject bin (the journal's count of the bin
          // stands beside it): that is why it is undecided
          counters: { hopper: null, rejectBinDevice: null, rejectBinJournal: expect.any(Number) },
        },
      ]);
      expect(view.body.pendingSettlements).toEqual([]);
      expect(
        await call('POST', '/maintenance/settle-card-making', supervisor, {
          transactionId,
          card: 'inRejectBin',
        }),
      ).toMatchObject({ status: 200, body: { transactionId, outcome: 'abandoned' } });
      expect((await call('GET', '/maintenance/view', supervisor)).body.pendingCardMakings).toEqual([]);
      // a second verdict on the same card is refused: the first stands
      expect(
        await call('POST', '/maintenance/settle-card-making', supervisor, { transactionId, card: 'taken' }),
      ).toMatchObject({
        status: 409,
        body: { code: 'MAINTENANCE_ALREADY_SETTLED', details: { verdict: 'inRejectBin' } },
      });
      expect((await call('POST', '/maintenance/logout', supervisor)).status).toBe(204);
      const back = await ui.waitForKiosk((v) => v.mode === 'inService' || v.mode === 'degraded', 15_000);
      expect(back.journeysOffered).toContain('issueCard');

      // journal: the verdict with who gave it, the host told once, the transaction closed
      const settled = journal<{ step: string; phase: string; detail: string | null }>(
        `SELECT step, phase, detail FROM journal_step WHERE transactionId = ? AND step LIKE 'recovery.%' ORDER BY seq`,
        transactionId,
      );
      expect(settled.map((s) => `${s.step}:${s.phase}`)).toEqual(
        expect.arrayContaining([
          'recovery.needsStaff:event',
          'recovery.staffVerdict:event',
          'recovery.staffCounted:event',
          'recovery.host.issued:intent',
          'recovery.host.issued:done',
        ]),
      );
      expect(settled.filter((s) => s.step === 'recovery.host.issued' && s.phase === 'done')).toHaveLength(1);
      const verdict = settled.find((s) => s.step === 'recovery.staffVerdict');
      expect(JSON.parse(verdict!.detail!)).toMatchObject({
        card: 'inRejectBin',
        staff: SUPERVISOR.id,
        outcome: 'abandoned',
      });
      expect(
        journal<{ status: string }>(`SELECT status FROM journal_transaction WHERE id = ?`, transactionId),
      ).toEqual([{ status: 'closed' }]);
    } finally {
      ui.close();
      expect(await second.stop()).toBe(0);
    }
  }, 150_000);
});
