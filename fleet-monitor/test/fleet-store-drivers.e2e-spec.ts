/**
 * The fleet store on both of its drivers, the same scenarios through the ingest: SQLite (a file)
 * and PostgreSQL (a fresh database on the server named by KIOSK_TEST_POSTGRES_URL): alerts, events,
 * commands, the daily counts and journal extracts. A kiosk's statuses, wills and heartbeats in order:
 * `fleet-store-drivers-kiosk-order`. With CI=true a missing PostgreSQL fails the suite; on a
 * workstation without it the PostgreSQL half is left out with a warning.
 */
import { describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { at, drivers, paperStatus, storeOnDriver } from './store-drivers.js';

describe.each(drivers)('fleet store on %s', (_name, makeDriver) => {
  const fleet = storeOnDriver(makeDriver);
  const { send } = fleet;
  const outcome = (kioskId: string, when: string, journey: string, result: string): object => ({
    id: randomUUID(),
    kioskId,
    seq: 0,
    at: when,
    type: 'journeyOutcome',
    journey,
    outcome: result,
    durationMs: 1,
  });

  it('paper runs out and is refilled: the alert is raised, cleared, acknowledged once, kept in the history', async () => {
    await send('kiosk/k1/status', paperStatus('k1', 'empty'));
    const [alert] = await fleet.store.activeAlerts();
    expect(alert).toMatchObject({ kioskId: 'k1', kind: 'supplyEmpty', key: 'supply/receiptPrinter/paper' });
    expect(await fleet.store.acknowledgeAlert(alert!.id, 'zhang', at(1))).toBe(true);
    expect(await fleet.store.acknowledgeAlert(alert!.id, 'li', at(2))).toBe(false);
    await send('kiosk/k1/status', paperStatus('k1', 'ok', 3));
    expect(await fleet.store.activeAlerts()).toEqual([]);
    expect(await fleet.store.alert(alert!.id)).toMatchObject({ acknowledgedBy: 'zhang', clearedAt: at() });
    expect((await fleet.store.alertHistory()).map((row) => row.id)).toEqual([alert!.id]);
  });

  it('acknowledged anomaly stays active forever: its acknowledgement resolves it, a supply alert waits for the refill', async () => {
    const anomaly = {
      id: randomUUID(),
      kioskId: 'k1',
      seq: 1,
      at: at(),
      type: 'anomaly',
      code: 'CASH_NOT_TAKEN',
    };
    await send('kiosk/k1/events', anomaly);
    await send('kiosk/k1/status', paperStatus('k1', 'empty'));
    await send('kiosk/k2/status', paperStatus('k2', 'empty'));
    const active = await fleet.store.activeAlerts();
    const raised = active.find((alert) => alert.kind === 'anomaly')!;
    const paper = active.find((alert) => alert.kind === 'supplyEmpty' && alert.kioskId === 'k1')!;
    // one kiosk's active alerts (what a status's ingest reads): as the fleet's list has them, by id
    expect(await fleet.store.activeAlertsOf('k1')).toEqual(active.filter((alert) => alert.kioskId === 'k1'));
    expect((await fleet.store.activeAlertsOf('k1')).map((alert) => alert.id)).toEqual([raised.id, paper.id]);
    expect(await fleet.store.acknowledgeAlert(raised.id, 'zhang', at(1))).toBe(true);
    expect(await fleet.store.acknowledgeAlert(paper.id, 'zhang', at(1))).toBe(true);
    // the anomaly leaves the active list (the kiosk's count, the dashboards' list), kept in the history
    expect((await fleet.store.activeAlertsOf('k1')).map((alert) => alert.id)).toEqual([paper.id]);
    expect(await fleet.store.alert(raised.id)).toMatchObject({ acknowledgedBy: 'zhang', clearedAt: at(1) });
    // told again (a replay after an outage): stored once, raised nothing
    await send('kiosk/k1/events', anomaly);
    expect((await fleet.store.activeAlertsOf('k1')).map((alert) => alert.id)).toEqual([paper.id]);
    expect(await fleet.store.acknowledgeAlert(raised.id, 'li', at(2))).toBe(false);
    expect(await fleet.store.alert(raised.id)).toMatchObject({ acknowledgedBy: 'zhang', clearedAt: at(1) });
  });

  it('a replayed event is stored once; the same alert raised twice is one alert', async () => {
    const event = { id: randomUUID(), kioskId: 'k1', seq: 1, at: at(), type: 'anomaly', code: 'DOOR_OPENED' };
    await send('kiosk/k1/events', event);
    await send('kiosk/k1/events', event);
    expect(await fleet.store.recentEvents('k1')).toEqual([event]);
    expect(fleet.ingest.counters).toMatchObject({ events: 1, duplicateEvents: 1 });
    expect(await fleet.store.raiseAlert('k1', 'anomaly', `anomaly/${event.id}`, 'DOOR_OPENED', at())).toBe(
      false,
    );
    expect(await fleet.store.activeAlerts()).toHaveLength(1);
  });

  it('a command acknowledged once, only by its own kiosk; the list newest first', async () => {
    const command = {
      id: randomUUID(),
      kioskId: 'k1',
      type: 'inService',
      issuedAt: at(),
      issuedBy: 'ops',
    } as const;
    await fleet.store.saveCommand(command);
    expect(
      await fleet.store.saveAck({ commandId: command.id, kioskId: 'k2', result: 'done', at: at(1) }),
    ).toBe(false);
    expect(
      await fleet.store.saveAck({ commandId: command.id, kioskId: 'k1', result: 'done', at: at(1) }),
    ).toBe(true);
    expect(
      await fleet.store.saveAck({ commandId: command.id, kioskId: 'k1', result: 'failed', at: at(2) }),
    ).toBe(false);
    expect(await fleet.store.commands('k1')).toEqual([
      {
        id: command.id,
        kioskId: 'k1',
        type: 'inService',
        issuedBy: 'ops',
        issuedAt: at(),
        result: 'done',
        code: null,
        ackedAt: at(1),
        expiresAt: null,
      },
    ]);
  });

  it('commands a kiosk has not answered: sent again until their expiry, then failed once (TELEMETRY_COMMAND_EXPIRED)', async () => {
    const command = (offsetS: number, expiresInS?: number) =>
      ({
        id: randomUUID(),
        kioskId: 'k1',
        type: 'runSelfTest',
        issuedAt: at(offsetS),
        issuedBy: 'ops',
        ...(expiresInS !== undefined && { expiresAt: at(offsetS + expiresInS) }),
      }) as const;
    const [answered, first, second, forever] = [command(0, 60), command(1, 60), command(2, 120), command(3)];
    for (const c of [second, forever, answered, first]) await fleet.store.saveCommand(c);
    await fleet.store.saveCommand({ ...command(0, 60), kioskId: 'k2' });
    await fleet.store.saveAck({ commandId: answered.id, kioskId: 'k1', result: 'done', at: at(5) });
    expect(await fleet.store.pendingCommands('k1', at(10))).toEqual([first, second]);
    expect(await fleet.store.expireCommands(at(30), 'TELEMETRY_COMMAND_EXPIRED')).toEqual([]);
    expect(
      (await fleet.store.expireCommands(at(61), 'TELEMETRY_COMMAND_EXPIRED')).sort((a, b) =>
        a.kioskId.localeCompare(b.kioskId),
      ),
    ).toEqual([
      { kioskId: 'k1', id: first.id },
      { kioskId: 'k2', id: expect.any(String) },
    ]);
    expect(await fleet.store.expireCommands(at(62), 'TELEMETRY_COMMAND_EXPIRED')).toEqual([]);
    expect(await fleet.store.pendingCommands('k1', at(62))).toEqual([second]);
    // a late answer finds it answered
    expect(
      await fleet.store.saveAck({ commandId: first.id, kioskId: 'k1', result: 'done', at: at(63) }),
    ).toBe(false);
    expect((await fleet.store.commands('k1')).find((c) => c.id === first.id)).toMatchObject({
      result: 'failed',
      code: 'TELEMETRY_COMMAND_EXPIRED',
      ackedAt: at(61),
      expiresAt: at(61),
    });
    // a command without expiry (from an older monitor) never expires and is not sent again
    expect(await fleet.store.pendingCommands('k1', at(1000))).toEqual([]);
    expect((await fleet.store.commands('k1')).find((c) => c.id === forever.id)).toMatchObject({
      result: null,
    });
  });

  it('daily counts per kiosk and fleet-wide, the same numbers on both drivers', async () => {
    await send('kiosk/k1/events', outcome('k1', '2026-11-25T09:00:00.000Z', 'issueCard', 'completed'));
    await send('kiosk/k1/events', outcome('k1', '2026-11-25T10:00:00.000Z', 'withdraw', 'completed'));
    await send('kiosk/k2/events', outcome('k2', '2026-11-25T11:00:00.000Z', 'withdraw', 'timedOut'));
    await send('kiosk/k2/events', outcome('k2', '2026-11-26T09:00:00.000Z', 'replaceCard', 'completed'));
    await send('kiosk/k2/events', outcome('k2', '2026-11-20T09:00:00.000Z', 'withdraw', 'completed'));
    expect(await fleet.store.dailyCounts('2026-11-24')).toEqual([
      { day: '2026-11-25', cardsIssued: 1, withdrawals: 1, completed: 2, failed: 1 },
      { day: '2026-11-26', cardsIssued: 1, withdrawals: 0, completed: 1, failed: 0 },
    ]);
    expect(await fleet.store.dailyCounts('2026-11-24', 'k1')).toEqual([
      { day: '2026-11-25', cardsIssued: 1, withdrawals: 1, completed: 2, failed: 0 },
    ]);
  });

  it("stats-daily-no-today-before-first-journey: the kiosks' zones, each once, for the daily window's end", async () => {
    await send('kiosk/k1/status', { ...paperStatus('k1', 'ok'), timeZone: 'Asia/Shanghai' });
    await send('kiosk/k2/status', { ...paperStatus('k2', 'ok'), timeZone: 'Asia/Shanghai' });
    await send('kiosk/k3/status', paperStatus('k3', 'ok')); // a kiosk of a release before names none
    expect((await fleet.store.kioskTimeZones()).sort()).toEqual(['Asia/Shanghai', null].sort());
    expect(await fleet.store.kioskTimeZones('k1')).toEqual(['Asia/Shanghai']);
    expect(await fleet.store.kioskTimeZones('k3')).toEqual([null]);
    expect(await fleet.store.kioskTimeZones('k9')).toEqual([]);
  });

  it("journeys counted on the UTC day, not the kiosk's: each is counted on the day the kiosk names", async () => {
    const onDay = (when: string, day: string): object => ({
      ...outcome('k1', when, 'withdraw', 'completed'),
      day,
    });
    // 00:30 and 07:30 in China on 26 November: the UTC clock still reads the 25th
    await send('kiosk/k1/events', onDay('2026-11-25T16:30:00.000Z', '2026-11-26'));
    await send('kiosk/k1/events', onDay('2026-11-25T23:30:00.000Z', '2026-11-26'));
    // 23:30 in China on the 23rd, before the span: its UTC time is the day before `since`
    await send('kiosk/k1/events', onDay('2026-11-23T15:30:00.000Z', '2026-11-23'));
    // an older kiosk names no day: the UTC day of its time, as before
    await send('kiosk/k2/events', outcome('k2', '2026-11-24T09:00:00.000Z', 'withdraw', 'failed'));
    expect(await fleet.store.dailyCounts('2026-11-24')).toEqual([
      { day: '2026-11-24', cardsIssued: 0, withdrawals: 0, completed: 0, failed: 1 },
      { day: '2026-11-26', cardsIssued: 0, withdrawals: 2, completed: 2, failed: 0 },
    ]);
    expect(await fleet.store.dailyCounts('2026-11-23', 'k1')).toEqual([
      { day: '2026-11-23', cardsIssued: 0, withdrawals: 1, completed: 1, failed: 0 },
      { day: '2026-11-26', cardsIssued: 0, withdrawals: 2, completed: 2, failed: 0 },
    ]);
  });

  it('a journal extract stored once per command; kiosks listed by id', async () => {
    const extract = {
      commandId: randomUUID(),
      kioskId: 'k2',
      from: at(-3600),
      to: at(),
      transactions: 1,
      jsonl: '{"id":"k2-000001","journey":"balance","steps":[]}\n',
      at: at(),
    };
    // journal extract of no command stored: only the one the operator asked of this kiosk is
    const asked = (kioskId: string, type: 'uploadJournalExtract' | 'restart', id = randomUUID()) =>
      fleet.store.saveCommand({
        id,
        kioskId,
        type,
        issuedAt: at(),
        issuedBy: 'ops',
        from: at(-3600),
        to: at(),
      });
    expect(await fleet.store.saveJournalExtract(extract, at())).toBe(false);
    await asked('k1', 'uploadJournalExtract', extract.commandId);
    const restart = randomUUID();
    await asked('k2', 'restart', restart);
    expect(await fleet.store.saveJournalExtract(extract, at())).toBe(false);
    expect(await fleet.store.saveJournalExtract({ ...extract, commandId: restart }, at())).toBe(false);
    extract.commandId = randomUUID();
    await asked('k2', 'uploadJournalExtract', extract.commandId);
    expect(await fleet.store.saveJournalExtract(extract, at())).toBe(true);
    expect(await fleet.store.saveJournalExtract({ ...extract, jsonl: '' }, at(1))).toBe(false);
    expect(await fleet.store.journalExtractBody('k2', extract.commandId)).toBe(extract.jsonl);
    expect(await fleet.store.journalExtractBody('k1', extract.commandId)).toBeUndefined();
    expect(await fleet.store.journalExtracts('k2')).toEqual([
      expect.objectContaining({ commandId: extract.commandId, bytes: 50, transactions: 1 }),
    ]);
    await send('kiosk/k2/status', paperStatus('k2', 'ok'));
    await send('kiosk/K1/status', paperStatus('K1', 'ok'));
    await send('kiosk/k1/status', paperStatus('k1', 'ok'));
    expect((await fleet.store.kiosks()).map((kiosk) => kiosk.kioskId)).toEqual(['K1', 'k1', 'k2']);
  });

  it('a transaction that fails leaves nothing behind; reopening keeps what was stored (migrations run once)', async () => {
    await expect(
      fleet.store.transaction(async (tx) => {
        await tx.raiseAlert('k1', 'anomaly', 'anomaly/x', 'X', at());
        throw new Error('work failed');
      }),
    ).rejects.toThrow('work failed');
    expect(await fleet.store.activeAlerts()).toEqual([]);
    await send('kiosk/k1/status', paperStatus('k1', 'low'));
    await fleet.reopen();
    expect(await fleet.store.activeAlerts()).toMatchObject([{ kioskId: 'k1', kind: 'supplyLow' }]);
  });
});
