/**
 * The Simplified Chinese words of the codes of the social-security office's answers and of the link
 * to it (HOST_*): unreachable, refused, or an answer in a state the kiosk does not know. Taken
 * into `error-messages.zh-CN` under the same keys, in the same order.
 */
import type { ErrorMessages } from './error-messages';
import { askStaff, otherKiosk } from './error-advice.zh-CN';

export const errorMessagesHostZhCN: ErrorMessages = {
  HOST_UNREACHABLE: { what: '无法连接社保经办系统。', next: '请稍后再试或到服务窗口办理。' },
  HOST_TIMEOUT: { what: '社保经办系统未及时响应。', next: '请稍后再试或到服务窗口办理。' },
  HOST_UNAUTHORIZED: { what: '本机未获授权连接社保经办系统。', next: otherKiosk },
  HOST_REJECTED: { what: '社保经办系统拒绝了该请求。', next: askStaff },
  HOST_BAD_RESPONSE: { what: '社保经办系统的答复无法识别。', next: '请稍后再试或到服务窗口办理。' },
  HOST_BAD_REQUEST: { what: '社保经办系统无法受理该请求。', next: askStaff },
  HOST_ROUTE_NOT_FOUND: { what: '社保经办系统在此处不提供该业务。', next: askStaff },
  HOST_IDEMPOTENCY_KEY_REUSED: {
    what: '该请求已经提交过一次。',
    next: '再次办理前请先核对账户。' + askStaff,
  },
  HOST_UNKNOWN_CARD_STATE: {
    what: '社保经办系统报告的卡状态本机无法识别，业务已停止。',
    next: '请到服务窗口办理。',
  },
  HOST_UNKNOWN_APPLICATION: {
    what: '社保经办系统报告的制卡申请本机无法识别，业务已停止。',
    next: '请到服务窗口办理。',
  },
  HOST_UNKNOWN_PAYMENT_STATUS: {
    what: '社保经办系统报告的缴费状态本机无法识别，本次不制卡。',
    next: '请保留付款记录，到服务窗口核实；未用于制卡的费用将退还。',
  },
  HOST_UNKNOWN_WITHDRAWAL_STATUS: {
    what: '社保经办系统报告的支取状态本机无法识别，本机已停止。',
    next: '在经办系统答复明确之前本机不出钞，由本机自动与经办系统核对处理，不会重复支取或扣款。请保留凭条；如日后账户显示扣款而您未收到现金，请到服务窗口由工作人员核实。',
  },
  HOST_ACT_ABANDONED: {
    what: '应报经办系统的报告或结算超过日志保存期限仍未得到答复，本机已放弃。',
    next: '请工作人员与经办系统核对处理；本机日志记有该笔交易。',
  },
};
