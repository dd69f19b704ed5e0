import { Text } from '@backstage/ui';
import { useTheme } from '@material-ui/core/styles';
import { ReactNode } from 'react';
import {
  Bar,
  BarChart,
  CartesianGrid,
  LabelList,
  Legend,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';

const ROW_HEIGHT = 30;

function Caption(props: { children: ReactNode }) {
  return (
    <figcaption>
      <Text as="span" variant="body-small" color="secondary">
        {props.children}
      </Text>
    </figcaption>
  );
}

/**
 * Horizontal bars, one row per label and one bar per series, each saying its
 * value: the KPI page's charts. Empty data says so instead of drawing axes.
 */
export function KpiBarChart(props: {
  title: string;
  rows: Record<string, string | number>[];
  labelKey: string;
  series: { key: string; name: string }[];
  unit?: string;
  /** Fixed axis range (percentages: 0-100). */
  domain?: [number, number];
}) {
  const theme = useTheme();
  const colors = [theme.palette.primary.main, theme.palette.secondary.main];
  if (!props.rows.length) {
    return (
      <figure aria-label={props.title} style={{ margin: 0 }}>
        <Caption>{props.title}: nothing in this period.</Caption>
      </figure>
    );
  }
  return (
    <figure aria-label={props.title} style={{ margin: '0 0 12px' }}>
      <Caption>{props.title}</Caption>
      <ResponsiveContainer
        width="100%"
        height={
          Math.max(100, props.rows.length * ROW_HEIGHT * props.series.length) +
          50
        }
      >
        <BarChart
          data={props.rows}
          layout="vertical"
          margin={{ left: 24, right: 56 }}
        >
          <CartesianGrid strokeDasharray="3 3" horizontal={false} />
          <XAxis
            type="number"
            allowDecimals={false}
            unit={props.unit}
            domain={props.domain}
          />
          <YAxis
            type="category"
            dataKey={props.labelKey}
            width={200}
            interval={0}
          />
          <Tooltip />
          {props.series.length > 1 && <Legend />}
          {props.series.map((s, i) => (
            <Bar
              key={s.key}
              dataKey={s.key}
              name={s.name}
              fill={colors[i % colors.length]}
              isAnimationActive={false}
              minPointSize={2}
            >
              <LabelList
                dataKey={s.key}
                position="right"
                fill={theme.palette.text.primary}
              />
            </Bar>
          ))}
        </BarChart>
      </ResponsiveContainer>
    </figure>
  );
}
