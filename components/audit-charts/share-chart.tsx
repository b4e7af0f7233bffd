'use client';

import { useRouter } from 'next/navigation';
import { Area, AreaChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import {
  ATTRIBUTION_STYLE,
  AXIS_PROPS,
  shortDay,
  TOOLTIP_ITEM_STYLE,
  TOOLTIP_LABEL_STYLE,
  TOOLTIP_STYLE,
} from '@/components/charts/palette';
import type { AuditFilters } from '@/lib/audit/explorer-filters';
import { dayFilters, narrowedHref } from '@/lib/charts/links';
import type { BorrowedShareDay } from '@/lib/charts/shape';
import { formatCount, formatShare } from './format';

const COLOR = ATTRIBUTION_STYLE.AGENT_BORROWED.color;

/** The share of agents' actions done with a person's credential, per day; a day opens its borrowed events. */
export function ShareChart({ data, filters }: { data: BorrowedShareDay[]; filters: AuditFilters }) {
  const router = useRouter();
  return (
    <div
      className="chart h-56 w-full"
      role="img"
      aria-label="Share of agent actions done with borrowed human credentials, per day"
      aria-describedby="audit-chart-borrowed-share-description"
    >
      <ResponsiveContainer width="100%" height="100%">
        <AreaChart
          data={data}
          margin={{ top: 8, right: 8, bottom: 0, left: 0 }}
          accessibilityLayer={false}
          className="cursor-pointer"
          onClick={(state) => {
            const entry = data[Number(state.activeIndex)];
            if (entry && entry.borrowed > 0)
              router.push(narrowedHref(filters, { ...dayFilters(entry.day), attribution: 'AGENT_BORROWED' }), {
                scroll: false,
              });
          }}
        >
          <CartesianGrid vertical={false} />
          <XAxis dataKey="day" tickFormatter={shortDay} minTickGap={28} {...AXIS_PROPS} />
          <YAxis
            domain={[0, 1]}
            ticks={[0, 0.25, 0.5, 0.75, 1]}
            tickFormatter={(value: number) => formatShare(value)}
            width={44}
            {...AXIS_PROPS}
          />
          <Tooltip
            labelFormatter={(label) => shortDay(String(label))}
            formatter={(value, _name, item) => {
              const day = item.payload as BorrowedShareDay;
              return [
                `${formatShare(day.share)} (${formatCount(day.borrowed)} of ${formatCount(day.agentActions)})`,
                'Borrowed',
              ];
            }}
            contentStyle={TOOLTIP_STYLE}
            labelStyle={TOOLTIP_LABEL_STYLE}
            itemStyle={TOOLTIP_ITEM_STYLE}
          />
          <Area
            type="monotone"
            dataKey="share"
            stroke={COLOR}
            fill={COLOR}
            fillOpacity={0.15}
            strokeWidth={2}
            connectNulls={false}
            isAnimationActive={false}
          />
        </AreaChart>
      </ResponsiveContainer>
    </div>
  );
}
