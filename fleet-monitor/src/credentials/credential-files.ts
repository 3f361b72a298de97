/**
 * The two small credential files the fleet monitor reads at start, validated with zod:
 * kiosks (`{ "kiosks": { "<kioskId>": "scrypt$..." } }`) and operators
 * (`{ "users": [{ "username", "role": "viewer" | "operator", "password": "scrypt$..." }] }`).
 * Plain-text secrets are refused: hash them with `node fleet-monitor/dist/credentials/hash-secret.js`.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { OPERATOR_ROLES, type OperatorRole } from '../auth/operator-roles.js';
import { KioskIdSchema } from '../contract/telemetry.contract.js';
import { isSecretHash } from './scrypt-secret.js';

const SecretHash = z.string().refine(isSecretHash, 'a scrypt hash (scrypt$salt$hash), never a plain secret');

export const KioskCredentialsFileSchema = z.object({ kiosks: z.record(KioskIdSchema, SecretHash) }).strict();
export type KioskCredentialsFile = z.infer<typeof KioskCredentialsFileSchema>;

export { OPERATOR_ROLES, type OperatorRole };

export const OperatorsFileSchema = z
  .object({
    users: z.array(
      z
        .object({
          username: z.string().regex(/^[a-z][a-z0-9._-]{1,31}$/),
          role: z.enum(OPERATOR_ROLES),
          password: SecretHash,
        })
        .strict(),
    ),
  })
  .strict();
export type OperatorsFile = z.infer<typeof OperatorsFileSchema>;

export class CredentialFileError extends Error {
  override readonly name = 'CredentialFileError';
}

export function readCredentialFile<T>(path: string, schema: z.ZodType<T>): T {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new CredentialFileError(`${path}: cannot read JSON (${(error as Error).message})`);
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw new CredentialFileError(`${path}: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}
