/**
 * Fault: a kiosk whose journal refused a command before it acted answered it (then failed
 * TELEMETRY_COMMAND_FAILED) though it never ran; the monitor kept that first answer for good, so the
 * run of the same command delivered again later (sent again when the kiosk was back, redelivered by
 * the broker) was dropped: the operator saw "failed" for a hold that was set. Now the kiosk answers
 * it rejected TELEMETRY_COMMAND_JOURNAL_UNAVAILABLE, the one answer that is not final (ADR 0027):
 * the store keeps its code and time but the command stays waiting (sent again when the kiosk is
 * back, expiring as any), and the kiosk's next answer is stored over it; a late not-run answer never
 * replaces a final one. On both of the store's drivers, through the ingest.
 */
import { describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { at, drivers, storeOnDriver } from './store-drivers.js';

const NOT_RUN = 'TELEMETRY_COMMAND_JOURNAL_UNAVAILABLE';

describe.each(drivers)(
  'fleet command journal refused then answered again, store on %s',
  (_name, makeDriver) => {
    const fleet = storeOnDriver(makeDriver);
    const hold = () =>
      ({
        id: randomUUID(),
        kioskId: 'k1',
        type: 'outOfService',
        issuedAt: at(0),
        issuedBy: 'ops',
        expiresAt: at(60),
      }) as const;
    const ack = (commandId: string, offsetS: number, answer: object) =>
      fleet.send('kiosk/k1/commands/ack', { commandId, kioskId: 'k1', ...answer, at: at(offsetS) });
    const row = async (id: string) => (await fleet.store.commands('k1')).find((c) => c.id === id);

    it('answered not run: waiting with its code and sent again; the run answered later is stored over it, and a late not-run answer does not undo it', async () => {
      const command = hold();
      await fleet.store.saveCommand(command);
      await ack(command.id, 1, { result: 'rejected', code: NOT_RUN });
      expect(await row(command.id)).toMatchObject({ result: null, code: NOT_RUN, ackedAt: at(1) });
      expect(await fleet.store.pendingCommands('k1', at(2))).toEqual([command]);

      await ack(command.id, 3, { result: 'done' });
      expect(await row(command.id)).toMatchObject({ result: 'done', code: null, ackedAt: at(3) });
      expect(await fleet.store.pendingCommands('k1', at(4))).toEqual([]);

      // the not-run answer again (a redelivery of the first): the run stays the answer
      await ack(command.id, 1, { result: 'rejected', code: NOT_RUN });
      expect(await row(command.id)).toMatchObject({ result: 'done', code: null, ackedAt: at(3) });
    });

    it('answered not run and never again: recorded expired past its expiry, not sent again after it', async () => {
      const command = hold();
      await fleet.store.saveCommand(command);
      await ack(command.id, 1, { result: 'rejected', code: NOT_RUN });
      expect(await fleet.store.expireCommands(at(61), 'TELEMETRY_COMMAND_EXPIRED')).toEqual([
        { kioskId: 'k1', id: command.id },
      ]);
      expect(await row(command.id)).toMatchObject({ result: 'failed', code: 'TELEMETRY_COMMAND_EXPIRED' });
      expect(await fleet.store.pendingCommands('k1', at(62))).toEqual([]);
    });

    it('any other answer is final: a failure is not replaced by a later answer', async () => {
      const command = hold();
      await fleet.store.saveCommand(command);
      await ack(command.id, 1, { result: 'failed', code: 'TELEMETRY_COMMAND_FAILED' });
      await ack(command.id, 2, { result: 'done' });
      expect(await row(command.id)).toMatchObject({ result: 'failed', code: 'TELEMETRY_COMMAND_FAILED' });
      expect(await fleet.store.pendingCommands('k1', at(3))).toEqual([]);
    });
  },
);
