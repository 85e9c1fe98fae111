import type { ApexOptions } from 'apexcharts';
import { useEffect, useState, type ReactNode } from 'react';
import { escapeHtml } from '../../lib/text';

export function usePrefersDark(): boolean {
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
export const SPENT = '#2563eb';
export const PLAN = '#64748b';
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
export function baseOptions(dark: boolean, id: string): ApexOptions {
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

export function ChartFigure({
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
