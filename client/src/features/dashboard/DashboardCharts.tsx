import type { ApexOptions } from 'apexcharts';
import { useMemo } from 'react';
// ApexCharts' core with only the chart types and features these charts use.
import Chart from 'react-apexcharts/core';
import 'apexcharts/bar';
import 'apexcharts/donut';
import 'apexcharts/line';
import 'apexcharts/features/keyboard';
import 'apexcharts/features/legend';
import { useCurrency } from '../../app/session';
import type { DashboardQuery } from '../../graphql/graphql';
import { currentMonth, daysInMonth, formatMonth, today } from '../../lib/dates';
import { formatMoney, formatMoneyShort, toChartNumber } from '../../lib/money';
import { escapeHtml } from '../../lib/text';
import {
  baseOptions,
  categoryColor,
  ChartFigure,
  useMonthAxis,
  PLAN,
  SPENT,
  usePrefersDark,
} from './chart-kit';
import { NetWorthChart, type NetWorthPoint } from './NetWorthChart';
import { cumulativeSpending } from './spending';

type Dashboard = DashboardQuery['dashboard'];

function CategoryDonut({ dashboard, dark }: { dashboard: Dashboard; dark: boolean }) {
  const currency = useCurrency();
  const rows = dashboard.byCategory;
  const names = rows.map((row) => row.category.name);
  const options: ApexOptions = {
    ...baseOptions(dark, 'by-category'),
    labels: names,
    colors: rows.map((row) => categoryColor(row.category.id)),
    legend: {
      position: 'bottom',
      formatter: (name: string) => escapeHtml(name),
    },
    tooltip: {
      y: {
        formatter: (_value: number, opts?: { seriesIndex?: number }) =>
          escapeHtml(formatMoney(rows[opts?.seriesIndex ?? 0]?.spent ?? '0', currency)),
        title: { formatter: (name: string) => `${escapeHtml(name)}:` },
      },
    },
    plotOptions: {
      pie: {
        donut: {
          labels: {
            show: true,
            name: { formatter: (name: string) => name },
            value: { formatter: (value: string) => formatMoney(String(value), currency) },
            total: {
              show: true,
              label: 'Spent',
              formatter: () => formatMoney(dashboard.spent, currency),
            },
          },
        },
      },
    },
    stroke: { colors: [dark ? '#1e293b' : '#ffffff'] },
  };
  const summary = rows
    .map((row) => `${row.category.name}: ${formatMoney(row.spent, currency)}`)
    .join('; ');
  return (
    <ChartFigure title="Spending by category" summary={summary || 'No spending this month.'}>
      {rows.length === 0 ? (
        <p className="muted chart-empty">No spending in {formatMonth(dashboard.month)}.</p>
      ) : (
        <Chart
          type="donut"
          height={300}
          series={rows.map((row) => toChartNumber(row.spent))}
          options={options}
        />
      )}
    </ChartFigure>
  );
}

function BudgetBars({ dashboard, dark }: { dashboard: Dashboard; dark: boolean }) {
  const currency = useCurrency();
  const months = dashboard.months;
  const { tooltipX, ...axis } = useMonthAxis(months.map((m) => m.month));
  const options: ApexOptions = {
    ...baseOptions(dark, 'budget-vs-spending'),
    ...axis,
    colors: [PLAN, SPENT],
    yaxis: { labels: { formatter: (value: number) => formatMoneyShort(value, currency) } },
    plotOptions: { bar: { columnWidth: '70%', borderRadius: 2 } },
    legend: { position: 'top', formatter: (name: string) => escapeHtml(name) },
    tooltip: {
      shared: true,
      intersect: false,
      x: tooltipX,
      y: {
        formatter: (_v: number, opts?: { seriesIndex?: number; dataPointIndex?: number }) => {
          const row = months[opts?.dataPointIndex ?? 0];
          const amount = opts?.seriesIndex === 0 ? row?.budget : row?.spent;
          return amount == null ? 'No budget' : escapeHtml(formatMoney(amount, currency));
        },
      },
    },
  };
  const series = [
    { name: 'Budget', data: months.map((m) => toChartNumber(m.budget)) },
    { name: 'Spent', data: months.map((m) => toChartNumber(m.spent)) },
  ];
  const summary = months
    .map(
      (m) =>
        `${formatMonth(m.month)}: spent ${formatMoney(m.spent, currency)}, budget ${
          m.budget == null ? 'none' : formatMoney(m.budget, currency)
        }`,
    )
    .join('; ');
  return (
    <ChartFigure title="Budget and spending, last 12 months" summary={summary}>
      {months.every((m) => m.budget == null && Number(m.spent) === 0) ? (
        <p className="muted chart-empty">No budgets or spending in these twelve months yet.</p>
      ) : (
        <Chart type="bar" height={300} series={series} options={options} />
      )}
    </ChartFigure>
  );
}

