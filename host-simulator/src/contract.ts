/**
 * The host API contract alone: the zod schemas (and their types) of every request and answer,
 * importable as `@kiosk/host-simulator/contract` without the simulator itself (Fastify, the
 * store, the routes). The kiosk daemon validates the back office's answers with these, and loads
 * the simulator only when its config runs the host in-process.
 */
export {
  CardInfo,
  CardNumber,
  CardParams,
  CardState as CardStateSchema,
  HostErrorBody,
  IdNumber,
} from './cards/cards.schemas.js';
export { CardStateAnswer, HolderProof, PinEvent, PinEventAnswer } from './cards/card-lifecycle.schemas.js';
export {
  AccountRecord,
  AccountRecords,
  BalanceAnswer,
  BalanceRequest,
  MOVEMENT_KINDS,
  RecordsQuery,
} from './accounts/accounts.schemas.js';
export {
  ApplicationList,
  ApplicationLookup,
  ApplicationNo,
  ApplicationParams,
  ApplicationView,
  CardOrder,
  CardPersonalisation,
  FeeFromAccount,
  IssuanceAnswer,
  IssuanceReport,
  IssuerKeyAnswer,
  IssuerKeyRequest,
  PaymentParams,
  QrPaymentView,
  ReplacementRequest,
  CardSummary,
  HolderSex,
  ResidentAnswer,
  ResidentLookup,
} from './issuance/issuance.schemas.js';
export {
  AuthorisationParams,
  LimitsRequest,
  WithdrawalHoldRelease,
  WithdrawalLimits,
  WithdrawalList,
  WithdrawalListQuery,
  WithdrawalRequest,
  WithdrawalReversal,
  WithdrawalView,
} from './withdrawals/withdrawals.schemas.js';
export { UNKNOWN_VALUE_CODES, unknownValueRefusal, type UnknownValueCode } from './contract-lists.js';
export { HealthAnswer } from './health/health.routes.js';
export { CARD_STATES, type CardState } from './store/host-store.js';
export {
  ANOMALY_HEADER,
  ANOMALY_RULES,
  parseAnomalyVerdicts,
  type AnomalyAction,
  type AnomalyRule,
  type AnomalyVerdict,
} from './anomalies/anomaly-verdicts.js';
