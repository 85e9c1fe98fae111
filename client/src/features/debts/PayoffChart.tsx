import type { ApexOptions } from 'apexcharts';
import Chart from 'react-apexcharts/core';
import 'apexcharts/area';
import { formatMonth } from '../../lib/dates';
import { formatMoney, formatMoneyShort, toChartNumber } from '../../lib/money';
import { baseOptions, ChartFigure } from '../dashboard/chart-kit';
import type { Plan } from './useDebts';

const SNOWBALL = '#2563eb';
const AVALANCHE = '#16a34a';
/** Enough labels to read the axis at any length of plan without crowding it. */
const TICKS = 8;

/**
 * What is owed month by month under each strategy, from today's balances: both lines on one
 * axis, so that the faster one shows as the line that reaches zero first.
 */
export function PayoffChart({
  snowball,
  avalanche,
  currency,
  dark,
}: {
  snowball: Plan;
  avalanche: Plan;
  currency: string;
  dark: boolean;
}) {
  const longer = snowball.schedule.length >= avalanche.schedule.length ? snowball : avalanche;
  const months = longer.schedule.map((m) => m.month);
  // The shorter plan stays at zero once paid, rather than stopping, so both lines share the axis.
  const owed = (plan: Plan) =>
    months.map((_, i) => toChartNumber(plan.schedule[i]?.balance ?? '0'));
  const amountAt = (plan: Plan, i: number) => plan.schedule[i]?.balance ?? '0';
  const options: ApexOptions = {
    ...baseOptions(dark, 'payoff'),
    colors: [SNOWBALL, AVALANCHE],
    stroke: { width: [3, 3], curve: 'straight', dashArray: [0, 6] },
    fill: { type: 'solid', opacity: [0.12, 0.05] },
    xaxis: {
      categories: months.map((m) => formatMonth(m, undefined, 'short')),
      tickAmount: Math.min(TICKS, months.length),
      labels: { rotate: 0, hideOverlappingLabels: true },
    },
    yaxis: { min: 0, labels: { formatter: (value: number) => formatMoneyShort(value, currency) } },
    legend: { position: 'top' },
    tooltip: {
      shared: true,
      y: {
        formatter: (_v: number, opts?: { seriesIndex?: number; dataPointIndex?: number }) =>
          formatMoney(
            amountAt(opts?.seriesIndex === 1 ? avalanche : snowball, opts?.dataPointIndex ?? 0),
            currency,
          ),
      },
    },
  };
  const series = [
    { name: 'Snowball', data: owed(snowball) },
    { name: 'Avalanche', data: owed(avalanche) },
  ];
  const end = (plan: Plan) =>
    plan.paidOff ? `paid off ${formatMonth(plan.payoffDate.slice(0, 7))}` : 'never paid off';
  return (
    <ChartFigure
      title="Balance owed over time"
      summary={`Snowball: ${end(snowball)}. Avalanche: ${end(avalanche)}.`}
    >
      <Chart type="area" height={300} series={series} options={options} />
    </ChartFigure>
  );
}
