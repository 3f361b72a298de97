/**
 * Chinese words of the supervisor's list of card makings left for staff (the catalogue's
 * `staff.cardMaking`, `staff-messages.zh-CN.ts`). `staff-card-making-messages.en.ts` has the same keys.
 */
export const cardMakingMessagesZhCN = {
  journeys: { issueCard: '新办卡', replaceCard: '补换卡' },
  resident: '居民',
  card: '卡号',
  started: '开始时间',
  stoppedAt: '中断于',
  stoppedSteps: { retractPending: '回收无人取走的卡片', oldCardCapture: '将交回的旧卡收入吞卡箱' },
  hopper: '进卡箱空白卡',
  rejectBin: '废卡箱',
  rejectBinCounts: '制卡机 {{device}}，流水 {{journal}}',
  notCounted: '不计数',
  unknown: '—',
  verdictGiven: '已有处理结论（{{verdict}}），但中心未应答：请再次报送。',
  confirmPrompt: '确认：{{verdict}}？',
  binEffects: {
    counted: '流水中的废卡箱计数由 {{before}} 变为 {{after}}。',
    notCounted: '废卡箱没有计数可加；流水记录该卡在废卡箱中。',
    unchanged: '废卡箱计数不变。',
  },
  officeEffects: {
    inRejectBin: '告知中心未发卡，该卡号作废。',
    taken: '告知中心该卡已发出，居民可激活。',
    missing: '告知中心未发卡，该卡号作废，任何人都无法使用。居民需重新申请。',
  },
  confirm: '确认',
  cancel: '取消',
};
