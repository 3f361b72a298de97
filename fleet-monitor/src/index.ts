export { AppModule } from './app.module.js';
export {
  parseFleetMonitorArgs,
  DEFAULT_OPTIONS,
  UsageError,
  type FleetMonitorOptions,
} from './cli-options.js';
