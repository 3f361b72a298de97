import { Module } from '@nestjs/common';
import { JournalDataSourceModule } from './journal-data-source.module.js';
import { DeviceCountersService } from './device-counters.service.js';
import { FeeOrderScan } from './fee-order-scan.service.js';
import { JournalService } from './journal.service.js';
import { MaintenanceSupplyLog } from './maintenance-supply-log.service.js';

@Module({
  imports: [JournalDataSourceModule],
  providers: [JournalService, DeviceCountersService, MaintenanceSupplyLog, FeeOrderScan],
  exports: [JournalService, DeviceCountersService, MaintenanceSupplyLog, FeeOrderScan],
})
export class JournalModule {}
