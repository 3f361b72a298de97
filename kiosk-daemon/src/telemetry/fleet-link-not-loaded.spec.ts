/**
 * The fleet link (MQTT telemetry, commands, journal extracts) is loaded only with a `fleet`
 * section in the configuration. Its code not loading (a chunk missing from an installed release)
 * stops the start with a coded error naming the fleet link, not a kiosk silently off its fleet.
 */
import { loadConfig, type KioskConfig } from '@kiosk/config';
import { ErrorCode, KioskError } from '@kiosk/domain';
import { FleetReporter } from './fleet/fleet-reporter.service.js';
import { loadFleetLink, TelemetryModule } from './telemetry.module.js';

function configWithFleet(): KioskConfig {
  return loadConfig({
    profile: 'test',
    overrides: ['fleet.mqtt.url=mqtt://127.0.0.1:1', 'fleet.mqtt.password=not-a-secret-password'],
  });
}

describe('the fleet link, loaded when configured', () => {
  it('is not loaded for a kiosk outside a fleet', async () => {
    let loads = 0;
    const load = () => {
      loads += 1;
      return import('./fleet/fleet-link.js');
    };
    const module = await TelemetryModule.forRoot(loadConfig({ profile: 'test' }), load);
    expect(loads).toBe(0);
    expect(module.providers).not.toContain(FleetReporter);
  });

  it("gives the telemetry module the fleet link's providers with a fleet section", async () => {
    const module = await TelemetryModule.forRoot(configWithFleet());
    expect(module.providers).toContain(FleetReporter);
  });

  it('fault: the fleet link does not load — the start stops with INTERNAL naming the fleet link, its cause kept', async () => {
    const missing = new Error("Cannot find module './fleet-link-x.js'");
    const started = TelemetryModule.forRoot(configWithFleet(), () => Promise.reject(missing));
    const error = await started.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KioskError);
    expect(error).toMatchObject({
      code: ErrorCode.INTERNAL,
      details: { part: 'fleet link' },
      cause: missing,
    });
    expect((error as KioskError).message).toMatch(
      /^The fleet link cannot start: its code did not load \(Cannot find module/,
    );
    await expect(loadFleetLink(() => Promise.reject(missing))).rejects.toBeInstanceOf(KioskError);
  });
});
