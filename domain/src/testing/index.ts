export { eventually, type EventuallyOptions } from './eventually.js';
export { ALL_BUT_THE_CLOCK } from './all-but-the-clock.js';
export { TEST_PG_WAIT_MS } from './test-postgres-wait.js';
export { codeOf, codeThrownBy } from './code-of.js';
