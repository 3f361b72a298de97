import { Module } from '@nestjs/common';
import { HostConnection } from './host-connection.js';
import { HostService } from './host.service.js';

@Module({
  providers: [HostConnection, HostService],
  exports: [HostService, HostConnection],
})
export class HostModule {}
