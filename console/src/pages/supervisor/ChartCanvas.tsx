// A chart.js chart on a canvas, made when the config changes and destroyed with the component. Only the
// pieces the dashboard draws are registered, so the chart chunk stays small (it loads with the supervisor's
// pages only). No animation: figures appear at once, and screenshots show them as they are.
import { useEffect, useRef } from 'react';
import {
  ArcElement,
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  DoughnutController,
  Legend,
  LinearScale,
  Tooltip,
  type ChartConfiguration,
} from 'chart.js';

Chart.register(
  BarController,
  BarElement,
  CategoryScale,
  LinearScale,
  DoughnutController,
  ArcElement,
  Legend,
  Tooltip,
);
Chart.defaults.animation = false;
Chart.defaults.font.family = "'Noto Sans CJK SC', 'PingFang SC', 'Microsoft YaHei', system-ui, sans-serif";
Chart.defaults.font.size = 13;
Chart.defaults.color = '#1d2430';
// A single bar would otherwise fill its whole band.
Chart.defaults.datasets.bar.maxBarThickness = 28;

export const CHART_COLORS = ['#1d4f91', '#f0b429', '#1f7a3d', '#b42318', '#6b4fbb', '#0e7c86'];

export function ChartCanvas({
  config,
  label,
  testId,
  height = 240,
}: {
  config: ChartConfiguration;
  /** What the chart shows, for screen readers (the figures are also in the tables beside it). */
  label: string;
  testId?: string;
  height?: number;
}) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const chart = new Chart(canvas.current!, {
      ...config,
      options: { maintainAspectRatio: false, ...config.options },
    });
    return () => chart.destroy();
  }, [config]);
  return (
    <div className="chart" style={{ height }} data-testid={testId}>
      <canvas ref={canvas} role="img" aria-label={label} />
    </div>
  );
}
