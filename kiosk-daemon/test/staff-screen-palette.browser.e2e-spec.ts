/**
 * Fault: the staff screens (`#/maintenance`) had no colour palette. The resident's screens set the
 * palette's design tokens (--ink, --paper, --brand, ...) on their root; the staff screens set none,
 * so the shared styles they use (the big button, the error box, the tool buttons) fell back to the
 * browser's defaults, and the staff card field, disabled while the engineer types the PIN on the
 * kiosk's PIN pad, was the browser's disabled grey (2.6:1, hard to read in a bright service hall).
 * In a real browser on the real daemon: the staff screen carries the same tokens as the resident's
 * screen (standard display), its shared components paint them, and every text on it (the disabled
 * field and button included, which axe leaves out) reads at WCAG AA 4.5:1 as painted: the log-in,
 * the wait for the PIN, a refused PIN's error, and the menu, in Chinese and in English.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { eventually } from '@kiosk/domain/testing';
import { ARTIFACTS } from '../../fleet-monitor/src/testing/test-chromium.js';
import { daemonWithUiForSuite } from './daemon-with-ui.js';

import { DEMO_ENGINEER as ENGINEER, typeStaffPinOnPad } from './maintenance-client.js';
import { faintTexts } from './painted-contrast.js';
import { axeViolations, describeViolations } from './screen-check.js';
import { showIn } from './staff-languages.js';
import { giveStaffCard, openStaffScreen, STAFF_LOGIN_BUTTON } from './staff-screen-page.js';

const WRONG_PIN = ENGINEER.pin === '000000' ? '111111' : '000000';

/** The design tokens (`--name: value`) the resident's screen sets on its root. */
function residentTokens(page: Page): Promise<Record<string, string>> {
  return page.evaluate(() => {
    const root = document.querySelector<HTMLElement>('.kiosk')!;
    const out: Record<string, string> = {};
    for (const name of [...root.style].filter((p) => p.startsWith('--'))) {
      out[name] = root.style.getPropertyValue(name).trim();
    }
    return out;
  });
}

/** The value of each of `names` on the staff screen's root ('' for one it does not have). */
function staffTokens(page: Page, names: readonly string[]): Promise<Record<string, string>> {
  return page.evaluate((names) => {
    const style = getComputedStyle(document.querySelector('[data-testid="staff-app"]')!);
    return Object.fromEntries(names.map((n) => [n, style.getPropertyValue(n).trim()]));
  }, names);
}

/** Whether `property` of the element `selector` is painted in the colour of the token `token`. */
function paintsToken(page: Page, selector: string, property: string, token: string): Promise<string> {
  return page.evaluate(
    ({ selector, property, token }) => {
      const el = document.querySelector(selector);
      if (!el) return `${selector} is not on the page`;
      if (getComputedStyle(el).getPropertyValue(token).trim() === '') return `${token} is not set`;
      const probe = document.createElement('span');
      probe.style.color = `var(${token})`;
      // beside the element (a field holds no element), where the same tokens hold
      el.after(probe);
      const want = getComputedStyle(probe).color;
      probe.remove();
      const got = getComputedStyle(el).getPropertyValue(property);
      return got === want ? 'paints the token' : `${property} is ${got}, ${token} is ${want}`;
    },
    { selector, property, token },
  );
}

describe('fault: the staff screens have no colour palette (shared styles in browser defaults, faint disabled field)', () => {
  const suite = daemonWithUiForSuite([], 'staff-palette');

  it('has the resident screens’ tokens, paints them, and every text reads at 4.5:1, disabled included', async () => {
    const { ui, client } = suite;
    const tokens = await residentTokens(ui.kiosk.page);
    expect(Object.keys(tokens)).toEqual(expect.arrayContaining(['--ink', '--paper', '--panel', '--brand']));

    const { page, login } = await openStaffScreen(ui.browser, ui.daemon.url);
    const faults: string[] = [];
    const staff = await staffTokens(page, Object.keys(tokens));
    for (const [name, value] of Object.entries(tokens)) {
      if (staff[name] !== value)
        faults.push(`${name} is "${staff[name]}" on the staff screen, "${value}" on the resident's`);
    }
    const paints = async (selector: string, property: string, token: string) => {
      const said = await paintsToken(page, selector, property, token);
      if (said !== 'paints the token') faults.push(`${selector}: ${said}`);
    };
    /** the screen saved, axe's verdict, and every text's painted contrast */
    const look = async (name: string) => {
      await page.screenshot({ path: join(ARTIFACTS, `staff-palette-${name}.png`) });
      const axe = describeViolations(await axeViolations(page));
      if (axe !== '') faults.push(`${name}: ${axe}`);
      faults.push(...(await faintTexts(page, '[data-testid="staff-app"]')).map((f) => `${name}: ${f}`));
    };
    const button = STAFF_LOGIN_BUTTON;
    await look('login');
    await paints(button, 'border-top-color', '--brand');

    // the staff card given: field and button disabled while the PIN is typed on the pad
    const field = login.getByRole('textbox');
    await giveStaffCard(page, ENGINEER.id);
    expect(await field.isDisabled()).toBe(true);
    await eventually(
      () => client.emit('demo.pinpad', { key: WRONG_PIN[0] }),
      'the PIN pad asks for the staff PIN',
      { withinMs: 10_000, until: (ack) => ack.ok },
    );
    await page.locator('[data-testid="staff-pin-count"][data-entered="1"]').waitFor();
    await look('pin-on-pad');
    // the disabled field in the palette's soft ink on its panel, not the browser's grey
    await paints('[name="staffId"]', 'color', '--ink-soft');
    await paints('[name="staffId"]', 'background-color', '--panel');

    // a wrong PIN: the refusal in the shared error box, in the palette's alert colours
    for (const key of WRONG_PIN.slice(1)) await client.emit('demo.pinpad', { key });
    await client.emit('demo.pinpad', { key: 'enter' });
    await page.getByTestId('error-box').waitFor({ timeout: 15_000 });
    await look('pin-refused');
    await paints('[data-testid="error-box"]', 'background-color', '--alert-bg');

    // the right PIN: the menu, in Chinese and in English
    await page.locator(button).click();
    await page.getByTestId('staff-pin-prompt').waitFor();
    await typeStaffPinOnPad(client, ENGINEER.pin, 'the PIN pad asks for the staff PIN again');
    await page.getByTestId('staff-menu').waitFor({ timeout: 15_000 });
    await look('menu-zh-CN');
    await showIn(page, 'en');
    await look('menu-en');

    expect(faults).toEqual([]);
    await page.close();
  }, 90_000);
});
