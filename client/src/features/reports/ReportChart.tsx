import type { ApexOptions } from 'apexcharts';
import Chart from 'react-apexcharts/core';
import 'apexcharts/bar';
import 'apexcharts/donut';
import 'apexcharts/line';
import 'apexcharts/features/keyboard';
import 'apexcharts/features/legend';
import { formatMoney, formatMoneyShort, toChartNumber } from '../../lib/money';
import { escapeHtml } from '../../lib/text';
import { baseOptions, ChartFigure, usePrefersDark } from '../dashboard/chart-kit';
import type { Report, ReportRow } from './useReports';

import type { ChartKind } from './useReports';

/**
 * The report's rows as bars, a line or a donut; choosing a bar or slice drills down to it.
 * Loaded lazily: ApexCharts stays out of the bundle of every other page.
 */
export default function ReportChart({
  report,
  kind,
  onSelect,
}: {
  report: Report;
  kind: ChartKind;
  onSelect(row: ReportRow): void;
}) {
  const dark = usePrefersDark();
  const rows = report.rows;
  const labels = rows.map((row) => row.key);
  const money = (amount: string) => escapeHtml(formatMoney(amount, report.currency));
  const select = (_event: unknown, _context: unknown, opts?: { dataPointIndex?: number }) => {
    const row = rows[opts?.dataPointIndex ?? -1];
    if (row) onSelect(row);
  };
  const options: ApexOptions = {
    ...baseOptions(dark, `report-${kind}`),
    chart: {
      ...baseOptions(dark, `report-${kind}`).chart,
      events: { dataPointSelection: select },
    },
    ...(kind === 'donut'
      ? { labels, legend: { position: 'bottom', formatter: (name: string) => escapeHtml(name) } }
      : {
          xaxis: { categories: labels, labels: { rotate: -45, hideOverlappingLabels: true } },
          yaxis: {
            labels: { formatter: (value: number) => formatMoneyShort(value, report.currency) },
          },
          markers: { size: kind === 'line' ? 4 : 0 },
        }),
    plotOptions: { bar: { columnWidth: '60%', borderRadius: 2 } },
    tooltip: {
      y: {
        formatter: (_value: number, opts?: { dataPointIndex?: number; seriesIndex?: number }) => {
          const row =
            rows[kind === 'donut' ? (opts?.seriesIndex ?? 0) : (opts?.dataPointIndex ?? 0)];
          return row ? `${money(row.total)} (${row.count})` : '';
        },
      },
    },
  };
  const values = rows.map((row) => toChartNumber(row.total));
  const summary = rows
    .map((row) => `${row.key}: ${formatMoney(row.total, report.currency)}`)
    .join('; ');
  return (
    <ChartFigure title="Chart" summary={summary || 'No spending in this period.'}>
      {rows.length === 0 ? (
        <p className="muted chart-empty">No spending in this period.</p>
      ) : (
        <Chart
          key={kind}
          type={kind}
          height={300}
          series={kind === 'donut' ? values : [{ name: 'Spent', data: values }]}
          options={options}
        />
      )}
    </ChartFigure>
  );
}
