/**
 * How long a spec's own PostgreSQL pool waits for a connection (pg's `connectionTimeoutMillis`,
 * which also bounds the wait for the pool's one client while another query holds it). The kill
 * harness on PostgreSQL failed "timeout exceeded when trying to connect" at 5 s on a loaded
 * machine, behind a CREATE DATABASE and the checks' own queries. A spec's pool is not the
 * product's (the daemon's and the monitor's keep their 5 s): a slow test database should make a
 * spec slow, not red.
 */
export const TEST_PG_WAIT_MS = 30_000;
