import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { KioskConfig } from '@kiosk/config';
import { KIOSK_CONFIG } from '../config/kiosk-config.token.js';
import { journalDataSourceOptions } from './journal.data-source.js';
import { JournalController } from './journal.controller.js';
import { DeviceCountersService } from './device-counters.service.js';
import { JournalService } from './journal.service.js';

@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [KIOSK_CONFIG],
      useFactory: (config: KioskConfig) => journalDataSourceOptions(config.journal),
    }),
  ],
  controllers: [JournalController],
  providers: [JournalService, DeviceCountersService],
  exports: [JournalService, DeviceCountersService],
})
export class JournalModule {}
