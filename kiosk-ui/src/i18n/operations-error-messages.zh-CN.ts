/**
 * The Simplified Chinese words of the codes of the kiosk's operation rather than a resident's journey: its
 * settings, its journal, the fleet monitor, field staff's maintenance mode and the fleet's commands.
 * Residents rarely meet them (a journal that cannot be written stops the kiosk), staff and operators
 * do; every code has words all the same. Taken into `error-messages.zh-CN` under the same keys, in
 * the same order.
 */
import type { ErrorMessages } from './error-messages';
import { otherKiosk } from './error-advice.zh-CN';

export const errorMessagesOperationsZhCN: ErrorMessages = {
  CONFIG_FILE_MISSING: { what: '本机尚未配置。', next: otherKiosk },
  CONFIG_PARSE_FAILED: { what: '本机设置无法读取。', next: otherKiosk },
  CONFIG_INVALID: { what: '本机设置有误。', next: otherKiosk },
  JOURNAL_WRITE_FAILED: { what: '本机无法安全记录本次业务。', next: otherKiosk },
  JOURNAL_READ_FAILED: { what: '本机无法安全读取业务记录。', next: otherKiosk },
  JOURNAL_KEY_MISSING: { what: '本机未配置业务记录保护。', next: otherKiosk },
  JOURNAL_KEY_INVALID: { what: '本机无法保护业务记录。', next: otherKiosk },
  JOURNAL_SEAL_BROKEN: { what: '本机发现业务记录被改动，已安全停用。', next: otherKiosk },
  JOURNAL_BAD_RECORD: { what: '本机发现损坏的业务记录，已安全停用。', next: otherKiosk },
  JOURNAL_IN_USE: { what: '本机业务记录正被其他程序占用。', next: otherKiosk },
  JOURNAL_OPEN_FAILED: { what: '本机无法打开业务记录。', next: otherKiosk },
  // 设备监控与遥测：正常使用中不向居民显示，但每个代码都有说明
  FLEET_ALERT_UNKNOWN: { what: '监控中心不认识此告警。', next: otherKiosk },
  FLEET_BAD_REQUEST: { what: '监控中心拒绝了格式错误的请求。', next: otherKiosk },
  FLEET_KIOSK_UNKNOWN: { what: '监控中心不认识此终端。', next: otherKiosk },
  FLEET_LOGIN_FAILED: { what: '监控中心登录失败。', next: otherKiosk },
  FLEET_EXTRACT_UNKNOWN: { what: '监控中心没有这份流水摘录。', next: otherKiosk },
  JOURNAL_EXTRACT_TOO_LARGE: { what: '所要的流水摘录太大，无法一次发送。', next: '请缩短日期范围。' },
  STAFF_LOGIN_FAILED: { what: '工作人员卡或密码未通过验证。', next: '请检查工作卡后重新输入密码。' },
  STAFF_NOT_LOGGED_IN: { what: '没有相应权限的工作人员登录。', next: '请先用工作卡和密码登录。' },
  // 启动恢复留给工作人员的业务：自检未通过的原因，在工作人员界面显示
  WITHDRAWAL_UNDECIDED: {
    what: '一笔因重启中断的取款无法判定：可能欠居民款项。已列入“待工作人员处理的取款”。',
    next: '请主管清点现金后在该处处理，然后退出登录，自检会重新运行。',
  },
  CARD_MAKING_UNDECIDED: {
    what: '一笔因重启中断的制卡无法判定：卡片去向不明。已列入“待工作人员处理的制卡”。',
    next: '请查找该卡片后在该处处理，然后退出登录，自检会重新运行。',
  },
  // 维护模式（现场工作人员）
  STAFF_ROLE_NOT_ALLOWED: { what: '此操作需要其他岗位的工作人员。', next: '请由主管登录后再操作。' },
  MAINTENANCE_COUNT_MISMATCH: { what: '填写的数量与流水记录不符。', next: '请重新清点后再填写。' },
  MAINTENANCE_SUPPLY_UNKNOWN: { what: '此设备没有这种耗材或回收箱。', next: '请从菜单中选择。' },
  MAINTENANCE_FAULT_PERSISTS: { what: '设备自检后故障仍在，保持暂停服务。', next: '请排除故障后再试。' },
  MAINTENANCE_ALREADY_SETTLED: {
    what: '这笔业务已经有处理结论，结论不变。',
    next: '请重新查看列表：只能再次报送原结论。',
  },
  MAINTENANCE_SETTLEMENT_IN_PROGRESS: { what: '这笔业务正在处理中。', next: '请稍候再查看列表。' },
  MAINTENANCE_KIOSK_SETTLING: {
    what: '终端仍在处理启动前未完成的业务（自检中）；补充、清空、故障处理、测试与业务处理须待其完成。',
    next: '请稍候：处理完成后本界面会重新提供这些操作。',
  },
  MAINTENANCE_OVER_CAPACITY: {
    what: '本次补充的数量超过其容量（钞箱、卡盒的容量显示在计数旁；打印机只装一卷纸，一卷色带有其固定的打印次数）；未装入，也未记录。',
    next: '钞箱、卡盒的装入数量请勿超过容量与当前计数之差；纸卷填写 1 卷，色带填写所换色带的打印次数（不超过一卷色带的容量）。',
  },
  MAINTENANCE_SETTLEMENT_AMOUNT_INVALID: {
    what: '填写的居民取走金额不可能是本机付出的金额（超过出钞金额，或不是钞票能组成的金额）。',
    next: '请重新清点出钞口和回收箱中的钞票，再填写居民实际取走的金额。',
  },
  MAINTENANCE_SETTLED_BY_HOST: {
    what: '主机已自行了结这笔支取的冻结资金（已过期或已由后台释放），不再接受处理结论。',
    next: '请照常清点现金，如有差额请连同流水号交后台处理。',
  },
  MAINTENANCE_SUPPLY_UNSETTLED: {
    what: '此耗材上次的操作（补充、清空，或从此钞箱测试出钞）因重启中断或设备未应答，尚未确认。',
    next: '请先在“因重启中断的操作”中确认是否已完成，再重试。',
  },
  MAINTENANCE_SUPPLY_ACT_TIMEOUT: {
    what: '设备未及时应答，无法确定此次补充、清空或测试出钞是否已完成。',
    next: '请查看耗材（测试出钞请清点废钞箱中的钞票），再在“因重启中断的操作”中确认是否已完成。',
  },
  MAINTENANCE_SUPPLY_ACT_AMBIGUOUS: {
    what: '这次维护有不止一项补充或清空待确认，无法判断要确认的是哪一项。',
    next: '请在“因重启中断的操作”中逐项确认（每项按设备和耗材）。',
  },
  MAINTENANCE_NEW_CARD_AT_SLOT: {
    what: '制卡机出卡口有一张卡。现在做测试卡，会把这张卡当作测试卡收进废卡箱。',
    next: '请退出：退出时的自检会在制卡机应答时把未处理的居民新卡收进废卡箱并完成处理。之后出卡口若仍有卡，请取出交给网点；若其卡号列在“待工作人员处理的制卡”中，请在该笔制卡中选择“卡片下落不明：不在废卡箱，居民也未拿到”。然后再做测试卡。',
  },
  TELEMETRY_COMMAND_FAILED: { what: '监控中心下发的指令未能执行。', next: otherKiosk },
  TELEMETRY_COMMAND_EXPIRED: { what: '监控中心下发的指令已过期，已拒绝执行。', next: otherKiosk },
  TELEMETRY_COMMAND_STATE_UNKNOWN: {
    what: '监控指令已拒绝：终端执行该指令时被打断（终端重启，或日志未能记录其结果），该指令可能已生效。',
    next: otherKiosk,
  },
  TELEMETRY_COMMAND_JOURNAL_UNAVAILABLE: {
    what: '监控指令未执行：终端未能先记录该指令。该指令再次送达时将执行。',
    next: otherKiosk,
  },
  TELEMETRY_COMMAND_FOR_OTHER_KIOSK: { what: '已拒绝发给其他终端的指令。', next: otherKiosk },
  TELEMETRY_COMMAND_MALFORMED: { what: '已拒绝格式错误的监控指令。', next: otherKiosk },
  TELEMETRY_COMMAND_UNKNOWN: { what: '本机版本不支持监控中心下发的指令，已拒绝。', next: otherKiosk },
  TELEMETRY_QUEUE_FILE_UNREADABLE: { what: '终端无法读取已保存的监控消息。', next: otherKiosk },
};
