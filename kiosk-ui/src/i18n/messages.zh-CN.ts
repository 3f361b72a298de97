/** 简体中文（默认语言）。键与英文目录完全一致，由类型检查保证。 */
import type { ErrorMessages } from './error-messages';
import { errorMessagesZhCN } from './error-messages.zh-CN';
import { demoMessagesZhCN } from './demo-messages.zh-CN';
import { recordsZhCN } from './records-messages.zh-CN';
import { staffMessagesZhCN } from './staff-messages.zh-CN';
import { journeyStepsZhCN, stepsZhCN } from './step-messages.zh-CN';
import type { Messages } from './messages.en';

export const zhCN: Messages = {
  app: {
    title: '社会保障自助服务',
    languageSwitch: 'English',
    languageSwitchLabel: 'Switch to English（切换到英文）',
    largeText: '大字',
    highContrast: '高对比度',
    voice: '语音播报',
    displayOptions: '显示设置',
  },
  common: {
    cancel: '取消',
    done: '完成',
    finish: '结束并退卡',
    continue: '继续',
    pleaseWait: '请稍候…',
    dismiss: '知道了',
    tryAgain: '重试',
    loading: '正在加载…',
  },
  kiosk: {
    starting: '本机正在启动，请稍候…',
    outOfService: '暂停服务',
    outOfServiceHint: '请使用其他自助机或到服务窗口办理。',
    maintenance: '设备维护中',
    maintenanceHint: '工作人员正在维护本机，请使用其他自助机或到服务窗口办理。',
    reconnecting: '暂停服务 — 正在重新连接',
    reconnectingHint: '本机正在自动重新连接，无需操作。',
    degraded: '部分业务暂不可用',
    reason: '原因：{{reason}}',
    chooseService: '请选择业务',
    noServices: '本机暂时无法办理任何业务。',
    cardLeftAtSlot: '读卡器插卡口上有他人遗留的卡片，需插卡的业务暂停至卡片取出，请将卡片交给工作人员。',
  },
  reasons: {
    CARD_READER_DOWN: '读卡器故障。',
    PIN_PAD_DOWN: '密码键盘故障。',
    ID_READER_DOWN: '身份证阅读器故障。',
    CAMERA_DOWN: '摄像头故障。',
    CARD_PRINTER_DOWN: '本机暂时不能制卡。',
    CARD_STOCK_EMPTY: '本机空白卡已用完。',
    RIBBON_EMPTY: '制卡机色带已用完。',
    REJECT_BIN_FULL: '废卡箱已满。',
    CASH_DISPENSER_DOWN: '本机暂时不能出钞。',
    CASH_EMPTY: '本机现金已用完。',
    RETRACT_BIN_FULL: '回收箱已满。',
    CASH_REJECT_BIN_FULL: '废钞箱已满。',
    RECEIPT_PRINTER_DOWN: '凭条打印机故障。',
    PAPER_EMPTY: '凭条打印机缺纸。',
    SELF_TEST_FAILED: '本机自检未通过。',
    SELF_TEST_TIMEOUT: '本机自检未完成。',
    MAINTENANCE: '工作人员正在维护本机。',
    REMOTE_OUT_OF_SERVICE: '本机已由监控中心暂停服务。',
    CARD_LEFT_IN_READER: '读卡器内留有卡片，需插卡的业务暂停，请联系工作人员。',
    CARD_CAPTURE_BIN_FULL: '吞卡箱已满，需插卡的业务暂停，请联系工作人员清空。',
    CASH_LEFT_IN_PRESENTER: '出钞口内留有钞票，取款业务暂停，请联系工作人员。',
    NEW_CARD_LEFT_AT_SLOT: '制卡机出卡口留有未处理的新卡，制卡业务暂停，请联系工作人员。',
  },
  journeys: {
    balance: { title: '余额查询', hint: '查询医保个人账户余额' },
    records: { title: '明细查询', hint: '查询并打印近期交易明细' },
    withdraw: { title: '个人账户取现', hint: '从医保个人账户支取现金' },
    issueCard: { title: '即时制卡', hint: '现场制作社会保障卡' },
    replaceCard: { title: '补换卡', hint: '卡片丢失或损坏后补换' },
    activatePin: { title: '启用社保卡', hint: '为新卡设置密码' },
    changePin: { title: '修改密码', hint: '设置新的密码' },
    resetPin: { title: '重置密码', hint: '忘记密码或密码已锁定' },
    reportLoss: { title: '挂失', hint: '挂失丢失的社保卡；找回后可在此解挂' },
  },
  journeySteps: journeyStepsZhCN,
  steps: stepsZhCN,
  face: {
    retry: '再试一次',
    triesLeft_one: '还可尝试 {{count}} 次',
    triesLeft_other: '还可尝试 {{count}} 次',
  },
  records: recordsZhCN,
  withdraw: {
    left_one: '今日还可支取 {{count}} 次',
    left_other: '今日还可支取 {{count}} 次',
    noReceipt: '本机暂时无法打印凭条。',
    amount: '¥ {{amount}}',
    amountLabel: '支取 {{amount}} 元',
    max: '当前最多可取 {{amount}} 元',
    note: '按 {{amount}} 元的整数倍支取',
    noteMultipleNext: '请选择 {{amount}} 元整数倍的金额。',
    noChoices: '当前没有可支取的金额。',
    paid: '已付出：{{amount}} 元',
    short: '出钞机故障，只付出 {{paid}} 元；其余 {{rest}} 元不会从您的账户扣除。',
    /** the authorisation went unanswered: any hold is released (at once, else in the background) */
    holdReleased: '本次未出钞，为本次支取冻结的金额将退回您的账户。',
    /** what next after such a refusal, where the code's own words would send the resident to a counter */
    holdReleasedNext: {
      HOST_UNKNOWN_WITHDRAWAL_STATUS:
        '无需到服务窗口办理：本次不会从您的账户扣款，冻结的金额由本机自动退回。',
    },
    noAmountNext: {
      INSUFFICIENT_BALANCE: '本机只能支付整张钞票，您的余额不足一张。请按“取消”取回卡片。',
      WITHDRAWAL_DAILY_CAP_EXCEEDED: '今日支取额度已用完，请明天再来。',
    },
    special: '其他支取',
    specialKinds: {
      leavingJob: '离职',
      movingRegion: '转移',
      fullBalance: '全额',
    },
  },
  issuance: {
    pay: '确认缴费',
    payQr: '扫码支付',
    payQrHint: '用手机扫描二维码',
    payAccount: '个人账户支付',
    payAccountHint: '从医保个人账户扣除',
    accountShortPayQr: '请改用扫码支付。',
    accountShortAtCounter: '请到服务窗口缴纳补卡费。',
    finishingWithOffice:
      '扣费请求已发出，本机正在与社保经办机构完成办理：扣费成功将继续制卡，未扣费则结束办理。',
    reasonLost: '卡已丢失',
    reasonLostHint: '挂失并注销旧卡',
    reasonDamaged: '卡已损坏，卡在身边',
    reasonDamagedHint: '在本机交回旧卡',
    scanQr: '请用手机扫描二维码完成支付，支付成功后立即制卡。',
    keepIdCard: '请保持身份证放在读卡区，取走身份证将停止本次缴费。',
    fee: '费用：{{amount}} 元',
    upTo: '最长约 5 分钟',
    percent: '已完成 {{percent}}%',
    remaining: '最多还需 {{minutes}} 分 {{seconds}} 秒',
    remainingMinutes: '最多还需 {{minutes}} 分钟',
    remainingSeconds: '最多还需 {{seconds}} 秒',
    stages: {
      pickingBlank: '取出空白卡',
      encodingChip: '写入芯片',
      printingFace: '打印卡面',
      checking: '检测卡片',
      presenting: '送至卡口',
    },
    stageDone: '已完成',
    stageNow: '进行中',
  },
  newPin: {
    triesLeft_one: '还可尝试 {{count}} 次',
    triesLeft_other: '还可尝试 {{count}} 次',
    weakRules: {
      format: '密码须为 {{length}} 位数字。',
      default: '不能继续使用初始密码 123456。',
      repeated: '数字全部相同，过于简单。',
      sequence: '连续数字（如 123456）过于简单。',
      birthDate: '不能使用出生日期作为密码。',
    },
  },
  loss: {
    lapsesOn: '临时挂失将于 {{date}} 失效，如需正式挂失请到服务窗口办理。',
    confirm: '确认挂失',
    confirmUnfreeze: '确认解挂',
    noCardInUse: {
      what: '您名下没有在用的社保卡，无需挂失。',
      next: '如尚未领卡或卡已注销，请到服务窗口咨询。',
    },
  },
  pin: {
    entered: '已输入 {{entered}} 位，共 {{length}} 位',
    attemptsLeft_one: '还可尝试 {{count}} 次',
    attemptsLeft_other: '还可尝试 {{count}} 次',
    privacy: '输入密码时请用手遮挡键盘。',
    lockedNextAtCounter: '请取回卡片，携带卡片和身份证到服务窗口解锁密码。',
  },
  balance: {
    card: '卡号',
    holder: '持卡人',
    amount: '余额',
    yuan: '元',
    asOf: '截至 {{asOf}}',
  },
  outcome: {
    completed: '办理完成，谢谢使用。',
    cancelled: '已取消，未做任何更改。',
    timedOut: '长时间无操作，本次服务已结束。',
    failed: '本次业务未能完成。',
    cardRetracted: '卡片未被取走，已被本机回收，请找工作人员领回。',
  },
  /** someone else's card refused at a damaged-card hand-in, given back at the slot (not "your card") */
  notHoldersCard: {
    takeCard: { title: '请取回这张卡片', hint: '这不是您本人的社保卡，请从卡口取出。' },
    retractingCard: { title: '正在回收这张卡片', hint: '卡片未被取走，本机正在妥善保管。' },
    ended: {
      title: '这张卡片已被回收',
      hint: '这张不属于您的卡片未被取走，已由本机回收，持卡人可找工作人员领回。',
    },
  },
  /** the card neither taken nor captured (the reader did not answer, or its retract failed): kept for staff */
  cardKeptForStaff: {
    next: '您的卡片留在本机内，请到服务窗口找工作人员领回，请勿在本机重试。',
    nextNotHolders: '这张卡片留在本机内，持卡人可到服务窗口找工作人员领回，请勿在本机重试。',
  },
  readerLost: {
    what: '读卡器正在重新连接，您的卡片不会丢失。',
    next: '请稍候，此提示消失后即可继续。',
  },
  feeKept: {
    next: '您已缴纳的费用保留在您的申请中，不会丢失，也无需再次缴费。请携带身份证到服务窗口领取卡片。',
  },
  outcomeTitle: {
    completed: '谢谢使用',
    cancelled: '已取消',
    timedOut: '操作超时',
    failed: '业务未完成',
    cardRetracted: '卡片已被回收',
  },
  countdown: {
    secondsLeft_one: '剩余 {{count}} 秒',
    secondsLeft_other: '剩余 {{count}} 秒',
    needMoreTime: '需要更多时间吗？',
    moreTime: '需要，延长时间',
    stop: '不需要，结束',
  },
  errorBox: {
    heading: '提示',
    next: '请您',
  },
  demo: demoMessagesZhCN,
  // 缴费页的支付二维码
  paymentQr: {
    label: '用手机扫码支付{{amount}}元费用的二维码',
    caption: '扫码支付{{amount}}元，二维码在{{time}}前有效。',
    waiting: '正在生成支付二维码…',
  },
  // 维护：工作人员界面（#/maintenance），仅供现场工作人员使用
  staff: staffMessagesZhCN,
  errors: errorMessagesZhCN as ErrorMessages,
};
