import type { ApexOptions } from 'apexcharts';
import Chart from 'react-apexcharts/core';
import 'apexcharts/line';
import type { InsightsQuery } from '../../graphql/graphql';
import { formatMonth } from '../../lib/dates';
import { baseOptions, ChartFigure, useMonthAxis, usePrefersDark } from '../dashboard/chart-kit';

type Point = InsightsQuery['healthScoreHistory'][number];

/** The score of each of the last 12 months. */
export default function HealthHistoryChart({ points }: { points: Point[] }) {
  const dark = usePrefersDark();
  const { tooltipX, ...axis } = useMonthAxis(points.map((p) => p.month));
  const options: ApexOptions = {
    ...baseOptions(dark, 'health-history'),
    ...axis,
    colors: ['#16a34a'],
    stroke: { width: 3, curve: 'straight' },
    markers: { size: 3 },
    yaxis: { min: 0, max: 100, tickAmount: 5 },
    tooltip: { x: tooltipX },
  };
  const summary = points.map((p) => `${formatMonth(p.month)}: ${p.score}`).join('; ');
  return (
    <ChartFigure title="Health score, last 12 months" summary={summary}>
      <Chart
        type="line"
        height={260}
        series={[{ name: 'Score', data: points.map((p) => p.score) }]}
        options={options}
      />
    </ChartFigure>
  );
}
