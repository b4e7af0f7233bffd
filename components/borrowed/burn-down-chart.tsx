'use client';

import { Area, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { shortDay, TOOLTIP_LABEL_STYLE, TOOLTIP_STYLE } from '@/components/charts/palette';
import type { BurnDownDay } from './types';

const numberFormat = new Intl.NumberFormat('en-US');

const SERIES = {
  open: { label: 'Open cases', color: '#e11d48' },
  resolved: { label: 'Resolved', color: '#10b981' },
} as const;

function seriesLabel(name: unknown): string {
  return SERIES[name as keyof typeof SERIES]?.label ?? String(name);
}

/** Cases not yet resolved at the end of each day, the line that should fall to zero, with resolutions beside it. */
export function BurnDownChart({ data }: { data: BurnDownDay[] }) {
  return (
    <div className="chart h-56 w-full" role="img" aria-label="Open borrowed-credential cases per day">
      <ResponsiveContainer width="100%" height="100%">
        <ComposedChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
          <CartesianGrid vertical={false} />
          <XAxis
            dataKey="day"
            tickFormatter={shortDay}
            tick={{ fontSize: 11 }}
            tickLine={false}
            axisLine={false}
            minTickGap={28}
          />
          <YAxis
            allowDecimals={false}
            tickFormatter={(value: number) => numberFormat.format(value)}
            tick={{ fontSize: 11 }}
            tickLine={false}
            axisLine={false}
            width={40}
          />
          <Tooltip
            labelFormatter={(label) => shortDay(String(label))}
            formatter={(value, name) => [numberFormat.format(Number(value)), seriesLabel(name)]}
            contentStyle={TOOLTIP_STYLE}
            labelStyle={TOOLTIP_LABEL_STYLE}
          />
          <Legend formatter={seriesLabel} iconType="circle" iconSize={8} wrapperStyle={{ fontSize: 12 }} />
          <Area
            type="monotone"
            dataKey="open"
            stroke={SERIES.open.color}
            fill={SERIES.open.color}
            fillOpacity={0.15}
            strokeWidth={2}
            isAnimationActive={false}
          />
          <Line
            type="monotone"
            dataKey="resolved"
            stroke={SERIES.resolved.color}
            strokeWidth={2}
            dot={false}
            isAnimationActive={false}
          />
        </ComposedChart>
      </ResponsiveContainer>
    </div>
  );
}
