/**
 * The one order of the fleet list, for the REST API (`GET /kiosks`) and the dashboard page alike:
 * by service hall, kiosks that name no hall last, then by kiosk id. Names compare with one fixed
 * collation (English rules, digits as numbers: `hall-2` before `hall-10`), so the monitor and a
 * browser in any language agree. Import-free: the page bundles it from here
 * (`@kiosk/fleet-monitor/fleet-order`).
 *
 * Why kiosks without a hall go last: an operator watches the fleet hall by hall (the halls are
 * where field staff are sent), so the halls lead the page and the API's list in one predictable
 * order. A kiosk that names no hall is one whose config lacks it (set up, not yet placed): an
 * exception, gathered at the end under "No hall given", not a block that pushes every hall down
 * the page. A fault on it still shows at once (its alert, the attention filter).
 */
const names = new Intl.Collator('en', { numeric: true });

/** two names in the collation's order; names it cannot tell apart by their code units */
function compareNames(a: string, b: string): number {
  return names.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0);
}

/** Halls by name; no hall (null) after every hall. */
export function compareHalls(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return compareNames(a, b);
}

/** Kiosks by hall (no hall last), then by id. */
export function compareFleetKiosks(
  a: { readonly hallId: string | null; readonly kioskId: string },
  b: { readonly hallId: string | null; readonly kioskId: string },
): number {
  return compareHalls(a.hallId, b.hallId) || compareNames(a.kioskId, b.kioskId);
}
