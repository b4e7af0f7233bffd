'use client';

import { useRouter } from 'next/navigation';
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { AXIS_PROPS, TOOLTIP_ITEM_STYLE, TOOLTIP_LABEL_STYLE, TOOLTIP_STYLE } from '@/components/charts/palette';
import type { AuditFilters } from '@/lib/audit/explorer-filters';
import { narrowedHref } from '@/lib/charts/links';
import type { RankedPrincipal } from '@/lib/charts/shape';
import { formatCompact, formatCount } from './format';

const ROW_HEIGHT = 28;
const LABEL_CHARACTERS = 22;

function shortName(name: string): string {
  return name.length > LABEL_CHARACTERS ? `${name.slice(0, LABEL_CHARACTERS - 1)}…` : name;
}

/** The most active principals on one side of the events, as bars; a bar opens that principal's events. */
export function RankingChart({
  data,
  side,
  color,
  label,
  filters,
}: {
  data: RankedPrincipal[];
  side: 'initiator' | 'executor';
  color: string;
  label: string;
  filters: AuditFilters;
}) {
  const router = useRouter();
  const open = (index: number) => {
    const filter = data[index]?.filter;
    if (filter) router.push(narrowedHref(filters, { [side]: filter }), { scroll: false });
  };
  return (
    <div
      className="chart w-full"
      style={{ height: data.length * ROW_HEIGHT + 32 }}
      role="img"
      aria-label={label}
      aria-describedby={`audit-chart-${side}s-description`}
    >
      <ResponsiveContainer width="100%" height="100%">
        <BarChart
          data={data}
          layout="vertical"
          margin={{ top: 0, right: 16, bottom: 0, left: 0 }}
          barCategoryGap={4}
          accessibilityLayer={false}
        >
          <CartesianGrid horizontal={false} />
          <XAxis type="number" tickFormatter={formatCompact} allowDecimals={false} {...AXIS_PROPS} />
          <YAxis type="category" dataKey="name" width={150} tickFormatter={shortName} interval={0} {...AXIS_PROPS} />
          <Tooltip
            formatter={(value) => [formatCount(Number(value)), 'Events']}
            contentStyle={TOOLTIP_STYLE}
            labelStyle={TOOLTIP_LABEL_STYLE}
            itemStyle={TOOLTIP_ITEM_STYLE}
          />
          <Bar
            dataKey="count"
            fill={color}
            cursor="pointer"
            onClick={(_, index) => open(index)}
            isAnimationActive={false}
          />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
