import { useQuery } from '@apollo/client/react';
import type { ApexOptions } from 'apexcharts';
import { useEffect, useMemo, useState, type ReactNode } from 'react';
// ApexCharts' core with only the chart types and features these four charts use.
import Chart from 'react-apexcharts/core';
import 'apexcharts/bar';
import 'apexcharts/donut';
import 'apexcharts/line';
import 'apexcharts/features/keyboard';
import 'apexcharts/features/legend';
import { useCurrency } from '../../app/session';
import { ErrorState, Loading } from '../../components/States';
import { MonthSpendingDocument, type DashboardQuery } from '../../graphql/graphql';
import { currentMonth, daysInMonth, formatMonth, today } from '../../lib/dates';
import { formatMoney, formatMoneyShort, toChartNumber } from '../../lib/money';
import { escapeHtml } from '../../lib/text';
import { cumulativeSpending } from './spending';

type Dashboard = DashboardQuery['dashboard'];

function usePrefersDark(): boolean {
  const query = '(prefers-color-scheme: dark)';
  const [dark, setDark] = useState(() => window.matchMedia?.(query).matches ?? false);
  useEffect(() => {
    const media = window.matchMedia?.(query);
    if (!media) return;
    const change = () => setDark(media.matches);
    media.addEventListener('change', change);
    return () => media.removeEventListener('change', change);
  }, []);
  return dark;
}

// Spending is always blue and budgets (or targets, or the pace) always slate, on every chart.
const SPENT = '#2563eb';
const PLAN = '#64748b';
const PALETTE = [
  '#2563eb',
  '#16a34a',
  '#ea580c',
  '#9333ea',
  '#db2777',
  '#0891b2',
  '#ca8a04',
  '#64748b',
];

/**
 * Options every chart shares. ApexCharts writes legends and tooltips as HTML, so every string
 * that can carry user text (category names) passes through escapeHtml in a formatter below.
 */
function baseOptions(dark: boolean, id: string): ApexOptions {
  return {
    chart: {
      id,
      background: 'transparent',
      toolbar: { show: false },
      zoom: { enabled: false },
      fontFamily: 'inherit',
      foreColor: dark ? '#cbd5e1' : '#334155',
      animations: { enabled: false },
    },
    theme: { mode: dark ? 'dark' : 'light' },
    colors: PALETTE,
    grid: { borderColor: dark ? '#334155' : '#e2e8f0' },
    legend: { formatter: (name: string) => escapeHtml(name) },
    dataLabels: { enabled: false },
  };
}

function ChartFigure({
  title,
  summary,
  children,
}: {
  title: string;
  summary: string;
  children: ReactNode;
}) {
  return (
    <figure className="card chart">
      <figcaption>
        <h2>{title}</h2>
        <p className="visually-hidden">{summary}</p>
      </figcaption>
      <div className="chart-body">{children}</div>
    </figure>
  );
}

function CategoryDonut({ dashboard, dark }: { dashboard: Dashboard; dark: boolean }) {
  const currency = useCurrency();
  const rows = dashboard.byCategory;
  const names = rows.map((row) => row.category.name);
  const options: ApexOptions = {
    ...baseOptions(dark, 'by-category'),
    labels: names,
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
  // "Dec 25": twelve of them fit under the bars even at 375 px.
  const axisMonth = new Intl.DateTimeFormat(undefined, {
    month: 'short',
    year: '2-digit',
    timeZone: 'UTC',
  });
  const labels = months.map((m) => axisMonth.format(new Date(`${m.month}-01T00:00:00Z`)));
  const options: ApexOptions = {
    ...baseOptions(dark, 'budget-vs-spending'),
    colors: [PLAN, SPENT],
    xaxis: { categories: labels, labels: { rotate: -45, hideOverlappingLabels: true } },
    yaxis: { labels: { formatter: (value: number) => formatMoneyShort(value, currency) } },
    plotOptions: { bar: { columnWidth: '70%', borderRadius: 2 } },
    legend: { position: 'top', formatter: (name: string) => escapeHtml(name) },
    tooltip: {
      shared: true,
      intersect: false,
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
      <Chart type="bar" height={300} series={series} options={options} />
    </ChartFigure>
  );
}

/** Every expense of the month, fetched 200 at a time, for the day-by-day line. */
function useMonthExpenses(month: string) {
  const { data, loading, error, fetchMore, refetch } = useQuery(MonthSpendingDocument, {
    variables: { month },
  });
  const page = data?.expenses.pageInfo;
  useEffect(() => {
    if (page?.hasNextPage && !loading) {
      void fetchMore({ variables: { after: page.endCursor } });
    }
  }, [page?.hasNextPage, page?.endCursor, loading, fetchMore]);
  const complete = !!data && !page?.hasNextPage;
  return { expenses: data?.expenses.nodes ?? [], complete, error, refetch };
}

function PaceLine({ dashboard, dark }: { dashboard: Dashboard; dark: boolean }) {
  const currency = useCurrency();
  const { expenses, complete, error, refetch } = useMonthExpenses(dashboard.month);
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
      {error ? (
        <ErrorState error={error} onRetry={() => void refetch()} />
      ) : !complete ? (
        <Loading label="Adding up the month…" />
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

/** The dashboard's four charts, in their own chunk so the first page stays light. */
export default function DashboardCharts({ dashboard }: { dashboard: Dashboard }) {
  const dark = usePrefersDark();
  return (
    <div className="chart-grid" data-testid="dashboard-charts">
      <CategoryDonut dashboard={dashboard} dark={dark} />
      <BudgetBars dashboard={dashboard} dark={dark} />
      <PaceLine dashboard={dashboard} dark={dark} />
      <TargetBars dashboard={dashboard} dark={dark} />
    </div>
  );
}
