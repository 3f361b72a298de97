import { Module } from '@nestjs/common';
import { HostConnection } from './host-connection.js';
import { HostService } from './host.service.js';
import { IssuanceHostService } from './issuance-host.service.js';

@Module({
  providers: [HostConnection, HostService, IssuanceHostService],
  exports: [HostService, HostConnection, IssuanceHostService],
})
export class HostModule {}
