'use client';

import { Area, CartesianGrid, ComposedChart, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { shortDay, TOOLTIP_LABEL_STYLE, TOOLTIP_STYLE } from '@/components/charts/palette';
import { formatTick, formatValue, minuteTicks, type MetricUnit } from './format';

/** `dots` marks each day: for a figure recorded only on some days, whose lone readings a line would not show. */
export type TrendSeries = { key: string; label: string; color: string; area?: boolean; dots?: boolean };
export type TrendRow = { day: string } & Record<string, number | null | string>;

/**
 * One governance figure over the last 90 days. A day without a value is a gap in the line, not a zero. The
 * chart is an image to assistive technology; its numbers are in the table beside it.
 */
export function TrendChart({
  data,
  series,
  unit,
  label,
}: {
  data: TrendRow[];
  series: TrendSeries[];
  unit: MetricUnit;
  label: string;
}) {
  const labelOf = (key: unknown) => series.find((entry) => entry.key === key)?.label ?? String(key);
  const max = Math.max(
    0,
    ...data.flatMap((row) => series.map((entry) => row[entry.key])).filter((value) => typeof value === 'number'),
  );
  const ticks = unit === 'minutes' && max > 0 ? minuteTicks(max) : undefined;
  return (
    <div className="chart h-40 w-full" role="img" aria-label={label}>
      <ResponsiveContainer width="100%" height="100%">
        <ComposedChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
          <CartesianGrid vertical={false} />
          <XAxis
            dataKey="day"
            tickFormatter={shortDay}
            tick={{ fontSize: 11 }}
            tickLine={false}
            axisLine={false}
            minTickGap={32}
          />
          <YAxis
            ticks={ticks}
            domain={ticks ? [0, ticks[ticks.length - 1]] : undefined}
            allowDecimals={unit !== 'count'}
            tickFormatter={(value: number) => formatTick(value, unit)}
            tick={{ fontSize: 11 }}
            tickLine={false}
            axisLine={false}
            width={40}
          />
          <Tooltip
            labelFormatter={(day) => shortDay(String(day))}
            formatter={(value, name) => [formatValue(value === null ? null : Number(value), unit), labelOf(name)]}
            contentStyle={TOOLTIP_STYLE}
            labelStyle={TOOLTIP_LABEL_STYLE}
          />
          {series.map((entry) =>
            entry.area ? (
              <Area
                key={entry.key}
                type="monotone"
                dataKey={entry.key}
                stroke={entry.color}
                fill={entry.color}
                fillOpacity={0.15}
                strokeWidth={2}
                isAnimationActive={false}
              />
            ) : (
              <Line
                key={entry.key}
                type="monotone"
                dataKey={entry.key}
                stroke={entry.color}
                strokeWidth={2}
                dot={entry.dots ? { r: 2.5, fill: entry.color, strokeWidth: 0 } : false}
                isAnimationActive={false}
              />
            ),
          )}
        </ComposedChart>
      </ResponsiveContainer>
    </div>
  );
}
