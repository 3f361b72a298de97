import { Injectable } from '@nestjs/common';
import type { PinPadKey } from '@kiosk/device-drivers';
import { ErrorCode, KioskError, type DemoState, type DeviceKind } from '@kiosk/domain';
import { DevicesService } from '../devices/devices.service.js';

/**
 * The emulators' control surface behind the demo panel (demo profile only; the gateway refuses
 * these messages elsewhere). Digits typed on the on-screen pad go straight into the PIN pad
 * emulator and are never kept here.
 */
@Injectable()
export class DemoService {
  private readonly faults = new Map<DeviceKind, string>();

  constructor(private readonly devices: DevicesService) {}

  state(): DemoState {
    const reader = this.devices.emulators.cardReader;
    return {
      cards: reader ? reader.listCards() : [],
      faults: [...this.faults].map(([device, fault]) => ({ device, fault })),
    };
  }

  async card(action: 'insert' | 'remove' | 'take', cardId?: string): Promise<void> {
    const reader = this.emulator(this.devices.emulators.cardReader, 'cardReader');
    if (action === 'insert') {
      if (!cardId)
        throw new KioskError(ErrorCode.GATEWAY_MALFORMED_MESSAGE, 'Say which demo card to insert.');
      await reader.insertCard(cardId);
    } else if (action === 'remove') {
      await reader.pullCard();
    } else {
      await reader.takeCard();
    }
  }

  pinPadKey(key: PinPadKey): Promise<void> {
    const pad = this.emulator(this.devices.emulators.pinPad, 'pinPad');
    if (!pad.press(key)) {
      throw new KioskError(ErrorCode.DEVICE_BUSY, 'The PIN pad is not asking for a PIN right now.');
    }
    return Promise.resolve();
  }

  fault(device: DeviceKind, fault: string | null): Promise<void> {
    const target = (this.devices.emulators as Record<string, { setFault?: (f: never) => void } | undefined>)[
      device
    ];
    if (!target?.setFault) {
      throw new KioskError(ErrorCode.GATEWAY_NOT_ALLOWED, 'That device has no emulated faults here.', {
        device,
      });
    }
    try {
      target.setFault(fault as never);
    } catch (e) {
      throw new KioskError(
        ErrorCode.GATEWAY_MALFORMED_MESSAGE,
        'That fault is not known to this device.',
        { device },
        { cause: e },
      );
    }
    if (fault) this.faults.set(device, fault);
    else this.faults.delete(device);
    return Promise.resolve();
  }

  private emulator<T>(value: T | undefined, kind: DeviceKind): T {
    if (!value)
      throw new KioskError(ErrorCode.GATEWAY_NOT_ALLOWED, 'That device is not emulated here.', { kind });
    return value;
  }
}
