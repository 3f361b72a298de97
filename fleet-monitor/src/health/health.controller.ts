import { Controller, Get } from '@nestjs/common';
import {
  HealthCheck,
  HealthCheckService,
  MemoryHealthIndicator,
  type HealthCheckResult,
} from '@nestjs/terminus';

/** Heap above this reads as unhealthy: the monitor holds little in memory of its own. */
const HEAP_LIMIT_BYTES = 512 * 1024 * 1024;

/** `GET /health`: terminus' `{ status: 'ok', info, error, details }`, 503 when a check fails. */
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly memory: MemoryHealthIndicator,
  ) {}

  @Get()
  @HealthCheck()
  check(): Promise<HealthCheckResult> {
    return this.health.check([() => this.memory.checkHeap('memoryHeap', HEAP_LIMIT_BYTES)]);
  }
}
