/** One answer of the virtual card before encoding: data and status word. */
import { SW } from '../apdu.protocol.js';

export interface Reply {
  data?: Uint8Array;
  sw: number;
}

export const ok = (data?: Uint8Array): Reply => ({ data, sw: SW.OK });
export const refuse = (sw: number): Reply => ({ sw });
