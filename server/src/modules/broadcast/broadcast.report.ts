// A broadcast's report as a file: per company, when the message reached it and when (and by whom)
// it was first read. CSV for anything, XLSX (real dates, a frozen heading) for spreadsheets.
import { loadExcel } from '../../lazy-libraries.js';
import type { Locale } from '@bureau/common';
import { translator } from '../../http/i18n.js';

export type ReportRow = {
  company: string;
  taxId: string;
  deliveredAt: Date | null;
  readAt: Date | null;
  readBy: string | null;
};

/** "2026-12-03 09:41" in the office's zone: sortable, and read the same way in every language. */
function localTime(date: Date, timeZone: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(date)
      .map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
}

function headings(locale: Locale) {
  const t = translator(locale);
  return ['company', 'taxId', 'deliveredAt', 'readAt', 'readBy'].map((k) => t(`email:broadcastReport.${k}`));
}

export const csvCell = (value: string) => {
  // A leading = + - @ would make a spreadsheet run the cell as a formula (CSV injection); the import report uses it too.
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",;\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

/**
 * The field separator a reader's spreadsheet program splits on when it opens a CSV: Excel and LibreOffice in Polish,
 * Romanian and French use the comma as the decimal mark, so they expect a semicolon; English ones a comma.
 */
export const csvSeparator = (locale: Locale): ',' | ';' => (locale === 'en' ? ',' : ';');

export function reportCsv(rows: ReportRow[], locale: Locale, timeZone: string): string {
  const t = translator(locale);
  const lines = [headings(locale)];
  for (const r of rows) {
    lines.push([
      r.company,
      r.taxId,
      r.deliveredAt ? localTime(r.deliveredAt, timeZone) : t('email:broadcastReport.pending'),
      r.readAt ? localTime(r.readAt, timeZone) : t('email:broadcastReport.unread'),
      r.readBy ?? '',
    ]);
  }
  // The byte-order mark tells Excel the file is UTF-8 (Polish, Romanian and French letters).
  return `\uFEFF${lines.map((cells) => cells.map(csvCell).join(csvSeparator(locale))).join('\r\n')}\r\n`;
}

/** Dates become real spreadsheet dates, written as the office's wall-clock time. */
function wallClock(date: Date, timeZone: string): Date {
  return new Date(`${localTime(date, timeZone).replace(' ', 'T')}:00Z`);
}

export async function reportXlsx(rows: ReportRow[], locale: Locale, timeZone: string, title: string): Promise<Buffer> {
  const t = translator(locale);
  const workbook = new (await loadExcel()).Workbook();
  workbook.creator = 'Bureau';
  workbook.title = title;
  const sheet = workbook.addWorksheet(t('email:broadcastReport.sheet'), { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = headings(locale).map((header, i) => ({
    header,
    width: [40, 18, 20, 20, 28][i],
    style: i === 2 || i === 3 ? { numFmt: 'yyyy-mm-dd hh:mm' } : {},
  }));
  sheet.getRow(1).font = { bold: true };
  for (const r of rows) {
    sheet.addRow([
      r.company,
      r.taxId,
      r.deliveredAt ? wallClock(r.deliveredAt, timeZone) : t('email:broadcastReport.pending'),
      r.readAt ? wallClock(r.readAt, timeZone) : t('email:broadcastReport.unread'),
      r.readBy ?? '',
    ]);
  }
  sheet.autoFilter = { from: 'A1', to: 'E1' };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
