/**
 * Fault: the staff screen's "Log in" button, disabled while the engineer types the PIN on the
 * kiosk's PIN pad, was too faint to read in a bright hall: the browser's own grey for a disabled
 * button, at half opacity (2:1 and less). Its words now keep WCAG AA contrast, 4.5:1, disabled as
 * well as enabled, computed in the real browser from the colours it paints (the button's and every
 * box's under it, their transparency and the button's opacity); disabled is said by a dashed frame.
 */
import { join } from 'node:path';
import { ARTIFACTS } from '../../fleet-monitor/src/testing/test-chromium.js';
import { daemonWithUiForSuite } from './daemon-with-ui.js';
import { faintTexts } from './painted-contrast.js';
import { axeViolations, describeViolations } from './screen-check.js';
import { giveStaffCard, openStaffScreen, STAFF_LOGIN_BUTTON } from './staff-screen-page.js';

const ENGINEER = 'FS-0001';

describe('fault: the staff screen’s disabled "Log in" button is too faint to read', () => {
  const suite = daemonWithUiForSuite([], 'staff-login-button');

  it('reads at 4.5:1 or more while the PIN is typed on the pad (disabled) as before (enabled)', async () => {
    // the staff screen on a page of its own, as the engineer opens it on the service display
    const { page } = await openStaffScreen(suite.ui.browser, suite.ui.daemon.url);
    const button = STAFF_LOGIN_BUTTON;
    expect(await page.locator(button).isEnabled()).toBe(true);
    const enabled = await faintTexts(page, button);

    await giveStaffCard(page, ENGINEER);
    expect(await page.locator(button).isDisabled()).toBe(true);
    await page.screenshot({ path: join(ARTIFACTS, 'staff-login-button-waiting-for-pin.png') });
    expect(describeViolations(await axeViolations(page))).toBe('');
    const disabled = await faintTexts(page, button);

    // the button's words read at 4.5:1 or more (none fainter; no words at all counts as faint)
    expect(enabled).toEqual([]);
    expect(disabled).toEqual([]);
    // disabled is still told apart from enabled, by its frame rather than by fading
    expect(await page.locator(button).evaluate((b) => getComputedStyle(b).borderTopStyle)).toBe('dashed');
  }, 60_000);
});
