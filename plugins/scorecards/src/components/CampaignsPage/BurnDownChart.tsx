import type { CampaignDay } from '@integrated-ops/plugin-scorecards-common';

const W = 640;
const H = 220;
const PAD = { left: 40, right: 16, top: 12, bottom: 28 };
const DAY = 86_400_000;

/**
 * Entities below the target per day, with the straight line from the first
 * day's count to zero at the deadline (the pace that meets it).
 */
export function BurnDownChart(props: {
  days: CampaignDay[];
  deadline: string;
}) {
  const { days, deadline } = props;
  if (!days.length) return null;
  const t0 = Date.parse(days[0].day);
  const tEnd = Math.max(
    Date.parse(deadline),
    Date.parse(days[days.length - 1].day),
  );
  const max = Math.max(1, ...days.map(d => d.below), ...days.map(d => d.total));
  const x = (day: string) =>
    PAD.left +
    ((Date.parse(day) - t0) / Math.max(DAY, tEnd - t0)) *
      (W - PAD.left - PAD.right);
  const y = (n: number) => PAD.top + (1 - n / max) * (H - PAD.top - PAD.bottom);
  const actual = days.map(d => `${x(d.day)},${y(d.below)}`).join(' ');
  const last = days[days.length - 1];
  return (
    <svg
      viewBox={`0 0 ${W} ${H}`}
      width="100%"
      style={{ maxWidth: W }}
      role="img"
      aria-label={`Burn-down: ${days[0].below} below the target on ${days[0].day}, ${last.below} on ${last.day}; the deadline is ${deadline}`}
    >
      <line
        x1={PAD.left}
        y1={y(0)}
        x2={W - PAD.right}
        y2={y(0)}
        stroke="currentColor"
        opacity={0.4}
      />
      <line
        x1={PAD.left}
        y1={PAD.top}
        x2={PAD.left}
        y2={y(0)}
        stroke="currentColor"
        opacity={0.4}
      />
      <text
        x={PAD.left - 6}
        y={y(max) + 4}
        textAnchor="end"
        fontSize={11}
        fill="currentColor"
      >
        {max}
      </text>
      <text
        x={PAD.left - 6}
        y={y(0) + 4}
        textAnchor="end"
        fontSize={11}
        fill="currentColor"
      >
        0
      </text>
      <text x={PAD.left} y={H - 8} fontSize={11} fill="currentColor">
        {days[0].day}
      </text>
      <text
        x={W - PAD.right}
        y={H - 8}
        textAnchor="end"
        fontSize={11}
        fill="currentColor"
      >
        deadline {deadline}
      </text>
      {Date.parse(deadline) >= t0 && (
        <line
          x1={x(days[0].day)}
          y1={y(days[0].below)}
          x2={x(deadline)}
          y2={y(0)}
          stroke="currentColor"
          strokeDasharray="4 4"
          opacity={0.6}
        />
      )}
      <polyline
        points={actual}
        fill="none"
        stroke="#d9480f"
        strokeWidth={2.5}
      />
      {days.map(d => (
        <circle
          key={d.day}
          cx={x(d.day)}
          cy={y(d.below)}
          r={3.5}
          fill="#d9480f"
        >
          <title>{`${d.day}: ${d.below} of ${d.total} below the target`}</title>
        </circle>
      ))}
    </svg>
  );
}
