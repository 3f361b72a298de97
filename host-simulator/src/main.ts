/**
 * Runs the host simulator standalone:
 *   node host-simulator/dist/main.js --port 8080 --kiosk-key JZ-0001=<key> [--kiosk-key ...]
 *     [--host 127.0.0.1] [--seed 4108] [--residents 1000] [--issuer-master-key <hex>]
 *     [--rule dailyWithdrawalCount=50 ...] (a policy number of HostRules, repeatable)
 *     [--newer-records CARD_NUMBER ...] (the holder also gets records of kinds a kiosk may not
 *     know yet, as a host one release ahead posts them; repeatable)
 * Prints one JSON line `{"event":"ready","url":...}` on stdout when it serves; stops on SIGINT/SIGTERM.
 */
import { parseArgs } from 'node:util';
import { createHostSimulator, DEFAULT_RESIDENTS, DEFAULT_SEED } from './host-simulator.js';

function fail(message: string): never {
  console.error(JSON.stringify({ event: 'error', message }));
  process.exit(2);
}

function wholeNumber(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) fail(`--${name} must be a whole number, got "${raw}"`);
  return value;
}

async function main(): Promise<void> {
  let parsed;
  try {
    parsed = parseArgs({
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        seed: { type: 'string' },
        residents: { type: 'string' },
        'kiosk-key': { type: 'string', multiple: true },
        'issuer-master-key': { type: 'string' },
        rule: { type: 'string', multiple: true },
        'newer-records': { type: 'string', multiple: true },
      },
      strict: true,
    });
  } catch (error) {
    fail(error instanceof Error ? error.message : 'bad arguments');
  }
  const { values } = parsed;
  const kioskKeys: Record<string, string> = {};
  for (const pair of values['kiosk-key'] ?? []) {
    const at = pair.indexOf('=');
    if (at <= 0 || at === pair.length - 1) fail('--kiosk-key takes KIOSK_ID=KEY');
    kioskKeys[pair.slice(0, at)] = pair.slice(at + 1);
  }
  if (Object.keys(kioskKeys).length === 0) fail('give at least one --kiosk-key KIOSK_ID=KEY');
  const rules: Record<string, number> = {};
  for (const pair of values.rule ?? []) {
    const [name, raw] = pair.split('=', 2);
    const value = Number(raw);
    if (!name || raw === undefined || !Number.isFinite(value)) fail('--rule takes NAME=NUMBER');
    rules[name] = value;
  }

  let simulator;
  try {
    simulator = createHostSimulator({
      kioskKeys,
      seed: wholeNumber('seed', values.seed, DEFAULT_SEED),
      residents: wholeNumber('residents', values.residents, DEFAULT_RESIDENTS),
      rules,
      ...(values['issuer-master-key'] ? { issuerMasterKey: values['issuer-master-key'] } : {}),
      ...(values['newer-records'] ? { newerRecordsFor: values['newer-records'] } : {}),
    });
  } catch (error) {
    fail(error instanceof Error ? error.message : 'cannot create the simulator');
  }
  const { url } = await simulator.listen(wholeNumber('port', values.port, 0), values.host ?? '127.0.0.1');
  process.stdout.write(`${JSON.stringify({ event: 'ready', url })}\n`);

  const stop = (): void => {
    void simulator.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => fail(error instanceof Error ? error.message : 'host simulator failed'));