function PaceLine({ dashboard, dark }: { dashboard: Dashboard; dark: boolean }) {
  const currency = useCurrency();
  // Days with spending only; cumulativeSpending adds them up day by day.
  const expenses = useMemo(
    () => dashboard.dailySpending.map((day) => ({ amount: day.spent, date: day.date })),
    [dashboard.dailySpending],
  );
  const month = dashboard.month;
  const lastDay =
    month < currentMonth()
      ? daysInMonth(month)
      : month > currentMonth()
        ? 0
        : Number(today().slice(8));
  const points = useMemo(
    () => cumulativeSpending(month, expenses, dashboard.budget, currency, lastDay),
    [month, expenses, dashboard.budget, currency, lastDay],
  );
  const series = [
    {
      name: 'Spent so far',
      data: points.map((p) => (p.spent == null ? null : toChartNumber(p.spent))),
    },
    ...(dashboard.budget == null
      ? []
      : [{ name: 'Even budget pace', data: points.map((p) => toChartNumber(p.pace)) }]),
  ];
  const options: ApexOptions = {
    ...baseOptions(dark, 'pace'),
    colors: [SPENT, PLAN],
    stroke: { width: [3, 2], curve: 'straight', dashArray: [0, 6] },
    xaxis: {
      categories: points.map((p) => String(p.day)),
      tickAmount: 10,
      title: { text: 'Day of month' },
    },
    yaxis: { labels: { formatter: (value: number) => formatMoneyShort(value, currency) } },
    legend: { position: 'top', formatter: (name: string) => escapeHtml(name) },
    tooltip: {
      shared: true,
      x: { formatter: (day: number) => `Day ${day}` },
      y: {
        formatter: (_v: number, opts?: { seriesIndex?: number; dataPointIndex?: number }) => {
          const point = points[opts?.dataPointIndex ?? 0];
          const amount = opts?.seriesIndex === 0 ? point?.spent : point?.pace;
          return amount == null ? '—' : escapeHtml(formatMoney(amount, currency));
        },
      },
    },
  };
  const last = points.filter((p) => p.spent != null).at(-1);
  const summary = last
    ? `By day ${last.day}: spent ${formatMoney(last.spent ?? '0', currency)}${
        last.pace ? `, even pace ${formatMoney(last.pace, currency)}` : ''
      }.`
    : 'The month has not started yet.';
  return (
    <ChartFigure title="This month’s spending against an even pace" summary={summary}>
      {dashboard.dailySpending.length === 0 && dashboard.budget == null ? (
        <p className="muted chart-empty">No spending in {formatMonth(dashboard.month)} yet.</p>
      ) : (
        <Chart type="line" height={300} series={series} options={options} />
      )}
    </ChartFigure>
  );
}

function TargetBars({ dashboard, dark }: { dashboard: Dashboard; dark: boolean }) {
  const currency = useCurrency();
  const targets = dashboard.budgetCategories;
  const names = targets.map((t) => t.category.name);
  const options: ApexOptions = {
    ...baseOptions(dark, 'targets'),
    colors: [SPENT, PLAN],
    plotOptions: { bar: { horizontal: true, barHeight: '60%', borderRadius: 2 } },
    xaxis: {
      // On a horizontal bar chart these are the y axis' labels, drawn as SVG text nodes.
      categories: names,
      tickAmount: 4,
      labels: { formatter: (value: string) => formatMoneyShort(Number(value), currency) },
    },
    yaxis: { labels: { maxWidth: 140 } },
    // On a phone the amount axis keeps three ticks, so its labels do not run together.
    responsive: [
      {
        breakpoint: 600,
        options: { xaxis: { tickAmount: 2 }, yaxis: { labels: { maxWidth: 90 } } },
      },
    ],
    legend: { position: 'top', formatter: (name: string) => escapeHtml(name) },
    tooltip: {
      shared: true,
      intersect: false,
      x: { formatter: (value: number | string) => escapeHtml(String(value)) },
      y: {
        formatter: (_v: number, opts?: { seriesIndex?: number; dataPointIndex?: number }) => {
          const target = targets[opts?.dataPointIndex ?? 0];
          const amount = opts?.seriesIndex === 0 ? target?.spent : target?.targetAmount;
          return escapeHtml(formatMoney(amount ?? '0', currency));
        },
      },
    },
  };
  const series = [
    { name: 'Spent', data: targets.map((t) => toChartNumber(t.spent)) },
    { name: 'Target', data: targets.map((t) => toChartNumber(t.targetAmount)) },
  ];
  const summary = targets
    .map(
      (t) =>
        `${t.category.name}: spent ${formatMoney(t.spent, currency)} of ${formatMoney(t.targetAmount, currency)}`,
    )
    .join('; ');
  return (
    <ChartFigure title="Category targets" summary={summary || 'No category targets this month.'}>
      {targets.length === 0 ? (
        <p className="muted chart-empty">No category targets for {formatMonth(dashboard.month)}.</p>
      ) : (
        <Chart
          type="bar"
          height={Math.max(160, 60 + targets.length * 48)}
          series={series}
          options={options}
        />
      )}
    </ChartFigure>
  );
}

/** The dashboard's charts, in their own chunk so the first page stays light. */
export default function DashboardCharts({
  dashboard,
  netWorth,
}: {
  dashboard: Dashboard;
  netWorth: NetWorthPoint[];
}) {
  const dark = usePrefersDark();
  return (
    <div className="chart-grid" data-testid="dashboard-charts">
      <NetWorthChart points={netWorth} dark={dark} />
      <CategoryDonut dashboard={dashboard} dark={dark} />
      <BudgetBars dashboard={dashboard} dark={dark} />
      <PaceLine dashboard={dashboard} dark={dark} />
      <TargetBars dashboard={dashboard} dark={dark} />
    </div>
  );
}
