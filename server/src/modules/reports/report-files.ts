import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import { csvCell } from '../export/export.service';
import type { CsvColumn } from '../export/portable';
import { renderInWorker } from './pdf-worker';
import { currencySymbol } from '../../lib/money-text';
import { GROUP_LABELS, type PageSize, type ReportDocument } from './report-document';

type Row = ReportDocument['rows'][number];

/** The report's PDF, rendered in the worker thread. */
export function reportPdf(report: ReportDocument, size: PageSize): Promise<Buffer> {
  return renderInWorker({ kind: 'report', report, size });
}

// Excel reads a CSV as UTF-8 only when it starts with a byte-order mark.
const BOM = '\uFEFF';

/** The rows and a total line; the key is text a spreadsheet could run, so it is neutralised. */
export function reportCsv(report: ReportDocument): string {
  const columns: CsvColumn<Row>[] = [
    { name: GROUP_LABELS[report.groupBy], type: 'text', value: (r) => r.key },
    { name: `Total (${report.currency})`, type: 'amount', value: (r) => r.total },
    { name: 'Count', type: 'number', value: (r) => r.count },
    { name: `Average (${report.currency})`, type: 'amount', value: (r) => r.average },
  ];
  const total: Row = {
    key: 'Total',
    total: report.total,
    count: report.count,
    average: report.average,
  };
  return (
    BOM +
    stringify([
      columns.map((c) => c.name),
      ...[...report.rows, total].map((row) => columns.map((c) => csvCell(c, row))),
    ])
  );
}

/** Excel's number format for the currency: its symbol and minor digits. */
function moneyFormat(report: ReportDocument): string {
  const symbol = currencySymbol(report.currency, true).replace(/"/g, '');
  const decimals = report.digits > 0 ? `.${'0'.repeat(report.digits)}` : '';
  return `"${symbol}"#,##0${decimals};-"${symbol}"#,##0${decimals}`;
}

/** A calendar day as a UTC midnight date, which Excel shows as that day. */
const day = (text: string) => new Date(`${text}T00:00:00.000Z`);

/**
 * The report as a workbook: amounts are numbers in the currency's format (a spreadsheet adds
 * them up), months and the period are dates, and the header row stays frozen when scrolling.
 */
export async function reportXlsx(report: ReportDocument): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Personal Finance';
  const sheet = workbook.addWorksheet('Report', { views: [{ state: 'frozen', ySplit: 1 }] });
  const format = moneyFormat(report);
  const months = report.groupBy === 'MONTH';
  sheet.columns = [
    {
      header: GROUP_LABELS[report.groupBy],
      key: 'key',
      width: 32,
      style: months ? { numFmt: 'mmm yyyy' } : {},
    },
    { header: `Total (${report.currency})`, key: 'total', width: 18, style: { numFmt: format } },
    { header: 'Count', key: 'count', width: 10 },
    {
      header: `Average (${report.currency})`,
      key: 'average',
      width: 18,
      style: { numFmt: format },
    },
  ];
  sheet.getRow(1).font = { bold: true };
  for (const row of report.rows) {
    sheet.addRow({
      key: months ? day(`${row.key}-01`) : row.key,
      // A spreadsheet number is a double: the nearest one to the decimal, which shows as it.
      total: Number(row.total),
      count: row.count,
      average: Number(row.average),
    });
  }
  const total = sheet.addRow({
    key: 'Total',
    total: Number(report.total),
    count: report.count,
    average: Number(report.average),
  });
  total.font = { bold: true };
  const about = workbook.addWorksheet('Period');
  about.columns = [
    { header: 'Report', key: 'name', width: 14 },
    { header: 'Value', key: 'value', width: 32 },
  ];
  about.addRows([
    { name: 'Title', value: report.title },
    { name: 'From', value: day(report.from) },
    { name: 'To', value: day(report.to) },
    { name: 'Currency', value: report.currency },
    { name: 'Expenses', value: report.taxDeductibleOnly ? 'Tax-deductible only' : 'All' },
  ]);
  about.getCell('B3').numFmt = 'yyyy-mm-dd';
  about.getCell('B4').numFmt = 'yyyy-mm-dd';
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
