/** Jest across all workspaces: one project per room, SWC transform, native ESM. */
import { fileURLToPath } from 'node:url';

const swc = [
  '@swc/jest',
  {
    jsc: {
      target: 'es2023',
      parser: { syntax: 'typescript', decorators: true, tsx: true },
      transform: { legacyDecorator: true, decoratorMetadata: true, react: { runtime: 'automatic' } },
      keepClassNames: true,
    },
    module: { type: 'es6' },
    sourceMaps: 'inline',
  },
];
// Jest's node environment whose workers leave at once when done (scripts/jest-environment.js);
// KIOSK_TEST_LEAKS=<file>: the same plus each test file's handles left open, appended to <file>
const testEnvironment = fileURLToPath(
  new URL(
    `./scripts/${process.env.KIOSK_TEST_LEAKS ? 'jest-leak-environment' : 'jest-environment'}.js`,
    import.meta.url,
  ),
);
const rooms = [
  'domain',
  'config',
  'device-drivers',
  'state-machines',
  'host-simulator',
  'kiosk-daemon',
  'kiosk-ui',
  'fleet-monitor',
  'fleet-dashboard',
  'bench',
];
export default {
  // Three suites at a time on two cores (Jest's default there is one): most suites wait on a
  // daemon, a browser, a broker or a database in child processes, or on the daemon's own timers.
  // A suite keeps about 0.6 of a core busy on average (every tenth suite of the run: 136 s of CPU
  // over their 232 s), so two workers left nearly half of the two cores idle; a third fills it, and
  // the unit suites at the end, the one part that keeps both cores busy, lose nothing by it. pcscd
  // suites take a lock of their own (their waits for it are minutes long).
  maxWorkers: 3,
  // A test that starts a process (a monitor, a daemon, a broker) needs more than Jest's 5 s when
  // the other worker is busy too: seen under load on the fleet monitor's process specs. 30 s, not
  // 15: the first test of a daemon file that runs in process pays the host simulator's import
  // inside the test, and under load such tests took 9 to 13 s of the 15 (one went past it). A
  // test that passes takes no longer for it; only a hung test is told later.
  testTimeout: 30_000,
  // A worker keeps every test file's module graph (Node 20 does not collect a vm context that ran ES
  // modules), about 10 MB a file: past 1 GB after a file, Jest starts a fresh worker. This bounds a
  // worker's memory over the whole run and the time its exit takes (scripts/jest-environment.js).
  workerIdleMemoryLimit: '1GB',
  reporters: ['default', '<rootDir>/jest.summary-reporter.js'],
  // the longest suites first, by Jest's cache or, on a clean clone (CI), by the durations of a whole
  // run kept in scripts/test-durations.json: without them the kill harness's (the longest, in the
  // smallest files) ran last, and a long suite started last is the run's tail
  testSequencer: '<rootDir>/scripts/jest-sequencer.js',
  projects: rooms.map((room) => ({
    displayName: room,
    rootDir: `<rootDir>/${room}`,
    testEnvironment,
    extensionsToTreatAsEsm: ['.ts', '.tsx'],
    transform: { '^.+\\.(t|j)sx?$': swc },
    moduleNameMapper: {
      '^@kiosk/fleet-monitor/contract$': '<rootDir>/../fleet-monitor/src/contract/index.ts',
      '^@kiosk/fleet-monitor/dashboard$': '<rootDir>/../fleet-monitor/src/dashboard/dashboard.contract.ts',
      '^@kiosk/fleet-monitor/fleet-order$': '<rootDir>/../fleet-monitor/src/dashboard/fleet-order.ts',
      '^@kiosk/domain/testing$': '<rootDir>/../domain/src/testing/index.ts',
      '^@kiosk/host-simulator/contract$': '<rootDir>/../host-simulator/src/contract.ts',
      '^@kiosk/device-drivers/lcdm-serial-road$':
        '<rootDir>/../device-drivers/src/cash-dispenser/lcdm-serial-road.ts',
      '^@kiosk/device-drivers/ga467-serial-road$':
        '<rootDir>/../device-drivers/src/id-reader/ga467-serial-road.ts',
      '^@kiosk/device-drivers/camera-http-road$':
        '<rootDir>/../device-drivers/src/camera/camera-http-road.ts',
      '^@kiosk/([a-z-]+)$': '<rootDir>/../$1/src/index.ts',
      '^(\\.{1,2}/.*)\\.js$': '$1',
    },
    testMatch: [
      '<rootDir>/src/**/*.spec.ts',
      '<rootDir>/src/**/*.spec.tsx',
      '<rootDir>/test/**/*.e2e-spec.ts',
    ],
    testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  })),
};
