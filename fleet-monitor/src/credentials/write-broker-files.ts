/**
 * `node fleet-monitor/dist/credentials/write-broker-files.js <secrets.json> <out dir> [--monitor NAME]`
 * writes the monitor's kiosks.json, Mosquitto's password and ACL files and each monitor's broker
 * password from one secrets file (see broker-files.ts). `--monitor NAME` adds a monitor user with a
 * fresh random secret when the file has none of that name (the fleet simulator's secrets.json has
 * kiosks only). Exit 64 on usage, 78 on a secrets file that does not read or validate.
 */
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { CredentialFileError, readCredentialFile } from './credential-files.js';
import { FleetSecretsFileSchema, writeBrokerFiles } from './broker-files.js';

let positionals: string[];
let monitor: string | undefined;
try {
  const parsed = parseArgs({
    options: { monitor: { type: 'string' } },
    allowPositionals: true,
    strict: true,
  });
  positionals = parsed.positionals;
  monitor = parsed.values.monitor;
} catch {
  positionals = [];
}
const [secretsPath, outDir] = positionals;
if (secretsPath === undefined || outDir === undefined || positionals.length > 2) {
  process.stderr.write('usage: write-broker-files <secrets.json> <out dir> [--monitor NAME]\n');
  process.exit(64);
}
try {
  const secrets = readCredentialFile(secretsPath, FleetSecretsFileSchema);
  const withMonitor =
    monitor === undefined || monitor in secrets.monitors
      ? secrets
      : FleetSecretsFileSchema.parse({
          ...secrets,
          monitors: { ...secrets.monitors, [monitor]: randomBytes(24).toString('base64url') },
        });
  const written = writeBrokerFiles(withMonitor, outDir);
  process.stdout.write(`${written.join('\n')}\n`);
} catch (error) {
  if (!(error instanceof CredentialFileError)) throw error;
  process.stderr.write(`write-broker-files: ${error.message}\n`);
  process.exit(78);
}
