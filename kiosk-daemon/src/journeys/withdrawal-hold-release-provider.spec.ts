/**
 * The background tries of host acts are a provider of their own (`JournaledHostRetries`), injected
 * into `WithdrawalHoldRelease` by Nest as the sessions module provides it: one instance, so what
 * a journey hands to the provider (its reversal or confirm) is owned where the release, recovery
 * and the fee journeys look, and the daemon's shutdown ends those tries (the provider's own hook:
 * the release passes nothing on).
 */
import { afterEach, describe, expect, it } from '@jest/globals';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ErrorCode, KioskError } from '@kiosk/domain';
import { HostService } from '../host/host.service.js';
import { JournaledHostRetries } from '../host/journaled-host-retries.js';
import { openMemoryJournal } from '../journal/memory-journal.spec-support.js';
import { JournalService } from '../journal/journal.service.js';
import { DataSource } from '../journal/typeorm-runtime.js';
import { MetricsService } from '../telemetry/metrics.service.js';
import { journaledHostRetriesProvider, WithdrawalHoldRelease } from './withdrawal-hold-release.js';

let db: DataSource | undefined;

afterEach(async () => {
  await db?.destroy();
  db = undefined;
});

describe('the background tries, injected into the withdrawal hold release', () => {
  it('one instance: a reversal handed to the provider is owned where the release looks, ended at shutdown', async () => {
    const opened = await openMemoryJournal();
    db = opened.db;
    @Module({
      providers: [
        journaledHostRetriesProvider,
        WithdrawalHoldRelease,
        { provide: JournalService, useValue: opened.journal },
        { provide: HostService, useValue: {} },
        { provide: DataSource, useValue: opened.db },
        MetricsService,
      ],
    })
    class HoldReleaseModule {}
    const app = await NestFactory.createApplicationContext(HoldReleaseModule, { logger: false });
    const retries = app.get(JournaledHostRetries);
    const release = app.get(WithdrawalHoldRelease);
    expect(release.retries).toBe(retries);

    retries.retry = { firstMs: 60_000, maxMs: 60_000 };
    const tx = await opened.journal.openTransaction('s1', 'withdraw');
    const unanswered = new KioskError(ErrorCode.HOST_UNREACHABLE, 'The back office cannot be reached.');
    const reversal = { step: 'withdrawal.reverse', send: () => Promise.resolve({}) };
    await expect(retries.retryLater(tx, unanswered, reversal)).resolves.toBe(true);
    expect(retries.owns(tx)).toBe(true);
    expect(release.retries.owns(tx)).toBe(true);

    await app.close();
    expect(retries.owns(tx)).toBe(false);
  });

  it('/metrics counts the acts owed to the host: a reversal and a release queued behind it, none once answered', async () => {
    const opened = await openMemoryJournal();
    db = opened.db;
    @Module({
      providers: [
        journaledHostRetriesProvider,
        { provide: JournalService, useValue: opened.journal },
        MetricsService,
      ],
    })
    class RetriesModule {}
    const app = await NestFactory.createApplicationContext(RetriesModule, { logger: false });
    const retries = app.get(JournaledHostRetries);
    const metrics = app.get(MetricsService);
    const owed = async () =>
      (await metrics.registry.getSingleMetric('kiosk_host_acts_owed')!.get()).values[0]?.value;
    expect(await owed()).toBe(0);

    retries.retry = { firstMs: 20, maxMs: 20 };
    let hostAnswers = false;
    const send = () =>
      hostAnswers ? Promise.resolve({}) : Promise.reject(new KioskError(ErrorCode.HOST_UNREACHABLE, 'away'));
    const tx = await opened.journal.openTransaction('s1', 'withdraw');
    const unanswered = new KioskError(ErrorCode.HOST_UNREACHABLE, 'The back office cannot be reached.');
    await expect(retries.retryLater(tx, unanswered, { step: 'withdrawal.reverse', send })).resolves.toBe(
      true,
    );
    retries.handOver(tx, { step: 'withdrawal.release', send });
    expect(await owed()).toBe(2);

    hostAnswers = true;
    await expect(retries.drained(tx)).resolves.toBe(true);
    expect(await owed()).toBe(0);
    await app.close();
  });
});
