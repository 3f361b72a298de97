import { useId } from 'react';

export interface Bar {
  readonly label: string;
  readonly value: number;
}

const WIDTH = 560;
const HEIGHT = 200;
const AXIS = 24;

/**
 * A plain SVG bar chart with its numbers written on the bars; the same numbers as a table for
 * screen readers (the picture itself is one image with a name).
 */
export function BarChart({
  title,
  bars,
  dayLabel,
  countLabel,
}: {
  title: string;
  bars: readonly Bar[];
  dayLabel: string;
  countLabel: string;
}) {
  const id = useId();
  const max = Math.max(1, ...bars.map((bar) => bar.value));
  const step = bars.length > 0 ? (WIDTH - AXIS) / bars.length : 0;
  const barWidth = Math.max(4, step * 0.7);
  const plot = HEIGHT - AXIS - 16;
  return (
    <figure className="chart" aria-labelledby={`${id}-title`}>
      <figcaption id={`${id}-title`}>{title}</figcaption>
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-labelledby={`${id}-title`} width="100%">
        <line x1={AXIS} y1={HEIGHT - AXIS} x2={WIDTH} y2={HEIGHT - AXIS} className="axis" />
        {bars.map((bar, index) => {
          const height = (bar.value / max) * plot;
          const x = AXIS + index * step + (step - barWidth) / 2;
          const y = HEIGHT - AXIS - height;
          return (
            <g key={bar.label}>
              <rect x={x} y={y} width={barWidth} height={height} className="bar" />
              <text x={x + barWidth / 2} y={y - 3} textAnchor="middle" className="bar-value">
                {bar.value}
              </text>
              <text x={x + barWidth / 2} y={HEIGHT - 8} textAnchor="middle" className="bar-label">
                {bar.label.slice(5)}
              </text>
            </g>
          );
        })}
      </svg>
      <table className="visually-hidden">
        <caption>{title}</caption>
        <thead>
          <tr>
            <th scope="col">{dayLabel}</th>
            <th scope="col">{countLabel}</th>
          </tr>
        </thead>
        <tbody>
          {bars.map((bar) => (
            <tr key={bar.label}>
              <td>{bar.label}</td>
              <td>{bar.value}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
