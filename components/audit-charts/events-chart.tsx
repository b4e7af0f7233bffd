'use client';

import { useRouter } from 'next/navigation';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import {
  ATTRIBUTION_STYLE,
  AXIS_PROPS,
  shortDay,
  TOOLTIP_ITEM_STYLE,
  TOOLTIP_LABEL_STYLE,
  TOOLTIP_STYLE,
} from '@/components/charts/palette';
import type { Attribution } from '@/lib/db/generated/sqlite/enums';
import type { AuditFilters } from '@/lib/audit/explorer-filters';
import { dayFilters, narrowedHref } from '@/lib/charts/links';
import { ATTRIBUTIONS, type DailyAttribution } from '@/lib/charts/shape';
import { formatCompact, formatCount } from './format';

function attributionLabel(name: unknown): string {
  return ATTRIBUTION_STYLE[name as Attribution]?.label ?? String(name);
}

/** Events per day stacked by effective attribution; a segment opens that day's events of that attribution. */
export function EventsChart({ data, filters }: { data: DailyAttribution[]; filters: AuditFilters }) {
  const router = useRouter();
  const open = (index: number, attribution: Attribution) => {
    const day = data[index]?.day;
    if (day) router.push(narrowedHref(filters, { ...dayFilters(day), attribution }), { scroll: false });
  };
  return (
    <div
      className="chart h-72 w-full"
      role="img"
      aria-label="Audit events per day, stacked by attribution"
      aria-describedby="audit-chart-events-description"
    >
      <ResponsiveContainer width="100%" height="100%">
        <BarChart
          data={data}
          margin={{ top: 8, right: 8, bottom: 0, left: 0 }}
          barCategoryGap={1}
          accessibilityLayer={false}
        >
          <CartesianGrid vertical={false} />
          <XAxis dataKey="day" tickFormatter={shortDay} minTickGap={28} {...AXIS_PROPS} />
          <YAxis tickFormatter={formatCompact} width={44} allowDecimals={false} {...AXIS_PROPS} />
          <Tooltip
            labelFormatter={(label) => shortDay(String(label))}
            formatter={(value, name) => [formatCount(Number(value)), attributionLabel(name)]}
            contentStyle={TOOLTIP_STYLE}
            labelStyle={TOOLTIP_LABEL_STYLE}
            itemStyle={TOOLTIP_ITEM_STYLE}
            itemSorter={(item) => ATTRIBUTIONS.indexOf(item.dataKey as Attribution)}
          />
          <Legend
            itemSorter={null}
            formatter={(name) => <span className="text-slate-600">{attributionLabel(name)}</span>}
            iconType="circle"
            iconSize={8}
            wrapperStyle={{ fontSize: 12 }}
          />
          {ATTRIBUTIONS.map((attribution) => (
            <Bar
              key={attribution}
              dataKey={attribution}
              stackId="events"
              fill={ATTRIBUTION_STYLE[attribution].color}
              cursor="pointer"
              onClick={(_, index) => open(index, attribution)}
              isAnimationActive={false}
            />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
