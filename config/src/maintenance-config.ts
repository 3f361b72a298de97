/**
 * The `maintenance` section: the field staff who may put this kiosk in maintenance. A member
 * presents a staff card (its number is the `id`) and types a PIN on the kiosk's PIN pad; the
 * profile holds only the PIN's scrypt hash (`scrypt$<salt>$<hash>`, made with the fleet monitor's
 * `hash-secret` tool), never the PIN. Absent: nobody can log in for maintenance.
 */
import { z } from 'zod';

export const STAFF_ROLES = ['engineer', 'supervisor'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

const SCRYPT_HASH = /^scrypt\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/;

export const MaintenanceConfigSchema = z
  .strictObject({
    staff: z
      .array(
        z.strictObject({
          /** the staff card's number, e.g. FS-0001 */
          id: z.string().regex(/^[A-Z]{2}-\d{4,6}$/, { error: 'expected a staff card number like FS-0001' }),
          role: z.enum(STAFF_ROLES, { error: `expected one of ${STAFF_ROLES.join(', ')}` }),
          pinHash: z.string().regex(SCRYPT_HASH, {
            error: 'expected the PIN as a scrypt hash (scrypt$salt$hash), never the PIN itself',
          }),
        }),
      )
      .min(1, { error: 'expected at least one staff member' }),
    /** digits of a staff PIN */
    pinLength: z
      .int()
      .min(4, { error: 'expected 4–12 digits' })
      .max(12, { error: 'expected 4–12 digits' })
      .default(6),
    /**
     * a maintenance log-in ends by itself after this long: a minute to a day (the end is a timer,
     * which fires at once past about 24.8 days)
     */
    sessionMs: z
      .int()
      .min(60_000, { error: 'expected at least 60000 ms' })
      .max(86_400_000, { error: 'expected at most 86400000 ms (a day)' })
      .default(1_800_000),
  })
  .check((ctx) => {
    const ids = ctx.value.staff.map((member) => member.id);
    ids.forEach((id, i) => {
      if (ids.indexOf(id) !== i)
        ctx.issues.push({ code: 'custom', path: ['staff', i, 'id'], message: 'listed twice', input: id });
    });
  });
export type MaintenanceConfig = z.output<typeof MaintenanceConfigSchema>;
