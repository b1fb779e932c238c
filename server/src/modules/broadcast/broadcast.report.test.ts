import { describe, expect, it } from 'vitest';
import { reportCsv, type ReportRow } from './broadcast.report.js';

const rows: ReportRow[] = [
  { company: 'Piekarnia; Kłos', taxId: '946-446-71-78', deliveredAt: null, readAt: null, readBy: null },
];

describe('the broadcast report as CSV', () => {
  it('splits on a semicolon for Polish, Romanian and French readers, whose spreadsheets expect it', () => {
    for (const locale of ['pl', 'ro', 'fr'] as const) {
      const [heading, row] = reportCsv(rows, locale, 'Europe/Warsaw')
        .replace(/^\uFEFF/, '')
        .split('\r\n');
      expect(heading!.split(';'), locale).toHaveLength(5);
      expect(row, locale).toMatch(/^"Piekarnia; Kłos";946-446-71-78;/);
    }
  });

  it('splits on a comma for English readers', () => {
    const [heading] = reportCsv(rows, 'en', 'Europe/Warsaw')
      .replace(/^\uFEFF/, '')
      .split('\r\n');
    expect(heading).toBe('Company,Tax ID,Delivered,Read,Read by');
  });

  it('starts with a byte-order mark so Excel reads the letters as UTF-8', () => {
    expect(reportCsv(rows, 'pl', 'Europe/Warsaw').startsWith('\uFEFF')).toBe(true);
  });
});
