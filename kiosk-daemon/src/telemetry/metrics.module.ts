import { Global, Module } from '@nestjs/common';
import { MetricsService } from './metrics.service.js';

/** Prometheus metrics, available to every module that counts something. */
@Global()
@Module({
  providers: [MetricsService],
  exports: [MetricsService],
})
export class MetricsModule {}
