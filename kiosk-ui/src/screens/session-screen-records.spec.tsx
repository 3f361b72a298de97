/** The records on the session screen: signs and kinds worded in the language on screen, printing. */
import { OTHER_RECORD, RECORD_KINDS, type AccountRecordLine, type JourneyDetails } from '@kiosk/domain';
import { balanceSession } from './sample-views';
import { renderSession as render } from './session-screen.spec-support';
import type { JourneyView } from '../gateway/proposed-contract';

/** The records screen listing `records`: the card far from its limit, the printer able, unless `shown`. */
const recordsShown = (
  records: readonly AccountRecordLine[],
  shown: Partial<Omit<Extract<JourneyDetails, { kind: 'records' }>, 'kind' | 'records'>> = {},
): JourneyView => ({
  ...balanceSession({ journey: 'records', step: 'showRecords' }),
  details: {
    kind: 'records',
    records,
    unprintedCount: 0,
    recordsUntilPrintRequired: 60,
    printAvailable: true,
    printed: false,
    ...shown,
  },
});

describe('SessionScreen: the records', () => {
  it('lists records with the sign written out, and hides printing when the printer is down', () => {
    const view = recordsShown(
      [
        { at: '2026-11-20T09:00:00Z', kind: 'medicalPayment', amountFen: -2350, balanceAfterFen: 354430 },
        { at: '2026-11-01T09:00:00Z', kind: 'contribution', amountFen: 15000, balanceAfterFen: 356780 },
      ],
      { unprintedCount: 58, recordsUntilPrintRequired: 2, printAvailable: false },
    );
    const html = render(view, 'en');
    expect(html).toContain('−23.50');
    expect(html).toContain('+150.00');
    expect(html).toContain('Medical payment');
    expect(html).not.toContain('data-testid="primary"');
    expect(html).toContain('Printing is not available');
    expect(html).toContain('The card stops working after 2 more records unless you print them.');
  });

  it("words a record's detail code in the chosen language only", () => {
    const view = recordsShown([
      {
        at: '2026-11-20T09:00:00Z',
        kind: 'medicalPayment',
        amountFen: -2350,
        balanceAfterFen: 354430,
        detail: 'pharmacy',
      },
    ]);
    const zh = render(view, 'zh-CN');
    expect(zh).toContain('药店购药');
    expect(zh).not.toMatch(/pharmacy|Medicine/i);
    const en = render(view, 'en');
    expect(en).toContain('Medicine at a pharmacy');
    expect(en).not.toContain('药店');
  });

  it('unknown record kind from the host: shown as Other with the host description, the rest worded', () => {
    const view = recordsShown([
      {
        at: '2026-11-21T09:00:00Z',
        kind: 'other',
        amountFen: -1200,
        balanceAfterFen: 353230,
        description: '长护险个人缴费 李*英 (long-term care)',
      },
      {
        at: '2026-11-20T09:00:00Z',
        kind: 'medicalPayment',
        amountFen: -2350,
        balanceAfterFen: 354430,
        description: '口腔诊所 (dental clinic)',
      },
      { at: '2026-11-01T09:00:00Z', kind: 'contribution', amountFen: 15000, balanceAfterFen: 356780 },
    ]);
    const zh = render(view, 'zh-CN');
    expect(zh.match(/<tbody>.*<\/tbody>/s)?.[0].match(/<tr/g)).toHaveLength(3);
    expect(zh).toContain('其他');
    expect(zh).toContain('长护险个人缴费 李*英 (long-term care)');
    expect(zh).toContain('医疗消费');
    expect(zh).toContain('口腔诊所 (dental clinic)');
    expect(zh).toContain('−12.00');
    expect(zh).toContain('3532.30');
    const en = render(view, 'en');
    expect(en).toContain('Other');
    expect(en).toContain('长护险个人缴费 李*英 (long-term care)');
    expect(en).toContain('Medical payment');
    expect(en).toContain('Contribution');
  });

  it('words every record kind it knows, and the neutral other, in both languages', () => {
    for (const locale of ['zh-CN', 'en'] as const) {
      for (const kind of [...RECORD_KINDS, OTHER_RECORD]) {
        const html = render(
          recordsShown([{ at: '2026-11-21T09:00:00Z', kind, amountFen: 100, balanceAfterFen: 100 }]),
          locale,
        );
        expect(html).not.toContain(`>${kind}<`);
      }
    }
  });
});

/**
 * Fault: records-print-refused-printer-busy. The receipt printer stopped until its print head
 * cools (busy, DEVICE_BUSY, an error it clears by itself) refuses the records' print: the resident
 * read the catalogue's "a part of the kiosk is busy, try again", not which part, nor that no
 * printout came, nor when printing comes back. Now the receipt printer is named, with no printout
 * and the wait.
 */
describe('SessionScreen: the records’ print refused, the receipt printer cooling down', () => {
  const refused: JourneyView = {
    ...recordsShown([], { printAvailable: false }),
    error: { code: 'DEVICE_BUSY', message: 'The receipt printer stopped until its print head cools.' },
  };

  it('says in English that no printout was made, and to wait for the printer or finish', () => {
    const html = render(refused, 'en');
    expect(html).toContain('The receipt printer is cooling down and cannot print now: no printout was made.');
    expect(html).toContain('Wait a minute: “Print records” comes back once the printer is ready.');
    expect(html).not.toContain('A part of the kiosk is busy');
  });

  it('says the same in Chinese', () => {
    const html = render(refused, 'zh-CN');
    expect(html).toContain('凭条打印机正在降温，暂时无法打印：本次未打印任何凭条。');
    expect(html).toContain('打印机就绪后“打印明细”按钮会重新出现');
    expect(html).not.toContain('本机部分设备正忙');
  });

  it('a busy device in another journey keeps the catalogue’s words', () => {
    const html = render({ ...refused, journey: 'balance' }, 'en');
    expect(html).toContain('A part of the kiosk is busy');
    expect(html).not.toContain('cooling down');
  });
});
