export {
  createHostSimulator,
  DEFAULT_RESIDENTS,
  DEFAULT_SEED,
  type HostSimulator,
  type HostSimulatorOptions,
} from './host-simulator.js';
export type { FaultSettings, Faults } from './http/fault-surface.js';
export {
  CARD_STATES,
  type AuditEntry,
  type Card,
  type CardState,
  type HostStateView,
  type Resident,
} from './store/host-store.js';
export type { LedgerEntry, LedgerTransaction, LedgerView, MovementKind } from './ledger/ledger.js';
export {
  CardInfo,
  CardNumber,
  CardParams,
  CardState as CardStateSchema,
  HostErrorBody,
  IdNumber,
} from './cards/cards.schemas.js';
export {
  AccountRecord,
  AccountRecords,
  BalanceAnswer,
  BalanceRequest,
  MOVEMENT_KINDS,
  RecordsQuery,
} from './accounts/accounts.schemas.js';
export { HealthAnswer } from './health/health.routes.js';
