import type { ApexOptions } from 'apexcharts';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { escapeHtml } from '../../lib/text';

/** Whether `query` matches now; follows it as it changes. */
function useMediaQuery(query: string): boolean {
  const [matches, setMatches] = useState(() => window.matchMedia?.(query).matches ?? false);
  useEffect(() => {
    const media = window.matchMedia?.(query);
    if (!media) return;
    const change = () => setMatches(media.matches);
    change();
    media.addEventListener('change', change);
    return () => media.removeEventListener('change', change);
  }, [query]);
  return matches;
}

export function usePrefersDark(): boolean {
  return useMediaQuery('(prefers-color-scheme: dark)');
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
 * Twelve colours far enough apart to tell categories apart (light and dark backgrounds alike).
 * A category's colour comes from its id, so it keeps it in every month and every chart.
 */
export const CATEGORY_PALETTE = [
  '#2563eb',
  '#16a34a',
  '#ea580c',
  '#9333ea',
  '#db2777',
  '#0891b2',
  '#ca8a04',
  '#dc2626',
  '#4f46e5',
  '#65a30d',
  '#0d9488',
  '#a16207',
];

export function categoryColor(categoryId: string): string {
  let hash = 0;
  for (const c of categoryId) hash = (hash * 31 + c.charCodeAt(0)) >>> 0;
  return CATEGORY_PALETTE[hash % CATEGORY_PALETTE.length];
}

/** Up to this width a month axis takes its phone form. */
const PHONE_MAX_WIDTH = 519;

/**
 * A month axis of twelve `YYYY-MM` months, labelled "Dec 25": on a phone every other month is
 * labelled, by its short name alone and unrotated, so that labels never run into each other; the
 * newest month always keeps its label. Tooltips keep the full month.
 *
 * The phone form is chosen here, from a media query, and not by ApexCharts' `responsive`
 * option: react-apexcharts' updates make the phone options the chart's initial ones, so a
 * phone-width chart widened to a desktop kept its phone labels.
 */
export function useMonthAxis(months: string[]): Pick<ApexOptions, 'xaxis'> & {
  tooltipX: { formatter(value: unknown, opts?: { dataPointIndex?: number }): string };
} {
  const phone = useMediaQuery(`(max-width: ${PHONE_MAX_WIDTH}px)`);
  const at = (month: string) => new Date(`${month}-01T00:00:00Z`);
  const long = new Intl.DateTimeFormat(undefined, {
    month: 'short',
    year: '2-digit',
    timeZone: 'UTC',
  });
  const short = new Intl.DateTimeFormat(undefined, { month: 'short', timeZone: 'UTC' });
  const labels = months.map((month) => long.format(at(month)));
  const phoneLabels = months.map((month) => short.format(at(month)));
  return {
    xaxis: {
      categories: labels,
      labels: phone
        ? {
            rotate: 0,
            hideOverlappingLabels: false,
            // Bar charts pass the label's index as `i` (the type declarations leave it out);
            // line charts pass only the label.
            formatter: (value: string | number, _timestamp?: number, opts?: object) => {
              const i = (opts as { i?: number } | undefined)?.i ?? labels.indexOf(String(value));
              if (i < 0) return String(value);
              return (labels.length - 1 - i) % 2 === 0 ? (phoneLabels[i] ?? '') : '';
            },
          }
        : {
            rotate: -45,
            hideOverlappingLabels: true,
            formatter: (value: string | number) => String(value),
          },
    },
    tooltipX: {
      formatter: (_value, opts) => labels[opts?.dataPointIndex ?? 0] ?? '',
    },
  };
}

/**
 * ApexCharts makes every legend entry a tab stop; a donut of twelve categories would take twelve
 * presses of Tab to pass. One tab stop per legend, and the arrow keys move within it.
 */
function useOneTabStopPerLegend() {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const root = ref.current;
    if (!root) return;
    const items = () => [
      ...root.querySelectorAll<HTMLElement>('.apexcharts-legend-series[tabindex]'),
    ];
    const rove = () => {
      const all = items();
      const current = all.find((item) => item.tabIndex === 0 && item === document.activeElement);
      all.forEach((item, i) => {
        const tabIndex = (current ? item === current : i === 0) ? 0 : -1;
        if (item.tabIndex !== tabIndex) item.tabIndex = tabIndex;
      });
    };
    const onKey = (event: KeyboardEvent) => {
      const all = items();
      const at = all.indexOf(event.target as HTMLElement);
      if (at < 0) return;
      const step = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 }[event.key];
      if (!step) return;
      event.preventDefault();
      const next = all[(at + step + all.length) % all.length];
      all.forEach((item) => (item.tabIndex = item === next ? 0 : -1));
      next.focus();
    };
    rove();
    const observer = new MutationObserver(rove);
    observer.observe(root, { childList: true, subtree: true });
    root.addEventListener('keydown', onKey);
    return () => {
      observer.disconnect();
      root.removeEventListener('keydown', onKey);
    };
  }, []);
  return ref;
}

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
  wide,
}: {
  title: string;
  summary: string;
  children: ReactNode;
  /** Across the whole chart grid. */
  wide?: boolean;
}) {
  const body = useOneTabStopPerLegend();
  return (
    <figure className={`card chart${wide ? ' chart-wide' : ''}`}>
      <figcaption>
        <h2>{title}</h2>
        <p className="visually-hidden">{summary}</p>
      </figcaption>
      <div className="chart-body" ref={body}>
        {children}
      </div>
    </figure>
  );
}
