import { type DynamicModule, Global, Module } from '@nestjs/common';
import type { KioskConfig } from '@kiosk/config';
import { KIOSK_CONFIG } from './kiosk-config.token.js';

/** Makes the configuration loaded once at boot injectable everywhere as KIOSK_CONFIG. */
@Global()
@Module({})
export class KioskConfigModule {
  static forRoot(config: KioskConfig): DynamicModule {
    return {
      module: KioskConfigModule,
      providers: [{ provide: KIOSK_CONFIG, useValue: config }],
      exports: [KIOSK_CONFIG],
    };
  }
}
