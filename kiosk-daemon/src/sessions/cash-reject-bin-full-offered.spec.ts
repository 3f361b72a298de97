/**
 * Fault: a full reject bin on the cash dispenser. Withdrawal was still offered, and the dispenser
 * then refused every dispense with DEVICE_BIN_FULL after the host had authorised. With the real
 * dispenser emulator: when its reject bin fills (rejected double picks), the status it reports
 * takes withdrawal off the journeys offered (CASH_REJECT_BIN_FULL) in the same state in which it
 * refuses to dispense; emptied by field staff, withdrawal is offered again.
 */
import { CashDispenserEmulator } from '@kiosk/device-drivers';
import { DEVICE_KINDS, ErrorCode, type DeviceStatus } from '@kiosk/domain';
import { journeysOffered, serviceReasons } from '@kiosk/state-machines';

const YUAN = 100;

/** every other device online with what it needs; the dispenser as it reports itself */
function kioskWith(dispenser: CashDispenserEmulator): DeviceStatus[] {
  return DEVICE_KINDS.map((kind) =>
    kind === 'cashDispenser'
      ? dispenser.status()
      : {
          kind,
          device: 'online',
          supplies: kind === 'receiptPrinter' ? [{ name: 'paper', level: 'ok' }] : [],
          driver: 'emulator',
          updatedAt: '2026-11-27T08:00:00Z',
        },
  );
}

describe('cash reject bin full, from the dispenser’s own status', () => {
  it('takes withdrawal off when the dispenser would refuse to dispense, and offers it again once emptied', async () => {
    const dispenser = new CashDispenserEmulator({ rejectBinCapacity: 2 });
    await dispenser.open();
    expect(journeysOffered(kioskWith(dispenser))).toContain('withdraw');

    dispenser.setFault({ kind: 'doubleNotes', picks: 1 }); // one double pick: two notes rejected
    await dispenser.dispense(100 * YUAN);
    await dispenser.retract();
    await expect(dispenser.dispense(100 * YUAN)).rejects.toMatchObject({ code: ErrorCode.DEVICE_BIN_FULL });
    expect(journeysOffered(kioskWith(dispenser))).not.toContain('withdraw');
    expect(serviceReasons(kioskWith(dispenser))).toContain('CASH_REJECT_BIN_FULL');
    expect(journeysOffered(kioskWith(dispenser))).toContain('balance');

    dispenser.emptyBin('reject');
    expect(journeysOffered(kioskWith(dispenser))).toContain('withdraw');
    await dispenser.close();
  });
});
