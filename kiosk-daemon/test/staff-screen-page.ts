/**
 * The staff screen (`#/maintenance`) in a real browser, for the browser specs: opened on a page of
 * the service display's size (1280×1024), the staff card given on its log-in form, and the whole
 * log-in with the PIN typed on the kiosk's demo PIN pad, up to the staff menu.
 */
import type { Browser, Locator, Page } from 'playwright-core';
import { typeStaffPinOnPad } from './maintenance-client.js';
import type { UiClient } from './ui-client.js';

/** the log-in form's submit button, as a selector */
export const STAFF_LOGIN_BUTTON = '[data-testid="staff-login"] button[type="submit"]';

/**
 * Opens the staff screen on a new page of the service display's size; answers the page and its
 * log-in form, once shown.
 */
export async function openStaffScreen(
  browser: Browser,
  daemonUrl: string,
): Promise<{ page: Page; login: Locator }> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 1024 } });
  await page.goto(new URL('/#/maintenance', daemonUrl).href);
  const login = page.getByTestId('staff-login');
  await login.waitFor({ timeout: 15_000 });
  return { page, login };
}

/**
 * Gives the staff card `staffId` on the log-in form; resolves once the screen asks for the PIN on
 * the pad.
 */
export async function giveStaffCard(page: Page, staffId: string): Promise<void> {
  await page.getByTestId('staff-login').getByRole('textbox').fill(staffId);
  await page.locator(STAFF_LOGIN_BUTTON).click();
  await page.getByTestId('staff-pin-prompt').waitFor();
}

/**
 * The whole log-in on the staff screen: the staff card, the PIN on the kiosk's pad, the staff
 * menu shown.
 */
export async function staffLogsIn(
  page: Page,
  client: UiClient,
  staff: { readonly id: string; readonly pin: string },
): Promise<void> {
  await giveStaffCard(page, staff.id);
  await typeStaffPinOnPad(client, staff.pin);
  await page.getByTestId('staff-menu').waitFor({ timeout: 15_000 });
}
