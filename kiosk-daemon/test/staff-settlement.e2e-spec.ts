/**
 * A withdrawal recovery could not decide, settled by field staff through the maintenance route
 * (issue 9): the daemon is killed right after journaling the dispense, two notes leave the
 * cassette while it is down; at the next boot the kiosk stays out of service (SELF_TEST_FAILED) with
 * the transaction left for staff. An engineer may not settle it (STAFF_ROLE_NOT_ALLOWED); a
 * supervisor sees it in the maintenance view (the amount asked for, the card and name masked, the
 * step it stopped at), counts the cash and says the resident was not paid: the hold at the host is
 * reversed, the transaction closed (another verdict afterwards is refused
 * MAINTENANCE_ALREADY_SETTLED), and after log-out the self test passes and the kiosk is back in
 * service.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_RESIDENTS, maskCardNumber, maskName } from '@kiosk/domain';
import { startDaemon, startHostProcess } from './daemon-process.js';
import { daemonStart } from './kill-harness-world.js';
import { maintenanceCall, staffLogIn } from './maintenance-client.js';
import { UiClient } from './ui-client.js';
import { killDuringDispenseWithNotesMissing } from './undecided-withdrawal.js';

const KIOSK_KEY = 'test-kiosk-key-JZ-9001-not-secret';
const ENGINEER = { id: 'FS-0001', pin: '246810' };
const SUPERVISOR = { id: 'FS-0002', pin: '135790' };

describe('a withdrawal recovery left for field staff, settled on the maintenance route', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'kiosk-staff-settle-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('out of service until a supervisor settles it: reversed at the host, closed, back in service', async () => {
    const host = await startHostProcess({ kiosks: { 'JZ-9001': KIOSK_KEY } });
    const args = ['--set', 'demo.panel=true', '--set', 'host.mode=external', '--set', `host.url=${host.url}`];
    try {
      const left = await killDuringDispenseWithNotesMissing(dir, args);

      const second = await startDaemon(args, daemonStart(dir));
      const ui2 = new UiClient(second.url);
      try {
        await ui2.connected();
        expect(await ui2.waitForKiosk(() => true)).toMatchObject({
          mode: 'outOfService',
          reason: 'SELF_TEST_FAILED',
        });
        const call = (method: string, path: string, token?: string, body?: unknown) =>
          maintenanceCall(second.url, method, path, { token, body });
        const logIn = async (staff: { id: string; pin: string }): Promise<string> => {
          const login = await staffLogIn(second.url, ui2, staff);
          expect(login.status).toBe(200);
          return login.body.token as string;
        };

        const engineer = await logIn(ENGINEER);
        const engineerView = await call('GET', '/maintenance/view', engineer);
        expect(engineerView.body.pendingSettlements).toEqual([]);
        expect(
          await call('POST', '/maintenance/settle-withdrawal', engineer, {
            transactionId: 'JZ-9001-000001',
            verdict: 'notPaid',
          }),
        ).toMatchObject({ status: 403, body: { code: 'STAFF_ROLE_NOT_ALLOWED' } });
        const held = await host
          .as('JZ-9001', KIOSK_KEY)
          .request<{ withdrawals: { heldFen: number; transactionSerial?: string }[] }>(
            'GET',
            '/v1/withdrawals?status=authorised',
          );
        expect(held.withdrawals.map((w) => w.heldFen)).toEqual([20_000]);
        expect((await call('POST', '/maintenance/logout', engineer)).status).toBe(204);
        await ui2.waitForKiosk((v) => v.mode === 'outOfService');

        const supervisor = await logIn(SUPERVISOR);
        const view = await call('GET', '/maintenance/view', supervisor);
        expect(view.body.pendingSettlements).toHaveLength(1);
        const transactionId = view.body.pendingSettlements[0].transactionId as string;
        // what the supervisor counts the cash for, masked: no ID number, name or card number in full
        const li = DEMO_RESIDENTS.find((r) => r.key === 'li')!;
        expect(left.cassettesBefore[0]!.count - left.cassettes[0]!.count).toBe(2);
        expect(view.body.pendingSettlements[0]).toEqual({
          transactionId,
          startedAt: expect.any(String) as unknown,
          verdict: null,
          amountFen: 20_000,
          // what the dispense was to present: the most a supervisor can count taken
          presentedFen: 20_000,
          card: maskCardNumber(li.cardNumber),
          name: maskName(li.name),
          stoppedAt: 'cash.dispense:intent',
          // the dispenser's counts to count the cash against; boot recorded the notes gone as the
          // journal's, the dispense intent what the cassettes held before: the two notes show
          counters: {
            cassettes: left.cassettes.map((c, i) => ({
              cassette: c.id,
              denominationFen: expect.any(Number) as unknown,
              device: c.count,
              before: left.cassettesBefore[i]!.count,
              journal: c.count,
            })),
            rejectBinDevice: left.rejectBin,
            rejectBinBefore: left.rejectBin,
            rejectBinJournal: left.rejectBin,
            retractBinDevice: left.retractBin,
            retractBinBefore: left.retractBin,
            retractBinJournal: left.retractBin,
          },
        });
        const viewText = JSON.stringify(view.body);
        for (const full of [li.idNumber, li.name, li.cardNumber]) expect(viewText).not.toContain(full);
        const settled = await call('POST', '/maintenance/settle-withdrawal', supervisor, {
          transactionId,
          verdict: 'notPaid',
        });
        expect(settled).toMatchObject({ status: 200, body: { transactionId, hostStatus: 'reversed' } });
        expect((await call('GET', '/maintenance/view', supervisor)).body.pendingSettlements).toEqual([]);
        expect(
          await call('POST', '/maintenance/settle-withdrawal', supervisor, {
            transactionId,
            verdict: 'paid',
          }),
        ).toMatchObject({ status: 409, body: { code: 'MAINTENANCE_ALREADY_SETTLED' } });
        expect((await call('POST', '/maintenance/logout', supervisor)).status).toBe(204);
        const back = await ui2.waitForKiosk((v) => v.mode === 'inService' || v.mode === 'degraded', 15_000);
        expect(back.journeysOffered).toContain('withdraw');

        const after = await host
          .as('JZ-9001', KIOSK_KEY)
          .request<{ withdrawals: { heldFen: number; status: string }[] }>(
            'GET',
            `/v1/withdrawals?transactionSerial=${transactionId}`,
          );
        expect(after.withdrawals.map((w) => [w.status, w.heldFen])).toEqual([['reversed', 0]]);
      } finally {
        ui2.close();
        expect(await second.stop()).toBe(0);
      }
    } finally {
      await host.stop();
    }
  }, 120_000);
});
