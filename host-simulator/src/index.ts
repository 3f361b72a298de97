// The host simulator: factory, test surfaces, and the API contract (zod schemas + types) that the
// daemon's host client validates answers with.
export {
  createHostSimulator,
  DEFAULT_RESIDENTS,
  DEFAULT_SEED,
  type HostSimulator,
  type HostSimulatorOptions,
} from './host-simulator.js';
export type { HostContext } from './host-context.js';
export type { FaultSettings, Faults } from './http/fault-surface.js';
export { DEFAULT_HOST_RULES, HostRules, businessDay, type HostRulesInput } from './rules/host-rules.js';
export {
  CARD_STATES,
  type AuditEntry,
  type Card,
  type CardState,
  type HostStateView,
  type Resident,
} from './store/host-store.js';
export type { AnomalyRecord, AnomalyRule, Application, QrPayment, Withdrawal } from './store/host-records.js';
export {
  kioskCashAccountId,
  personalAccountId,
  SystemAccount,
  type LedgerEntry,
  type LedgerTransaction,
  type LedgerView,
  type MovementKind,
} from './ledger/ledger.js';
export {
  deriveCardKey,
  ISSUER_KEY_PURPOSES,
  ISSUER_KEY_VERSION,
  type IssuerKeyPurpose,
} from './issuance/issuer-keys.js';
export { releaseHoldAtBackOffice } from './withdrawals/withdrawal-release.js';
export { API_CATALOGUE, type ApiOperation } from './openapi/api-catalogue.js';
export { createPrng, type Prng } from './seed/prng.js';
export { buildOpenApiDocument } from './openapi/openapi.document.js';

// --- API contract: request and response schemas (the light `/contract` entry, re-exported) ---
export * from './contract.js';
