import type { ApexOptions } from 'apexcharts';
import { useState } from 'react';
// ApexCharts' core with only the chart types and features these charts use.
import Chart from 'react-apexcharts/core';
import 'apexcharts/area';
import 'apexcharts/bar';
import 'apexcharts/donut';
import 'apexcharts/features/keyboard';
import 'apexcharts/features/legend';
import type { PortfolioQuery } from '../../graphql/graphql';
import { formatDate } from '../../lib/dates';
import { formatMoney, formatMoneyShort, toChartNumber } from '../../lib/money';
import { escapeHtml } from '../../lib/text';
import {
  baseOptions,
  ChartFigure,
  useMonthAxis,
  PLAN,
  usePrefersDark,
} from '../dashboard/chart-kit';
import { assetClassLabel, everyMonth } from './format';

type Data = PortfolioQuery;
const VALUE = '#16a34a';
const DIVIDEND = '#0891b2';

const KINDS = [
  ['ASSET_CLASS', 'Asset class'],
  ['HOLDING', 'Holding'],
  ['CURRENCY', 'Currency'],
] as const;

function AllocationDonut({ data, dark }: { data: Data; dark: boolean }) {
  const [kind, setKind] = useState<string>('ASSET_CLASS');
  const { currency } = data.portfolio;
  const slices = data.portfolio.allocation.filter((s) => s.kind === kind);
  const label = (text: string) => (kind === 'ASSET_CLASS' ? assetClassLabel(text) : text);
  const options: ApexOptions = {
    ...baseOptions(dark, 'allocation'),
    labels: slices.map((s) => label(s.label)),
    legend: { position: 'bottom', formatter: (name: string) => escapeHtml(name) },
    tooltip: {
      y: {
        formatter: (_v: number, opts?: { seriesIndex?: number }) =>
          escapeHtml(formatMoney(slices[opts?.seriesIndex ?? 0]?.value ?? '0', currency)),
        title: { formatter: (name: string) => `${escapeHtml(name)}:` },
      },
    },
    plotOptions: {
      pie: {
        donut: {
          labels: {
            show: true,
            value: { formatter: (value: string) => formatMoney(String(value), currency) },
            total: {
              show: true,
              label: 'Value',
              formatter: () => formatMoney(data.portfolio.value, currency),
            },
          },
        },
      },
    },
    stroke: { colors: [dark ? '#1e293b' : '#ffffff'] },
  };
  const summary = slices
    .map((s) => `${label(s.label)}: ${formatMoney(s.value, currency)}`)
    .join('; ');
  return (
    <ChartFigure title="Allocation" summary={summary || 'Nothing held.'}>
      <div className="segmented" role="radiogroup" aria-label="Allocation by">
        {KINDS.map(([value, text]) => (
          <label key={value}>
            <input
              type="radio"
              name="allocation-kind"
              value={value}
              checked={kind === value}
              onChange={() => setKind(value)}
            />
            {text}
          </label>
        ))}
      </div>
      {slices.length === 0 ? (
        <p className="muted chart-empty">Nothing held on {formatDate(data.portfolio.to)}.</p>
      ) : (
        <Chart
          type="donut"
          height={300}
          series={slices.map((s) => toChartNumber(s.value))}
          options={options}
        />
      )}
    </ChartFigure>
  );
}

function ValueChart({ data, dark }: { data: Data; dark: boolean }) {
  const { currency } = data.portfolio;
  const points = data.portfolioValues;
  // Days as timestamps for the axis geometry only: labels and tooltips come from the strings.
  const at = (date: string) => Date.parse(`${date}T00:00:00Z`);
  const options: ApexOptions = {
    ...baseOptions(dark, 'portfolio-value'),
    colors: [VALUE, PLAN],
    xaxis: {
      type: 'datetime',
      labels: { datetimeUTC: true, rotate: 0, hideOverlappingLabels: true },
    },
    stroke: { width: [2, 2], curve: 'straight', dashArray: [0, 5] },
    fill: { type: ['solid', 'solid'], opacity: [0.35, 0] },
    yaxis: { labels: { formatter: (value: number) => formatMoneyShort(value, currency) } },
    legend: { position: 'top' },
    tooltip: {
      shared: true,
      x: {
        formatter: (_v: number, opts?: { dataPointIndex?: number }) =>
          formatDate(points[opts?.dataPointIndex ?? 0]?.date ?? ''),
      },
      y: {
        formatter: (_v: number, opts?: { seriesIndex?: number; dataPointIndex?: number }) => {
          const point = points[opts?.dataPointIndex ?? 0];
          if (!point) return '—';
          return formatMoney(opts?.seriesIndex === 1 ? point.costBasis : point.value, currency);
        },
      },
    },
  };
  const series = [
    { name: 'Value', data: points.map((p) => ({ x: at(p.date), y: toChartNumber(p.value) })) },
    { name: 'Cost', data: points.map((p) => ({ x: at(p.date), y: toChartNumber(p.costBasis) })) },
  ];
  const last = points[points.length - 1];
  return (
    <ChartFigure
      wide
      title="Value over time"
      summary={
        last
          ? `From ${formatDate(points[0].date)} to ${formatDate(last.date)}: value ${formatMoney(last.value, currency)}, cost ${formatMoney(last.costBasis, currency)}`
          : 'No holdings yet.'
      }
    >
      {points.every((p) => toChartNumber(p.value) === 0) ? (
        <p className="muted chart-empty">No holdings in this period.</p>
      ) : (
        <Chart type="area" height={300} series={series} options={options} />
      )}
    </ChartFigure>
  );
}

function DividendsChart({ data, dark }: { data: Data; dark: boolean }) {
  const { currency } = data.portfolio;
  const paid = data.portfolio.dividends;
  const rows = everyMonth(paid);
  const { tooltipX, ...axis } = useMonthAxis(rows.map((r) => r.month));
  const options: ApexOptions = {
    ...baseOptions(dark, 'dividends'),
    ...axis,
    colors: [DIVIDEND],
    plotOptions: { bar: { columnWidth: '55%', borderRadius: 3 } },
    yaxis: { labels: { formatter: (value: number) => formatMoneyShort(value, currency) } },
    tooltip: {
      x: tooltipX,
      y: {
        formatter: (_v: number, opts?: { dataPointIndex?: number }) =>
          formatMoney(rows[opts?.dataPointIndex ?? 0]?.amount ?? '0', currency),
      },
    },
  };
  return (
    <ChartFigure
      title="Dividends by month"
      summary={
        paid.map((r) => `${r.month}: ${formatMoney(r.amount, currency)}`).join('; ') ||
        'No dividends in this period.'
      }
    >
      {rows.length === 0 ? (
        <p className="muted chart-empty">No dividends in this period.</p>
      ) : (
        <Chart
          type="bar"
          height={260}
          series={[{ name: 'Dividends', data: rows.map((r) => toChartNumber(r.amount)) }]}
          options={options}
        />
      )}
    </ChartFigure>
  );
}

/** The portfolio's charts; lazy, since ApexCharts is large. Dark follows the system. */
export default function PortfolioCharts({ data }: { data: Data }) {
  const dark = usePrefersDark();
  return (
    <div className="chart-grid portfolio-charts">
      <ValueChart data={data} dark={dark} />
      <AllocationDonut data={data} dark={dark} />
      <DividendsChart data={data} dark={dark} />
    </div>
  );
}
