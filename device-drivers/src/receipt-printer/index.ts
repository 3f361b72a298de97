export * from './receipt-printer.port.js';
export * from './receipt-templates.js';
export type { ReceiptText } from './receipt-text.js';
