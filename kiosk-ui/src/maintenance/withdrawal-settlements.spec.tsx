import type { PendingWithdrawalSettlement } from '@kiosk/domain';
import { renderForSpec } from '../screens/render-for-spec';
import { WithdrawalSettlements } from './withdrawal-settlements';

/** a withdrawal recovery left for staff, as the daemon's view sends it */
const undecided: PendingWithdrawalSettlement = {
  transactionId: 'JZ-9001-000003',
  startedAt: '2026-11-27T06:30:00.000Z',
  verdict: null,
  amountFen: 20_000,
  card: 'H41******102',
  name: '李*英',
  stoppedAt: 'cash.dispense:intent',
  counters: {
    cassettes: [
      // after a crash: boot recorded the counts now as the journal's latest, the two notes gone
      { cassette: 'upper', denominationFen: 10_000, device: 198, before: 200, journal: 198 },
      { cassette: 'lower', denominationFen: 5_000, device: 200, before: 200, journal: 200 },
    ],
    rejectBinDevice: 1,
    rejectBinBefore: 0,
    rejectBinJournal: 1,
    retractBinDevice: 2,
    retractBinBefore: 0,
    retractBinJournal: 2,
  },
};
const list = (pending: readonly PendingWithdrawalSettlement[], locale: 'en' | 'zh-CN') =>
  renderForSpec(<WithdrawalSettlements pending={pending} busy={false} onSettle={() => undefined} />, locale);

