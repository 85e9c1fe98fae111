import type { ApexOptions } from 'apexcharts';
import Chart from 'react-apexcharts/core';
import 'apexcharts/line';
import { useCurrency } from '../../app/session';
import type { DashboardQuery } from '../../graphql/graphql';
import { formatMonth } from '../../lib/dates';
import { formatMoney, formatMoneyShort, toChartNumber } from '../../lib/money';
import { baseOptions, ChartFigure, useMonthAxis } from './chart-kit';

export type NetWorthPoint = DashboardQuery['netWorth'][number];

const NET = '#16a34a';
const OWED = '#dc2626';

/** What the accounts add up to at each month's end, in the reporting currency. */
export function NetWorthChart({ points, dark }: { points: NetWorthPoint[]; dark: boolean }) {
  const currency = useCurrency();
  const amounts: Record<string, (p: NetWorthPoint) => string> = {
    'Net worth': (p) => p.netWorth,
    Owed: (p) => p.liabilities,
  };
  const { tooltipX, ...axis } = useMonthAxis(points.map((p) => p.month));
  const options: ApexOptions = {
    ...baseOptions(dark, 'net-worth'),
    ...axis,
    colors: [NET, OWED],
    stroke: { width: [3, 2], curve: 'straight', dashArray: [0, 5] },
    markers: { size: 3 },
    yaxis: { labels: { formatter: (value: number) => formatMoneyShort(value, currency) } },
    legend: { position: 'top' },
    tooltip: {
      shared: true,
      x: tooltipX,
      y: {
        formatter: (_v: number, opts?: { seriesIndex?: number; dataPointIndex?: number }) => {
          const point = points[opts?.dataPointIndex ?? 0];
          const pick = opts?.seriesIndex === 1 ? amounts.Owed : amounts['Net worth'];
          return point ? formatMoney(pick(point), currency) : '—';
        },
      },
    },
  };
  const series = [
    { name: 'Net worth', data: points.map((p) => toChartNumber(p.netWorth)) },
    { name: 'Owed', data: points.map((p) => toChartNumber(p.liabilities)) },
  ];
  const summary = points
    .map(
      (p) =>
        `${formatMonth(p.month)}: net worth ${formatMoney(p.netWorth, currency)}, owed ${formatMoney(p.liabilities, currency)}`,
    )
    .join('; ');
  return (
    <ChartFigure title="Net worth, last 12 months" summary={summary || 'No accounts yet.'}>
      {points.every((p) => Number(p.netWorth) === 0 && Number(p.liabilities) === 0) ? (
        <p className="muted chart-empty">Nothing in your accounts yet.</p>
      ) : (
        <Chart type="line" height={300} series={series} options={options} />
      )}
    </ChartFigure>
  );
}
