/**
 * Field staff of the mixed-journey run, on the daemon's real maintenance API as staff use it: the
 * log-in with the staff card's number and the PIN typed on the kiosk's PIN pad (the demo pad), the
 * staff view, a refill of each stock that runs low or out (receipt paper, card blanks, notes, the
 * ribbon), each full bin emptied with the count staff took out, the reconciliation report, the
 * log-out (self test, back in service). An engineer does what an engineer may; notes and the
 * dispenser's bins need the supervisor, who comes when the engineer cannot do them.
 */
import type { KioskMode, MaintenanceSupplyView, MaintenanceView, ReconciliationReport } from '@kiosk/domain';
import type { Screen } from './mixed-journeys.robot.js';

/** The test profile's demo staff (its staff list): an engineer and a supervisor. */
export const ENGINEER = { id: 'FS-0001', pin: '246810' } as const;
export const SUPERVISOR = { id: 'FS-0002', pin: '135790' } as const;
type Staff = typeof ENGINEER | typeof SUPERVISOR;

/** where the self test after a visit leaves the kiosk */
const SETTLED: readonly KioskMode[] = ['inService', 'degraded', 'outOfService'];

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** What field staff did on one supply: `refill` added so many, `emptyBin` took so many out. */
export interface SupplyWork {
  readonly action: 'refill' | 'emptyBin';
  readonly device: string;
  readonly supply: string;
  readonly quantity: number;
}

export interface VisitResult {
  readonly work: readonly SupplyWork[];
  /** the reconciliation report taken at the end of the visit */
  readonly report: ReconciliationReport;
}

/** Stock that runs low or out, a bin that is full: what staff see to on a visit. */
const needsWork = (s: MaintenanceSupplyView): boolean =>
  s.role === 'stock' ? s.level === 'low' || s.level === 'empty' : s.level === 'full';

export class FieldStaff {
  constructor(
    private readonly baseUrl: string,
    private readonly screen: Screen,
  ) {}

  private async call<T>(method: string, path: string, token?: string, body?: unknown): Promise<T> {
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: {
        'content-type': 'application/json',
        ...(token !== undefined && { authorization: `Bearer ${token}` }),
      },
      ...(body !== undefined && { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`soak: ${method} ${path} answered ${response.status} ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  }

  /**
   * The staff card presented (again while the resident's session is still closing: refused
   * SESSION_BUSY), the PIN typed on the kiosk's PIN pad once it asks: the visit's token.
   */
  private async logIn(staff: Staff): Promise<string> {
    for (let tries = 0; ; tries += 1) {
      const answer = this.call<{ token: string }>('POST', '/maintenance/login', undefined, {
        staffId: staff.id,
      });
      const gaveUp = new AbortController();
      const asked = this.screen
        .until(
          () => (this.screen.kiosk?.mode === 'maintenance' ? 'asked' : undefined),
          'maintenance',
          20_000,
          gaveUp.signal,
        )
        .catch(() => 'answered');
      const first = await Promise.race([
        answer.then(
          () => 'answered',
          (e: Error) => (e.message.includes('SESSION_BUSY') && tries < 500 ? 'busy' : 'answered'),
        ),
        asked,
      ]);
      gaveUp.abort();
      if (first === 'busy') {
        await pause(10);
        continue;
      }
      if (first === 'asked') await this.typePin(staff);
      return (await answer).token;
    }
  }

  /** The pad takes keys only once it collects the staff PIN: the first key again until it does. */
  private async typePin(staff: Staff): Promise<void> {
    for (let tries = 0; !(await this.screen.emit('demo.pinpad', { key: staff.pin[0] })).ok; tries += 1) {
      if (tries > 200) throw new Error('soak: the PIN pad never asked for the staff PIN');
      await pause(5);
    }
    for (const key of staff.pin.slice(1)) await this.screen.emit('demo.pinpad', { key });
    await this.screen.emit('demo.pinpad', { key: 'enter' });
  }

  private async logOut(token: string): Promise<void> {
    await this.call('POST', '/maintenance/logout', token);
    await this.screen.until(
      () => (SETTLED.includes(this.screen.kiosk?.mode ?? 'booting') ? true : undefined),
      'the kiosk back from maintenance (self test done)',
    );
  }

  /** Each supply this member of staff may see to and that needs it: refilled or emptied. */
  private async seeTo(token: string, view: MaintenanceView): Promise<SupplyWork[]> {
    const work: SupplyWork[] = [];
    for (const s of view.supplies.filter((x) => x.allowed && needsWork(x))) {
      const counted = s.journalCount ?? s.count;
      if (s.role === 'bin') {
        if (counted === null) continue; // nothing counts it: staff count it at a counter, not here
        await this.call('POST', '/maintenance/empty-bin', token, {
          device: s.device,
          supply: s.supply,
          counted,
        });
        work.push({ action: 'emptyBin', device: s.device, supply: s.supply, quantity: counted });
        continue;
      }
      // a roll of paper, a new ribbon, or the stock filled up to what it holds
      const added =
        s.unit === 'rolls'
          ? 1
          : s.unit === 'prints'
            ? (s.capacity ?? 500)
            : (s.capacity ?? 200) - (s.count ?? 0);
      if (added <= 0) continue;
      await this.call('POST', '/maintenance/refill', token, {
        device: s.device,
        supply: s.supply,
        added,
        ...(counted !== null && s.unit !== 'rolls' && s.unit !== 'prints' && { countedBefore: counted }),
        ...(s.denominationFen !== null && { denominationFen: s.denominationFen }),
      });
      work.push({ action: 'refill', device: s.device, supply: s.supply, quantity: added });
    }
    return work;
  }

  /**
   * One visit: the engineer sees to what an engineer may, the supervisor to what is left (notes,
   * the dispenser's bins); the reconciliation report taken by the last of them.
   */
  async visit(): Promise<VisitResult> {
    const work: SupplyWork[] = [];
    let report: ReconciliationReport | undefined;
    for (const staff of [ENGINEER, SUPERVISOR]) {
      const token = await this.logIn(staff);
      try {
        const view = await this.call<MaintenanceView>('GET', '/maintenance/view', token);
        work.push(...(await this.seeTo(token, view)));
        report = await this.call<ReconciliationReport>('GET', '/maintenance/reconciliation', token);
        const after = await this.call<MaintenanceView>('GET', '/maintenance/view', token);
        if (!after.supplies.some((s) => !s.allowed && needsWork(s))) break;
      } finally {
        await this.logOut(token);
      }
    }
    return { work, report: report! };
  }
}
