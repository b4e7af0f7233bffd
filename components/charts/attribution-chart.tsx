'use client';

import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { Attribution } from '@/lib/db/generated/sqlite/enums';
import type { DailyAttribution } from '@/lib/overview/summary';
import { ATTRIBUTION_STYLE, shortDay, TOOLTIP_LABEL_STYLE, TOOLTIP_STYLE } from './palette';

const numberFormat = new Intl.NumberFormat('en-US');
const compactFormat = new Intl.NumberFormat('en-US', { notation: 'compact' });

/** Audit events per day, stacked by who acted: humans first, then agents with and without a human behind them. */
export function AttributionChart({ data, attributions }: { data: DailyAttribution[]; attributions: Attribution[] }) {
  return (
    <div className="chart h-72 w-full" role="img" aria-label="Audit events per day by attribution">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: 0 }} barCategoryGap={1}>
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
            tickFormatter={(value: number) => compactFormat.format(value)}
            tick={{ fontSize: 11 }}
            tickLine={false}
            axisLine={false}
            width={44}
          />
          <Tooltip
            labelFormatter={(label) => shortDay(String(label))}
            formatter={(value, name) => [
              numberFormat.format(Number(value)),
              ATTRIBUTION_STYLE[name as Attribution]?.label ?? name,
            ]}
            contentStyle={TOOLTIP_STYLE}
            labelStyle={TOOLTIP_LABEL_STYLE}
          />
          <Legend
            itemSorter={null}
            formatter={(name: string) => ATTRIBUTION_STYLE[name as Attribution]?.label ?? name}
            iconType="circle"
            iconSize={8}
            wrapperStyle={{ fontSize: 12 }}
          />
          {attributions.map((attribution) => (
            <Bar
              key={attribution}
              dataKey={attribution}
              stackId="events"
              fill={ATTRIBUTION_STYLE[attribution].color}
              isAnimationActive={false}
            />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
