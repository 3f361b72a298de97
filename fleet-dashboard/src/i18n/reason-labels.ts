/**
 * The words for every service reason a kiosk can give (domain's ServiceReason: why it is out of
 * service or degraded, in its status; a recovery needing staff; the hold a staff visit released),
 * in English and Simplified Chinese, for operators. Typed by ServiceReason, so a new reason without
 * words fails to compile; the page shows the reason as sent beside its words, as for ErrorCode
 * (`codeWords`, `CodeWords`).
 */
import type { ServiceReason } from '@kiosk/domain';

export type ReasonLabels = Record<`reason_${ServiceReason}`, string>;

export const reasonLabelsEn: ReasonLabels = {
  reason_CARD_READER_DOWN: 'Card reader not working',
  reason_PIN_PAD_DOWN: 'PIN pad not working',
  reason_ID_READER_DOWN: 'ID card reader not working',
  reason_CAMERA_DOWN: 'Camera not working',
  reason_CARD_PRINTER_DOWN: 'Card printer not working',
  reason_CARD_STOCK_EMPTY: 'No blank cards left',
  reason_RIBBON_EMPTY: 'Card printer ribbon used up',
  reason_REJECT_BIN_FULL: 'Card reject bin full',
  reason_CASH_DISPENSER_DOWN: 'Cash dispenser not working',
  reason_CASH_EMPTY: 'No cash left',
  reason_RETRACT_BIN_FULL: 'Cash retract bin full',
  reason_CASH_REJECT_BIN_FULL: 'Cash reject bin full',
  reason_RECEIPT_PRINTER_DOWN: 'Receipt printer not working',
  reason_PAPER_EMPTY: 'Receipt paper out',
  reason_SELF_TEST_FAILED: 'Self-test failed',
  reason_SELF_TEST_TIMEOUT: 'Self-test did not finish in time',
  reason_MAINTENANCE: 'Field staff servicing the kiosk',
  reason_REMOTE_OUT_OF_SERVICE: 'Held out of service from the fleet monitor',
  reason_CARD_LEFT_IN_READER: 'A card is left in the reader',
  reason_CARD_CAPTURE_BIN_FULL: 'Card capture bin full',
  reason_CASH_LEFT_IN_PRESENTER: 'Notes are left in the cash presenter',
  reason_NEW_CARD_LEFT_AT_SLOT: 'A new card is left at the card printer slot',
};

export const reasonLabelsZh: ReasonLabels = {
  reason_CARD_READER_DOWN: '读卡器故障',
  reason_PIN_PAD_DOWN: '密码键盘故障',
  reason_ID_READER_DOWN: '身份证阅读器故障',
  reason_CAMERA_DOWN: '摄像头故障',
  reason_CARD_PRINTER_DOWN: '制卡机故障',
  reason_CARD_STOCK_EMPTY: '空白卡已用完',
  reason_RIBBON_EMPTY: '制卡机色带已用完',
  reason_REJECT_BIN_FULL: '废卡箱已满',
  reason_CASH_DISPENSER_DOWN: '出钞机故障',
  reason_CASH_EMPTY: '现金已用完',
  reason_RETRACT_BIN_FULL: '出钞机回收箱已满',
  reason_CASH_REJECT_BIN_FULL: '废钞箱已满',
  reason_RECEIPT_PRINTER_DOWN: '凭条打印机故障',
  reason_PAPER_EMPTY: '凭条打印机缺纸',
  reason_SELF_TEST_FAILED: '自检未通过',
  reason_SELF_TEST_TIMEOUT: '自检超时未完成',
  reason_MAINTENANCE: '工作人员正在维护',
  reason_REMOTE_OUT_OF_SERVICE: '已由监控中心暂停服务',
  reason_CARD_LEFT_IN_READER: '读卡器内留有卡片',
  reason_CARD_CAPTURE_BIN_FULL: '吞卡箱已满',
  reason_CASH_LEFT_IN_PRESENTER: '出钞口内留有钞票',
  reason_NEW_CARD_LEFT_AT_SLOT: '制卡机出卡口留有新卡',
};
