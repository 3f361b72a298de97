/**
 * Chinese words of the supervisor's list of withdrawals left for staff: what is known of each
 * (the catalogue's `staff.withdrawalFacts`) and the confirmation of a verdict with its effect at
 * the host (`staff.withdrawalConfirm`), in `staff-messages.zh-CN.ts`. `staff-withdrawal-messages.en.ts`
 * has the same keys.
 */
export const withdrawalFactsZhCN = {
  amount: '取款金额',
  yuan: '{{yuan}} 元',
  yuanNotes_one: '{{yuan}} 元（{{count}} 张）',
  yuanNotes_other: '{{yuan}} 元（{{count}} 张）',
  resident: '居民',
  stoppedAt: '中断于',
  unknown: '—',
  rejectBin: '废钞箱',
  retractBin: '回收箱',
  cashCounts: '取款前 {{before}}，现在 {{device}}',
  notCounted: '不计数',
  presented: '出钞口钞票',
  linkLostAt: '出钞口失去监看于',
  linkBackAt: '出钞口恢复监看于',
  takenBack: '已回收入回收箱',
  stoppedSteps: {
    retractShort: '回收取回的钞票少于出钞口的钞票：其余在回收时被居民取走；请清点回收箱并与取款前的数目核对',
    notesLeftInPresenter: '回收失败，钞票留在出钞口：请查看出钞口；选“居民未拿到钱”即刻回收',
    notesGoneUnseen:
      '出钞口无法监看期间（出钞机断线或忙碌，或自助机重启）钞票不见了：可能被居民取走，也可能被收入回收箱，出钞机无法分辨；请清点回收箱并与取款前的数目核对',
  },
};

export const withdrawalConfirmZhCN = {
  prompt: '确认：{{verdict}}？',
  effects: {
    paid: '告知主机已出钞：确认冻结款项，从居民账户扣款。',
    paidShort: '告知主机居民取走了未被回收的钞票：回收入回收箱的 {{yuan}} 元退回居民，其余冻结款项确认扣款。',
    notPaid: '告知主机未出钞：解除冻结，居民余额不变。',
    taken: '告知主机居民取走 {{yuan}} 元：该金额确认扣款，其余冻结款项退回居民账户。',
    takenNotCounted: '请填写清点的金额：整元（或元和分），不超过出钞口的金额。',
  },
  standing: '结论一经给出不可更改。',
  confirm: '确认',
  cancel: '取消',
};
