import { Logger, Module } from '@nestjs/common';
import type { KioskConfig } from '@kiosk/config';
import { KIOSK_CONFIG } from '../config/kiosk-config.token.js';
import { DevicesService } from './devices.service.js';
import { SERIAL_DEVICES, startSerialDevices } from './serial-devices.js';

@Module({
  providers: [
    {
      // serial lines (and the pseudo-terminal pairs of emulated serial devices) open asynchronously
      provide: SERIAL_DEVICES,
      inject: [KIOSK_CONFIG],
      useFactory: (config: KioskConfig) => {
        const log = new Logger('Devices');
        return startSerialDevices(config, (message) => log.warn(message));
      },
    },
    DevicesService,
  ],
  exports: [DevicesService],
})
export class DevicesModule {}
