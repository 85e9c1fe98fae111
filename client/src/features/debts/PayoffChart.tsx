import type { ApexOptions } from 'apexcharts';
import Chart from 'react-apexcharts/core';
import 'apexcharts/area';
import 'apexcharts/features/legend';
import { formatMonth } from '../../lib/dates';
import { formatMoney, formatMoneyShort, toChartNumber } from '../../lib/money';
import { baseOptions, categoryColor, ChartFigure } from '../dashboard/chart-kit';
import type { Plan } from './useDebts';

/** A month's first day as the time axis takes it (milliseconds, UTC). */
const startOf = (month: string) => Date.parse(`${month}-01T00:00:00Z`);
/**
 * When a plan never ends its balance grows without bound, and drawn in full it would flatten
 * every other line: the charts then stop where the other plan does, or after ten years.
 */
const NEVER_SHOWN_MONTHS = 120;

/** How many months both charts show: the same axis, so that they compare at a glance. */
export function shownMonths(snowball: Plan, avalanche: Plan): number {
  const longest = Math.max(snowball.schedule.length, avalanche.schedule.length);
  if (snowball.paidOff && avalanche.paidOff) return longest;
  const paid = [snowball, avalanche].filter((p) => p.paidOff).map((p) => p.months);
  return Math.min(longest, Math.max(NEVER_SHOWN_MONTHS, ...paid));
}

/**
 * What each debt owes month by month under one strategy, stacked, so that the order in which
 * the debts disappear shows. `months` and `max` are shared with the other strategy's chart.
 */
export function PayoffChart({
  plan,
  title,
  months,
  max,
  currency,
  dark,
}: {
  plan: Plan;
  title: string;
  months: string[];
  max: number;
  currency: string;
  dark: boolean;
}) {
  const debts = [...plan.debts].sort((a, b) => a.order - b.order);
  const owed = (debtId: string, i: number) =>
    plan.schedule[i]?.balances.find((b) => b.debtId === debtId)?.balance ?? '0';
  const base = baseOptions(dark, `payoff-${plan.strategy.toLowerCase()}`);
  const options: ApexOptions = {
    ...base,
    chart: { ...base.chart, stacked: true },
    colors: debts.map((d) => categoryColor(d.debtId)),
    stroke: { width: 2, curve: 'straight' },
    fill: { type: 'solid', opacity: 0.35 },
    // A time axis: ApexCharts spaces and thins its labels however many months there are.
    xaxis: { type: 'datetime', labels: { datetimeUTC: true, rotate: 0 } },
    yaxis: {
      min: 0,
      max,
      labels: { formatter: (value: number) => formatMoneyShort(value, currency) },
    },
    legend: { position: 'top' },
    tooltip: {
      shared: true,
      x: {
        formatter: (_v: number, opts?: { dataPointIndex?: number }) =>
          formatMonth(months[opts?.dataPointIndex ?? 0] ?? months[0]),
      },
      y: {
        formatter: (_v: number, opts?: { seriesIndex?: number; dataPointIndex?: number }) => {
          const debt = debts[opts?.seriesIndex ?? 0];
          return debt ? formatMoney(owed(debt.debtId, opts?.dataPointIndex ?? 0), currency) : '—';
        },
      },
    },
  };
  const series = debts.map((d) => ({
    name: d.name,
    data: months.map((month, i) => [startOf(month), toChartNumber(owed(d.debtId, i))]),
  }));
  const summary = debts
    .map((d) =>
      d.payoffDate
        ? `${d.name} paid off ${formatMonth(d.payoffDate.slice(0, 7))}`
        : `${d.name} never paid off`,
    )
    .join('; ');
  return (
    <ChartFigure title={title} summary={`${summary}. ${months.length} months shown.`}>
      <Chart type="area" height={280} series={series} options={options} />
    </ChartFigure>
  );
}
