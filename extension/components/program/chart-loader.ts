import type { Chart as ChartType } from 'chart.js';

/**
 * Chart.js, loaded on first use only: the popup's first load never pays for it,
 * and a page that draws no chart never fetches it.
 */
let loading: Promise<typeof ChartType> | null = null;

export function loadChart(): Promise<typeof ChartType> {
  loading ??= import('chart.js').then(({ Chart, BarController, BarElement, CategoryScale, LinearScale, LineController, LineElement, PointElement, Legend, Tooltip }) => {
    Chart.register(BarController, BarElement, CategoryScale, LinearScale, LineController, LineElement, PointElement, Legend, Tooltip);
    return Chart;
  });
  return loading;
}
