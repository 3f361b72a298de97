import { Module } from '@nestjs/common';
import { JournalDataSourceModule } from './journal-data-source.module.js';
import { JournalController } from './journal.controller.js';
import { DeviceCountersService } from './device-counters.service.js';
import { JournalService } from './journal.service.js';

@Module({
  imports: [JournalDataSourceModule],
  controllers: [JournalController],
  providers: [JournalService, DeviceCountersService],
  exports: [JournalService, DeviceCountersService],
})
export class JournalModule {}
