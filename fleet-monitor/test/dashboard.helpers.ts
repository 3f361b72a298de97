/**
 * The dashboard's tables as dashboard.browser finds them, by role and accessible name in any of
 * its languages: a kiosk's row in a region of the page, and a row of a kiosk's recent events.
 */
import type { Locator, Page } from 'playwright-core';

/** The table row whose header cell is this kiosk, inside `scope` (a region of the page, or the page). */
export function row(scope: Page | Locator, kioskId: string): Locator {
  const page = 'goto' in scope ? scope : scope.page();
  return scope.getByRole('row').filter({ has: page.getByRole('rowheader', { name: kioskId, exact: true }) });
}

/** The row of the kiosk's recent events with this type and these details (whole cells). */
export function eventRow(detail: Locator, type: string, details: string): Locator {
  const page = detail.page();
  return detail
    .getByRole('row')
    .filter({ has: page.getByRole('cell', { name: type, exact: true }) })
    .filter({ has: page.getByRole('cell', { name: details, exact: true }) });
}
