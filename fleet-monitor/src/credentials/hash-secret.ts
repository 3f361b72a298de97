/** `node fleet-monitor/dist/credentials/hash-secret.js <secret>` prints the scrypt hash for a credentials file. */
import { hashSecret } from './scrypt-secret.js';

const secret = process.argv[2];
if (secret === undefined || secret === '') {
  process.stderr.write('usage: hash-secret <secret>\n');
  process.exit(64);
}
process.stdout.write(`${hashSecret(secret)}\n`);
