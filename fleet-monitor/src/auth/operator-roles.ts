/**
 * The operators' roles: a viewer looks, an operator also acknowledges alerts and sends commands.
 * Imports nothing, so the dashboard's types can name them without Node's modules.
 */
export const OPERATOR_ROLES = ['viewer', 'operator'] as const;
export type OperatorRole = (typeof OPERATOR_ROLES)[number];
