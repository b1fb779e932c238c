// An import's report as a file: per row of the file, what became of it and why, and whether an invitation went out.
// CSV for anything, XLSX (a frozen heading, a filter) for spreadsheets. Both are streams written a page of rows at a
// time as the reader takes them: a 50,000-row report never exists whole in memory (exceljs' in-memory workbook of
// 50,000 rows took the portal past 1 GB).
import { once } from 'node:events';
import { PassThrough, Readable } from 'node:stream';
import { loadExcel } from '../../lazy-libraries.js';
import type { Locale } from '@bureau/common';
import { translator } from '../../http/i18n.js';
import { csvCell, csvSeparator } from '../broadcast/index.js';

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

/** Pages of the report's rows, in file order. */
export type ReportPages = AsyncIterable<ImportReportRow[]>;

export function importReportCsv(pages: ReportPages, locale: Locale): Readable {
  const { headings, row } = cellsOf(locale);
  const line = (cells: (string | number)[]) => `${cells.map((c) => csvCell(String(c))).join(csvSeparator(locale))}\r\n`;
  async function* csv() {
    // The byte-order mark tells Excel the file is UTF-8 (Polish, Romanian and French letters).
    yield Buffer.from(`\uFEFF${line(headings)}`);
    for await (const page of pages) yield Buffer.from(page.map((r) => line(row(r))).join(''));
  }
  return Readable.from(csv(), { objectMode: false });
}

export function importReportXlsx(pages: ReportPages, locale: Locale, title: string): Readable {
  const { headings, sheet: sheetName, row } = cellsOf(locale);
  const out = new PassThrough();
  void (async () => {
    const excel = await loadExcel();
    // Inline strings, not a shared-strings table: that table would hold every name of the file until the end.
    const workbook = new excel.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
    workbook.creator = 'Bureau';
    workbook.title = title;
    const sheet = workbook.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.autoFilter = { from: 'A1', to: 'H1' };
    sheet.columns = headings.map((header, i) => ({ header, width: [8, 40, 18, 9, 14, 50, 50, 12][i] }));
    sheet.getRow(1).font = { bold: true };
    sheet.getRow(1).commit();
    for await (const page of pages) {
      for (const r of page) sheet.addRow(row(r)).commit();
      // exceljs does not wait for its reader: after each page, let a slow download catch up before reading the next.
      if (out.writableNeedDrain) await Promise.race([once(out, 'drain'), once(out, 'close')]);
      if (out.destroyed) return;
    }
    sheet.commit();
    await workbook.commit();
  })().catch((error: unknown) => out.destroy(error instanceof Error ? error : new Error(String(error))));
  return out;
}
