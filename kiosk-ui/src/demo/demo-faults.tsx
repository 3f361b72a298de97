import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  CAMERA_SERVICE_FAULTS,
  CARD_PRINTER_FAULTS,
  DEVICE_KINDS,
  EPP_DEMO_FAULTS,
  type DemoState,
  type DeviceKind,
} from '@kiosk/domain';
import { useSend } from '../gateway/use-send';

/**
 * Faults each emulator understands (its setFault), by device. The gateway accepts any word; the
 * daemon refuses one its emulator does not know, and the panel shows that refusal. The line
 * faults of the cash dispenser and the ID reader (no answer, torn frame, bad checksum, cable
 * pulled during a read) exist where they run on their serial drivers, as in the demo profile; so
 * do the serial PIN pad's (no answer, torn frame, bad check byte, cable pulled during an entry:
 * EPP_DEMO_FAULTS) and the face-match service's over HTTP (not live, busy, a server error,
 * malformed or missing answers, an answer for another capture, silence: CAMERA_SERVICE_FAULTS).
 * The card printer's list, the pad's and the service's are domain's, the ones their emulators
 * check a fault against.
 */
export const DEMO_FAULTS: Readonly<Record<DeviceKind, readonly string[]>> = {
  cardReader: ['offline', 'mute', 'upsideDown', 'transmitTimeout', 'ejectJam'],
  pinPad: EPP_DEMO_FAULTS,
  idReader: ['offline', 'unreadable', 'noAnswer', 'tornFrame', 'badChecksum', 'cablePulledDuringRead'],
  camera: CAMERA_SERVICE_FAULTS,
  cardPrinter: CARD_PRINTER_FAULTS,
  cashDispenser: [
    'offline',
    'jam',
    'doubleNotes',
    'cassetteMissing',
    'noAnswer',
    'busy',
    'tornFrame',
    'badChecksum',
    'badChecksums',
  ],
  // headOverheat: the print head too hot, printing stops until it cools (busy, DEVICE_BUSY)
  receiptPrinter: ['offline', 'paperOut', 'coverOpen', 'cutterError', 'headOverheat'],
};

export function DemoFaults({ faults }: { faults: DemoState['faults'] }) {
  const { t } = useTranslation();
  // the device layer's codes stay the values sent; the words are the resident's language
  const deviceName = (device: string) => t(`staff.deviceNames.${device}`, { defaultValue: device });
  const faultName = (fault: string) => t(`demo.faultNames.${fault}`, { defaultValue: fault });
  const { send, pending } = useSend();
  const [device, setDevice] = useState<DeviceKind>('cardReader');
  const [fault, setFault] = useState<string>('offline');
  const choose = (kind: DeviceKind) => {
    setDevice(kind);
    setFault(DEMO_FAULTS[kind][0] ?? 'offline');
  };
  return (
    <div className="demo-faults">
      <div className="demo-faults__form">
        <label>
          {t('demo.device')}
          <select
            value={device}
            onChange={(e) => choose(e.target.value as DeviceKind)}
            data-testid="fault-device"
          >
            {DEVICE_KINDS.map((kind) => (
              <option key={kind} value={kind}>
                {deviceName(kind)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('demo.fault')}
          <select value={fault} onChange={(e) => setFault(e.target.value)} data-testid="fault-kind">
            {DEMO_FAULTS[device].map((name) => (
              <option key={name} value={name}>
                {faultName(name)}
              </option>
            ))}
          </select>
        </label>
        <button
          type="button"
          className="demo-button"
          disabled={pending}
          onClick={() => void send('demo.fault', { device, fault })}
          data-testid="fault-set"
        >
          {t('demo.setFault')}
        </button>
      </div>
      {faults.length === 0 ? <p>{t('demo.noFaults')}</p> : null}
      <ul className="demo-list">
        {faults.map((f) => (
          <li key={`${f.device}:${f.fault}`} data-device={f.device} data-fault={f.fault}>
            <span>
              {deviceName(f.device)}: <strong>{faultName(f.fault)}</strong>
            </span>
            <button
              type="button"
              className="demo-button"
              disabled={pending || !(DEVICE_KINDS as readonly string[]).includes(f.device)}
              onClick={() => void send('demo.fault', { device: f.device as DeviceKind, fault: null })}
            >
              {t('demo.clearFault')}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
