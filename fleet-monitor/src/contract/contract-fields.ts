/** The fields every message of the fleet contract is made of (`telemetry.contract.ts`, `command.contract.ts`). */
import { z } from 'zod';
import { DEVICE_KINDS } from '@kiosk/domain';

export const Code = z
  .string()
  .regex(/^[A-Z][A-Z0-9_]{1,63}$/, 'an upper-case code such as PRINTER_PAPER_OUT');
export const Timestamp = z.iso.datetime();
export const DeviceKindSchema = z.enum(DEVICE_KINDS);
export const MessageId = z.uuid();
