// Libraries only some requests need (spreadsheets, parsing a replied e-mail, a QR code for two-factor setup), loaded on
// first use: together they are a third of a second of every start, and most starts serve none of those requests.
import type ExcelJSModule from 'exceljs';
import type * as MailParser from 'mailparser';
import type QRCodeModule from 'qrcode';

const once = <T>(load: () => Promise<T>) => {
  let loaded: Promise<T> | undefined;
  return () => (loaded ??= load());
};

export const loadExcel = once(async (): Promise<typeof ExcelJSModule> => (await import('exceljs')).default);
export const loadMailParser = once(async (): Promise<typeof MailParser> => import('mailparser'));
export const loadQRCode = once(async (): Promise<typeof QRCodeModule> => (await import('qrcode')).default);
