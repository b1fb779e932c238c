// An import's report as a file: per row of the file, what became of it and why, and whether an invitation went out.
// CSV for anything, XLSX (a frozen heading, a filter) for spreadsheets — written like the broadcast report.
import ExcelJS from 'exceljs';
import type { Locale } from '@bureau/common';
import { translator } from '../../http/i18n.js';
import { csvCell } from '../broadcast/broadcast.report.js';

export type ImportReportRow = {
  line: number;
  name: string;
  taxId: string;
  country: string;
  /** `not_processed`: the import failed before it reached the row. */
  outcome: 'created' | 'updated' | 'unchanged' | 'skipped' | 'not_processed';
  errors: { field: string; code: string }[];
  /** What an imported row was imported without (a phone that is no number…). */
  warnings: { field: string; code: string }[];
  invited: boolean;
};

const COLUMNS = ['line', 'name', 'taxId', 'country', 'outcome', 'reasons', 'warnings', 'invited'] as const;

function cellsOf(locale: Locale) {
  const t = translator(locale);
  const reason = (e: { field: string; code: string }) =>
    `${t(`email:importReport.fields.${e.field}`, { defaultValue: e.field })}: ${t(`email:importReport.errorCodes.${e.code}`, { defaultValue: e.code })}`;
  const warning = (e: { field: string; code: string }) =>
    `${t(`email:importReport.fields.${e.field}`, { defaultValue: e.field })}: ${t(`email:importReport.warningCodes.${e.code}`, { defaultValue: e.code })}`;
  return {
    headings: COLUMNS.map((k) => t(`email:importReport.${k}`)),
    sheet: t('email:importReport.sheet'),
    row: (r: ImportReportRow) => [
      r.line,
      r.name,
      r.taxId,
      r.country,
      t(`email:importReport.outcomes.${r.outcome}`),
      r.errors.map(reason).join('; '),
      r.warnings.map(warning).join('; '),
      t(r.invited ? 'email:importReport.yes' : 'email:importReport.no'),
    ],
  };
}

export function importReportCsv(rows: ImportReportRow[], locale: Locale): string {
  const { headings, row } = cellsOf(locale);
  const lines = [headings, ...rows.map((r) => row(r).map(String))];
  // The byte-order mark tells Excel the file is UTF-8 (Polish, Romanian and French letters).
  return `\uFEFF${lines.map((cells) => cells.map(csvCell).join(',')).join('\r\n')}\r\n`;
}

export async function importReportXlsx(rows: ImportReportRow[], locale: Locale, title: string): Promise<Buffer> {
  const { headings, sheet: sheetName, row } = cellsOf(locale);
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Bureau';
  workbook.title = title;
  const sheet = workbook.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = headings.map((header, i) => ({ header, width: [8, 40, 18, 9, 14, 50, 50, 12][i] }));
  sheet.getRow(1).font = { bold: true };
  for (const r of rows) sheet.addRow(row(r));
  sheet.autoFilter = { from: 'A1', to: 'H1' };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
