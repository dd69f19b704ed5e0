import { CoverageSummary } from '@integrated-ops/plugin-integrated-ops-common';
import { useTheme } from '@material-ui/core/styles';
import {
  Bar,
  BarChart,
  CartesianGrid,
  LabelList,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';

const ROW_HEIGHT = 28;

/** Horizontal bars: percentage of ownership checks passed per system or team. */
export function CoverageChart(props: {
  title: string;
  rows: CoverageSummary[];
  labelOf?: (key: string) => string;
}) {
  const theme = useTheme();
  const labelOf = props.labelOf ?? ((key: string) => key);
  const data = [...props.rows]
    .sort((a, b) => a.percent - b.percent || a.key.localeCompare(b.key))
    .map(row => ({
      name: labelOf(row.key),
      percent: row.percent,
      entities: row.entities,
    }));
  return (
    <figure aria-label={props.title} style={{ margin: 0 }}>
      <ResponsiveContainer
        width="100%"
        height={Math.max(120, data.length * ROW_HEIGHT + 40)}
      >
        <BarChart
          data={data}
          layout="vertical"
          margin={{ left: 24, right: 56 }}
        >
          <CartesianGrid strokeDasharray="3 3" horizontal={false} />
          <XAxis type="number" domain={[0, 100]} unit="%" />
          <YAxis type="category" dataKey="name" width={220} interval={0} />
          <Tooltip
            formatter={(value: unknown) => [`${value}%`, 'checks passed']}
          />
          <Bar
            dataKey="percent"
            fill={theme.palette.primary.main}
            isAnimationActive={false}
            // A 0% row still shows a sliver, and every bar says its value.
            minPointSize={3}
          >
            <LabelList
              dataKey="percent"
              position="right"
              formatter={(value: unknown) => `${value}%`}
              fill={theme.palette.text.primary}
            />
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </figure>
  );
}