describe('withdrawals left for staff, as the daemon’s view has them', () => {
  it('no verdict yet: both answers offered, nothing said of a verdict', () => {
    const html = list([undecided], 'en');
    expect(html).toContain('JZ-9001-000003 (2026-11-27 14:30)'); // the kiosk's local time
    expect(html).toContain('staff-withdrawal-paid');
    expect(html).toContain('staff-withdrawal-notPaid');
    expect(html).not.toContain('staff-withdrawal-verdict-given');
  });

  it('a verdict given before the host answered: only that answer is offered again, in words', () => {
    const html = list([{ ...undecided, verdict: 'notPaid' }], 'en');
    expect(html).toContain(
      'A verdict was given already (Resident was not paid) and the host did not answer: send it again.',
    );
    expect(html).toContain('staff-withdrawal-notPaid');
    expect(html).not.toContain('staff-withdrawal-paid');
  });

  it('a verdict given (zh-CN): said in words, the other answer not offered', () => {
    const html = list([{ ...undecided, verdict: 'paid' }], 'zh-CN');
    expect(html).toContain('已有处理结论（居民已拿到钱），但主机未应答：请再次报送。');
    expect(html).not.toContain('staff-withdrawal-notPaid');
  });

  it('what the supervisor counts for: the amount asked, the card and name as the daemon masked them, where it stopped', () => {
    const en = list([undecided], 'en');
    expect(en).toContain('Amount asked for');
    expect(en).toContain('¥ 200.00');
    expect(en).toContain('李*英 · H41******102');
    expect(en).toContain('<code>cash.dispense:intent</code>');
    expect(list([undecided], 'zh-CN')).toContain('200.00 元');
    const unknown = list([{ ...undecided, amountFen: null, card: null, name: null, stoppedAt: null }], 'en');
    expect(unknown).toContain('— · —');
    expect(unknown).not.toContain('¥');
  });

  it('the dispenser’s counts to count the cash against: each cassette and bin before the withdrawal beside now (after a crash the journal’s latest is the counts now)', () => {
    const en = list([undecided], 'en');
    expect(en).toContain('Cassette upper (100 yuan notes)');
    expect(en).toMatch(/data-testid="staff-withdrawal-cassette-upper">before the withdrawal 200, now 198</);
    expect(en).toContain('Cassette lower (50 yuan notes)');
    expect(en).toMatch(/data-testid="staff-withdrawal-cassette-lower">before the withdrawal 200, now 200</);
    expect(en).toMatch(/<dt>Reject bin<\/dt><dd[^>]*>before the withdrawal 0, now 1<\/dd>/);
    expect(en).toMatch(/<dt>Retract bin<\/dt><dd[^>]*>before the withdrawal 0, now 2<\/dd>/);
    // fault: both columns showed the counts now (the journal's latest, recorded at boot)
    expect(en).not.toContain('198, now 198');
    const zh = list([undecided], 'zh-CN');
    expect(zh).toContain('钞箱 上层（100 元）');
    expect(zh).toContain('取款前 200，现在 198');
    expect(zh).toMatch(/<dt>废钞箱<\/dt><dd[^>]*>取款前 0，现在 1<\/dd>/);
    expect(zh).toMatch(/<dt>回收箱<\/dt><dd[^>]*>取款前 0，现在 2<\/dd>/);
    // a cassette only the journal knows, bins the dispenser does not count, nothing journaled
    const uncounted = list(
      [
        {
          ...undecided,
          counters: {
            cassettes: [{ cassette: 'third', denominationFen: 2_000, device: null, before: 40, journal: 40 }],
            rejectBinDevice: null,
            rejectBinBefore: null,
            rejectBinJournal: null,
            retractBinDevice: 3,
            retractBinBefore: null,
            retractBinJournal: null,
          },
        },
      ],
      'en',
    );
    expect(uncounted).toContain('Cassette third (20 yuan notes)');
    expect(uncounted).toContain('before the withdrawal 40, now not counted');
    expect(uncounted).toContain('before the withdrawal not counted, now not counted');
    expect(uncounted).toContain('before the withdrawal not counted, now 3');
  });

  it('none left for staff: says none, offers no answer', () => {
    const html = list([], 'zh-CN');
    expect(html).toContain('无。');
    expect(html).not.toContain('staff-withdrawal-paid');
  });

  it('notes left in the presenter by a failed retract: said in words beside the step, in both languages', () => {
    const left = { ...undecided, stoppedAt: 'cash.leftInPresenter:event' };
    const en = list([left], 'en');
    expect(en).toContain(
      'notes left in the presenter after a failed retract: look in the presenter; “Resident was not paid” retracts them now',
    );
    expect(en).toContain('<code>cash.leftInPresenter:event</code>');
    expect(list([left], 'zh-CN')).toContain('回收失败，钞票留在出钞口');
    // another step: its code alone
    expect(list([undecided], 'en')).not.toContain('failed retract');
  });

  it('notes-at-slot-while-link-down: what the kiosk knows of notes gone while the dispenser’s link was down, in words, with the retract bin to count', () => {
    const gone: PendingWithdrawalSettlement = {
      ...undecided,
      stoppedAt: 'cash.leftInPresenter:event',
      notesGoneUnseen: {
        presentedFen: 20_000,
        lostAt: '2026-11-27T06:31:05.000Z',
        backAt: '2026-11-27T06:33:40.000Z',
      },
    };
    const en = list([gone], 'en');
    expect(en).toContain(
      'went while the kiosk could not watch it (the dispenser’s link down or busy, or the kiosk restarting): taken by the resident or drawn into the retract bin',
    );
    // not the words of notes a failed retract left in the presenter (nothing is there to look at)
    expect(en).not.toContain('look in the presenter');
    expect(en).toMatch(/<dt>Notes at the slot<\/dt><dd[^>]*>¥ 200.00<\/dd>/);
    expect(en).toMatch(/<dt>Slot out of sight from<\/dt><dd[^>]*>2026-11-27 14:31:05<\/dd>/);
    expect(en).toMatch(/<dt>Slot in sight again<\/dt><dd[^>]*>2026-11-27 14:33:40<\/dd>/);
    expect(en).toMatch(/<dt>Retract bin<\/dt><dd[^>]*>before the withdrawal 0, now 2<\/dd>/);
    const zh = list([gone], 'zh-CN');
    expect(zh).toContain('出钞机无法分辨');
    expect(zh).toMatch(/<dt>出钞口失去监看于<\/dt><dd[^>]*>2026-11-27 14:31:05<\/dd>/);
    const unread = list(
      [{ ...gone, notesGoneUnseen: { presentedFen: null, lostAt: null, backAt: null } }],
      'en',
    );
    expect(unread).toMatch(/<dt>Slot in sight again<\/dt><dd[^>]*>—<\/dd>/);
    // a withdrawal left otherwise shows none of it
    expect(list([undecided], 'en')).not.toContain('Slot out of sight from');
  });

  it('journey-retract-takes-back-fewer-notes: what was at the slot and what the retract took back', () => {
    const short: PendingWithdrawalSettlement = {
      ...undecided,
      stoppedAt: 'cash.retractShort:event',
      retractShort: { atSlotFen: 20_000, atSlotNotes: 2, retractedFen: 10_000, notesRetracted: 1 },
    };
    const en = list([short], 'en');
    expect(en).toContain('the retract took back fewer notes than were at the slot');
    expect(en).toMatch(/<dt>Notes at the slot<\/dt><dd[^>]*>¥ 200.00 \(2 notes\)<\/dd>/);
    expect(en).toMatch(/<dt>Taken back into the retract bin<\/dt><dd[^>]*>¥ 100.00 \(1 note\)<\/dd>/);
    const zh = list([short], 'zh-CN');
    expect(zh).toMatch(/<dt>已回收入回收箱<\/dt><dd[^>]*>100.00 元（1 张）<\/dd>/);
    // a withdrawal left otherwise shows none of it
    expect(list([undecided], 'en')).not.toContain('Taken back into the retract bin');
  });
});
