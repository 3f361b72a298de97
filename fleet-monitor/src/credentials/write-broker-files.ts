/**
 * `node fleet-monitor/dist/credentials/write-broker-files.js <secrets.json> <out dir>` writes the
 * monitor's kiosks.json, Mosquitto's password and ACL files and each monitor's broker password
 * from one secrets file (see broker-files.ts). Exit 64 on usage, 78 on a secrets file that does
 * not read or validate.
 */
import { CredentialFileError, readCredentialFile } from './credential-files.js';
import { FleetSecretsFileSchema, writeBrokerFiles } from './broker-files.js';

const [secretsPath, outDir] = process.argv.slice(2);
if (secretsPath === undefined || outDir === undefined) {
  process.stderr.write('usage: write-broker-files <secrets.json> <out dir>\n');
  process.exit(64);
}
try {
  const written = writeBrokerFiles(readCredentialFile(secretsPath, FleetSecretsFileSchema), outDir);
  process.stdout.write(`${written.join('\n')}\n`);
} catch (error) {
  if (!(error instanceof CredentialFileError)) throw error;
  process.stderr.write(`write-broker-files: ${error.message}\n`);
  process.exit(78);
}
