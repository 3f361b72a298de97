/**
 * The operators' dashboard as an operator uses it, for browser specs in any room (this one's, the
 * kiosk daemon's end-to-end scenario): one Playwright page, every step found by role and accessible
 * name in English and waiting for what is on screen. Types only from playwright-core: the spec
 * brings the browser.
 */
import type { Browser, Locator, Page } from 'playwright-core';

export type DashboardKioskState =
  'Online' | 'Starting' | 'Offline' | 'Out of service' | 'Maintenance' | 'Degraded';
export type DashboardCommandLabel =
  'Out of service' | 'In service' | 'Restart' | 'Run self-test' | 'Upload journal extract';
export type DashboardAlertLabel =
  'Offline' | 'Supply low' | 'Supply empty' | 'Device fault' | 'Anomaly' | 'Recovery needs staff';

export class DashboardPage {
  private constructor(readonly page: Page) {}

  /** Opens the dashboard at `url` (the monitor's HTTP address) in a new English context and logs in. */
  static async logIn(
    browser: Browser,
    url: string,
    user: { username: string; password: string },
    timeoutMs = 15_000,
  ): Promise<DashboardPage> {
    const context = await browser.newContext({ locale: 'en-GB', viewport: { width: 1400, height: 1000 } });
    const page = await context.newPage();
    page.setDefaultTimeout(timeoutMs);
    await page.goto(url);
    await page.getByLabel('User name').fill(user.username);
    await page.getByLabel('Password').fill(user.password);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByText(`Logged in as ${user.username}`).waitFor();
    return new DashboardPage(page);
  }

  /** The table row whose header cell is this kiosk, inside `scope` (default: the whole page). */
  row(kioskId: string, scope: Page | Locator = this.page): Locator {
    return scope
      .getByRole('row')
      .filter({ has: this.page.getByRole('rowheader', { name: kioskId, exact: true }) });
  }

  /** Shows the fleet list (from anywhere). */
  async fleet(): Promise<void> {
    await this.page.getByRole('button', { name: 'Fleet', exact: true }).click();
  }

  /** Waits until the fleet list shows the kiosk in this state. */
  async waitForKioskState(kioskId: string, state: DashboardKioskState): Promise<void> {
    await this.fleet();
    await this.row(kioskId).getByText(state, { exact: true }).waitFor();
  }

  /** Waits until the fleet list shows this supply at this level, e.g. `('JZ-0001', 'Paper', 'empty')`. */
  async waitForSupply(kioskId: string, supply: string, level: string): Promise<void> {
    await this.fleet();
    await this.row(kioskId)
      .getByText(new RegExp(`^${supply.replace(/[()]/g, '\\$&')}: ${level}( \\(\\d+\\))?$`))
      .waitFor();
  }

  /** The alerts screen's active alerts. */
  async activeAlerts(): Promise<Locator> {
    await this.page.getByRole('button', { name: /^Alerts/ }).click();
    return this.page.getByRole('region', { name: 'Active alerts' });
  }

  /** Waits until an active alert of this kind is listed for the kiosk; the alert's row. */
  async waitForAlert(kioskId: string, kind: DashboardAlertLabel): Promise<Locator> {
    const active = await this.activeAlerts();
    const alert = this.row(kioskId, active).filter({
      has: this.page.getByRole('cell', { name: kind, exact: true }),
    });
    await alert.first().waitFor();
    return alert.first();
  }

  /** Acknowledges the kiosk's active alert of this kind (operator role) and waits until it shows who did. */
  async acknowledge(kioskId: string, kind: DashboardAlertLabel, username: string): Promise<void> {
    const alert = await this.waitForAlert(kioskId, kind);
    await alert.getByRole('button', { name: /^Acknowledge / }).click();
    await alert.getByRole('cell', { name: username, exact: true }).waitFor();
  }

  /** Opens a kiosk's detail from the fleet list; the detail's region. */
  async openKiosk(kioskId: string): Promise<Locator> {
    await this.fleet();
    await this.page.getByRole('button', { name: kioskId, exact: true }).click();
    const detail = this.page.getByRole('region', { name: `Kiosk ${kioskId}` });
    await detail.waitFor();
    return detail;
  }

  /** Sends a command from the kiosk's detail (operator role) and waits until the kiosk acknowledged it; its result. */
  async sendCommand(kioskId: string, command: DashboardCommandLabel): Promise<string> {
    const detail = await this.openKiosk(kioskId);
    const before = await detail.getByTestId('command-history').getByRole('row').count();
    await detail.getByRole('button', { name: command, exact: true }).click();
    await detail.getByRole('status').getByText(`Command sent: ${command}`).waitFor();
    const history = detail.getByTestId('command-history');
    // newest first: wait for the new row, then for its acknowledgement
    await history.getByRole('row').nth(Math.max(before, 1)).waitFor();
    const answered = history.locator('tbody tr:first-child:not([data-result="pending"])');
    await answered.waitFor();
    return (await answered.getAttribute('data-result')) ?? 'pending';
  }

  async close(): Promise<void> {
    await this.page.context().close();
  }
}
