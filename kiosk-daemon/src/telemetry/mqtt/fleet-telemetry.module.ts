/**
 * Optional Nest wrapper of `FleetPublisher`: starts it with the module and, on shutdown, sends the
 * retained offline status and disconnects. The daemon provides the options (credentials from its
 * config, its command handler) through `useFactory`.
 */
import {
  Inject,
  Module,
  type DynamicModule,
  type InjectionToken,
  type ModuleMetadata,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { FleetPublisher, type FleetPublisherOptions } from './fleet-publisher.js';

export interface FleetTelemetryModuleOptions {
  readonly imports?: ModuleMetadata['imports'];
  readonly inject?: InjectionToken[];
  readonly useFactory: (...deps: never[]) => FleetPublisherOptions | Promise<FleetPublisherOptions>;
}

@Module({})
export class FleetTelemetryModule implements OnApplicationShutdown {
  constructor(@Inject(FleetPublisher) private readonly publisher: FleetPublisher) {}

  static forRootAsync(options: FleetTelemetryModuleOptions): DynamicModule {
    return {
      module: FleetTelemetryModule,
      imports: options.imports ?? [],
      providers: [
        {
          provide: FleetPublisher,
          inject: options.inject ?? [],
          useFactory: async (...deps: never[]) => {
            const publisher = new FleetPublisher(await options.useFactory(...deps));
            publisher.start();
            return publisher;
          },
        },
      ],
      exports: [FleetPublisher],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.publisher.stop();
  }
}
