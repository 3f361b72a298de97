/**
 * The demo residents named in the README: the host simulator seeds them and the virtual cards of
 * the emulators carry them, so a person can try every journey after `npm start`. Demo data only.
 */
import { makeResidentId } from './resident-id.js';

export interface DemoResident {
  /** stable handle used by the demo panel and tests */
  readonly key: string;
  readonly name: string;
  readonly idNumber: string;
  readonly sex: 'male' | 'female';
  readonly birthDate: string; // YYYY-MM-DD
  readonly cardNumber: string;
  readonly cardState: 'made' | 'active' | 'temporarilyLost' | 'lost' | 'cancelled' | 'expired';
  readonly cardIssueDate: string; // YYYY-MM-DD
  /** the PIN stored on the demo card (the virtual card's initial state), never shown by the kiosk */
  readonly cardPin: string;
  readonly balanceFen: number;
}

export const DEMO_RESIDENTS: readonly DemoResident[] = [
  {
    key: 'zhang',
    name: '张三明',
    idNumber: makeResidentId('410802', '19800315', 131),
    sex: 'male',
    birthDate: '1980-03-15',
    cardNumber: 'H41080000101',
    cardState: 'active',
    cardIssueDate: '2020-06-01',
    cardPin: '147258',
    balanceFen: 356_780,
  },
  {
    key: 'li',
    name: '李秀英',
    idNumber: makeResidentId('410803', '19621109', 242),
    sex: 'female',
    birthDate: '1962-11-09',
    cardNumber: 'H41080000102',
    cardState: 'active',
    cardIssueDate: '2017-09-20',
    cardPin: '258369',
    balanceFen: 1_204_550,
  },
  {
    key: 'wang',
    name: '王建国',
    idNumber: makeResidentId('410811', '19751201', 357),
    sex: 'male',
    birthDate: '1975-12-01',
    cardNumber: 'H41080000103',
    cardState: 'expired',
    cardIssueDate: '2014-05-10',
    cardPin: '369147',
    balanceFen: 88_000,
  },
  {
    key: 'zhao',
    name: '赵丽',
    idNumber: makeResidentId('410882', '19990420', 468),
    sex: 'female',
    birthDate: '1999-04-20',
    cardNumber: 'H41080000104',
    cardState: 'made',
    cardIssueDate: '2026-11-01',
    cardPin: '123456',
    balanceFen: 0,
  },
];

export function demoResident(key: string): DemoResident | undefined {
  return DEMO_RESIDENTS.find((r) => r.key === key);
}
