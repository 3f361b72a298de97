/** 业务步骤的中文（每一步的标题与提示）：目录的 `steps` 与 `journeySteps`（`messages.zh-CN.ts`）。 */
import type { Messages } from './messages.en';

export const stepsZhCN: Messages['steps'] = {
  insertCard: { title: '请插入社会保障卡', hint: '芯片朝前、正面朝上插入卡口。' },
  readingCard: { title: '正在读卡…', hint: '请勿拔出卡片。' },
  enterPin: { title: '请在密码键盘上输入密码', hint: '输入完毕请按密码键盘上绿色的“确认”键。' },
  verifyingPin: { title: '正在校验密码…', hint: '请稍候。' },
  queryingBalance: { title: '正在查询余额…', hint: '请稍候。' },
  showBalance: { title: '您的账户余额', hint: '' },
  ejectingCard: { title: '正在退卡…', hint: '请稍候。' },
  takeCard: { title: '请取走您的卡片', hint: '请从卡口取出卡片。' },
  retractingCard: { title: '卡片已被回收', hint: '卡片未被取走，本机正在妥善保管。' },
  ended: { title: '谢谢使用', hint: '' },
  chooseJourney: {
    title: '业务办理完毕',
    hint: '可继续用本卡办理其他业务，或点击下方按钮结束并取回卡片。',
    hintRecordsOnly: '请选择“明细查询”打印交易明细，或点击下方按钮结束并取回卡片。',
    hintCardBackOnly: '请点击下方按钮结束并取回卡片。',
  },
  placeIdCard: {
    title: '请将居民身份证放在读卡区',
    hint: '平放并保持不动。读卡区上已有的身份证，请拿起后重新放置。',
  },
  takeIdCard: { title: '请取走您的身份证', hint: '请从读卡区拿起您的居民身份证并妥善保管。' },
  readingIdCard: { title: '正在读取身份证…', hint: '请勿移开身份证。' },
  matchingFace: {
    title: '请正视摄像头',
    hint: '请保持不动，本机将比对您的面部与身份证照片，不保存任何图像。',
  },
  faceNotMatched: { title: '人脸比对未通过', hint: '请摘下眼镜、帽子或口罩，正对摄像头。' },
  loadingRecords: { title: '正在查询交易明细…', hint: '请稍候。' },
  showRecords: { title: '近期交易明细', hint: '' },
  printingRecords: { title: '正在打印明细…', hint: '请等待凭条打印完成。' },
  recordsPrinted: { title: '明细已打印', hint: '请从出纸口取走凭条。' },
  loadingQuota: { title: '正在查询可支取额度…', hint: '请稍候。' },
  chooseAmount: { title: '请选择支取金额', hint: '本机只能支付整张钞票。' },
  authorisingWithdrawal: { title: '正在核准支取…', hint: '请稍候，请勿离开。' },
  dispensingCash: { title: '正在出钞…', hint: '请稍候。' },
  takeCash: { title: '请取走现金', hint: '请从出钞口取走钞票。' },
  retractingCash: { title: '现金已回收', hint: '现金未被取走，款项将退回您的账户。' },
  printingReceipt: { title: '正在打印凭条…', hint: '请稍候。' },
  cashWithdrawn: {
    title: '取现成功',
    hint: '请当面点清现金并取走凭条。',
    hintNoReceipt:
      '请当面点清现金。本次未打印凭条：取现已记入您的账户明细，可到其他自助机“明细查询”打印，或到服务窗口查询打印。',
    // no cash paid out (the details' notPaid): never "done"; what became of the money, the card back
    titleNotPaid: '取现未完成',
    notPaid: {
      nothingTaken: '本次未支付现金，您的账户未扣款。请取回社保卡，可稍后重试或到服务窗口办理。',
      returned: '本次未支付现金，款项已退回您的账户，未打印凭条。请取回社保卡。',
      returning: '本次未支付现金，未打印凭条。本次冻结的款项正在退回您的账户，您无需办理。请取回社保卡。',
      forStaff:
        '取现未能完成，未打印凭条。工作人员将核对出钞口的现金并为您结算账户。请取回社保卡，并到服务窗口咨询。',
    },
  },
  reversingWithdrawal: { title: '正在将款项退回您的账户…', hint: '请稍候。' },
  replacementReason: { title: '请选择补卡原因', hint: '损坏的卡请在本机交回，本机将收存并注销。' },
  insertOldCard: { title: '请插入损坏的社保卡', hint: '请将旧卡芯片朝前插入读卡口，旧卡将被收存。' },
  handingInOldCard: { title: '正在收回旧卡…', hint: '请稍候。' },
  checkingApplication: { title: '正在查询制卡申请…', hint: '请稍候。' },
  payFee: { title: '补卡费用', hint: '请选择缴费方式，缴费成功后开始制卡。' },
  makingCard: { title: '正在制卡', hint: '最长约需 5 分钟，请勿离开。' },
  takeNewCard: { title: '请取走您的新卡', hint: '请从卡口取出新卡。' },
  reportingIssuance: { title: '正在登记新卡…', hint: '请稍候。' },
  enterNewPin: {
    title: '请输入 {{length}} 位新密码',
    hint: '不要全部相同、不要连续、不要用生日。输入完毕请按绿色的“确认”键。',
  },
  confirmNewPin: { title: '请再次输入新密码', hint: '输入完毕请按密码键盘上绿色的“确认”键。' },
  savingPin: { title: '正在保存新密码…', hint: '请稍候。' },
  pinSaved: { title: '新密码设置成功', hint: '今后请使用新密码。' },
  confirmLoss: {
    title: '确认临时挂失此卡吗？',
    hint: '临时挂失后此卡立即停用，到期自动解除；到服务窗口办理正式挂失或补换新卡后不再解除。',
  },
  reportingLoss: { title: '正在办理临时挂失…', hint: '请稍候。' },
  lossReported: {
    title: '临时挂失成功',
    hint: '如需正式挂失请到服务窗口办理；也可在本机或服务窗口补换新卡。',
  },
  unknown: { title: '请稍候…', hint: '' },
};

export const journeyStepsZhCN: Messages['journeySteps'] = {
  unfreezeCard: {
    confirmLoss: {
      title: '此卡已挂失，是否解挂？',
      hint: '仅在您已找回此卡时解挂，解挂后卡片立即恢复使用。',
    },
    reportingLoss: { title: '正在解挂…', hint: '请稍候。' },
    lossReported: { title: '解挂成功', hint: '您的卡片已恢复使用，密码不变。' },
  },
  changePin: {
    enterPin: { title: '请输入当前密码', hint: '输入完毕请按密码键盘上绿色的“确认”键。' },
    pinSaved: { title: '密码修改成功', hint: '今后请使用新密码，原密码已失效。' },
  },
  resetPin: {
    placeIdCard: {
      title: '请放置居民身份证以重置密码',
      hint: '须为本卡持卡人的身份证。平放并保持不动。',
    },
    pinSaved: { title: '密码重置成功', hint: '社保卡已解锁，今后请使用新密码。' },
  },
  issueCard: {
    chooseJourney: {
      title: '新卡已制好',
      hint: '现在启用请点击“启用社保卡”，再插入新卡；暂不启用请点击“完成”。',
    },
  },
  replaceCard: {
    chooseJourney: {
      title: '新卡已制好',
      hint: '现在启用请点击“启用社保卡”，再插入新卡；暂不启用请点击“完成”。',
    },
  },
};
