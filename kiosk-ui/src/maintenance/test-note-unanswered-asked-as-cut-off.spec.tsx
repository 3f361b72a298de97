/**
 * The fault: a test dispense whose lower note got no answer is left for staff with that note alone
 * in question (7457487: the upper note known moved and counted), and the staff screen asked "The
 * test dispense of 1 notes (one a cassette) by … was cut off by a restart: did they go into the
 * reject bin?": no restart happened, one note is asked of, and which cassette's was not said, so the
 * supervisor counting the reject bin could not tell which note to look for. The daemon now names
 * the cassettes whose note is in question (`notesInQuestionFrom`), and the question says the test
 * note of that cassette got no answer, in both languages; a test dispense cut off by a restart is
 * asked of as before.
 */
import { describe, expect, it } from '@jest/globals';
import type { PendingSupplyAct } from '@kiosk/domain';
import { renderForSpec } from '../screens/render-for-spec';
import { SupplyActsCutOff } from './supply-acts-cut-off';

/** li's supervisor's test dispense, its lower note unanswered, as the daemon's view sends it */
const unanswered: PendingSupplyAct = {
  transactionId: 'JZ-9001-000007',
  startedAt: '2026-11-27T06:30:00.000Z',
  staffId: 'FS-0002',
  device: 'cashDispenser',
  supply: 'rejectBin',
  action: 'testDispense',
  quantity: 1,
  notesInQuestionFrom: ['lower'],
  countedBefore: null,
  journalCount: 1,
  deviceCount: null,
  supervisorOnly: true,
};

const list = (pending: PendingSupplyAct, locale: 'en' | 'zh-CN') =>
  renderForSpec(
    <SupplyActsCutOff
      view={{ pendingSupplyActs: [pending], role: 'supervisor' }}
      busy={false}
      onSettle={() => undefined}
    />,
    locale,
  );

describe('test-note-unanswered-asked-as-cut-off', () => {
  it.each([
    [
      'en',
      'The test note of the lower cassette in the test dispense by FS-0002 (2026-11-27 14:30) got no answer: did it go into the Cash reject bin (rejected notes)?',
      'was cut off by a restart: did',
    ],
    [
      'zh-CN',
      'FS-0002 于 2026-11-27 14:30 的测试出钞中，下层钞箱的测试钞票设备未应答：是否已进入废钞箱？',
      '因重启中断：钞票',
    ],
  ] as const)('%s: the note in question named, no restart said', (locale, question, restart) => {
    const html = list(unanswered, locale);
    expect(html).toContain(question);
    expect(html).not.toContain(restart);
  });

  it('a test dispense cut off by a restart (no notes named): asked of whole, as before', () => {
    const { notesInQuestionFrom: _, ...cutOff } = unanswered;
    const html = list({ ...cutOff, quantity: 2 }, 'en');
    expect(html).toContain('The test dispense of 2 notes (one a cassette) by FS-0002');
    expect(html).toContain('was cut off by a restart');
  });
});
