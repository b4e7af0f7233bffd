'use client';

import { useRouter } from 'next/navigation';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import {
  AXIS_PROPS,
  DECISION_STYLE,
  shortDay,
  TOOLTIP_ITEM_STYLE,
  TOOLTIP_LABEL_STYLE,
  TOOLTIP_STYLE,
} from '@/components/charts/palette';
import type { AuditFilters } from '@/lib/audit/explorer-filters';
import { decisionFilters, narrowedHref } from '@/lib/charts/links';
import type { DecisionDay } from '@/lib/charts/shape';
import { formatCompact, formatCount } from './format';
import { reasonLabel } from './reasons';

type Decision = keyof typeof DECISION_STYLE;

function decisionLabel(name: unknown): string {
  return DECISION_STYLE[name as Decision]?.label ?? String(name);
}

/** Each day's denials by reason, the most frequent first, for the tooltip. */
function denyBreakdown(day: DecisionDay): string {
  return Object.entries(day.denyReasons)
    .sort(([, a], [, b]) => b - a)
    .map(([reason, count]) => `${reasonLabel(reason)} ${formatCount(count)}`)
    .join(', ');
}

/** Allowed and denied runtime decisions per day; a bar opens that day's decisions of that kind. */
export function DecisionsChart({ data, filters }: { data: DecisionDay[]; filters: AuditFilters }) {
  const router = useRouter();
  const open = (index: number, decision: Decision) => {
    const day = data[index]?.day;
    if (day) router.push(narrowedHref(filters, decisionFilters(day, decision)), { scroll: false });
  };
  return (
    <div
      className="chart h-56 w-full"
      role="img"
      aria-label="Runtime decisions per day, allowed and denied"
      aria-describedby="audit-chart-decisions-description"
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
            formatter={(value, name, item) => {
              const count = formatCount(Number(value));
              const reasons = name === 'deny' ? denyBreakdown(item.payload as DecisionDay) : '';
              return [reasons ? `${count} (${reasons})` : count, decisionLabel(name)];
            }}
            contentStyle={TOOLTIP_STYLE}
            labelStyle={TOOLTIP_LABEL_STYLE}
            itemStyle={TOOLTIP_ITEM_STYLE}
          />
          <Legend
            formatter={(name) => <span className="text-slate-600">{decisionLabel(name)}</span>}
            iconType="circle"
            iconSize={8}
            wrapperStyle={{ fontSize: 12 }}
          />
          {(['allow', 'deny'] as const).map((decision) => (
            <Bar
              key={decision}
              dataKey={decision}
              stackId="decisions"
              fill={DECISION_STYLE[decision].color}
              cursor="pointer"
              onClick={(_, index) => open(index, decision)}
              isAnimationActive={false}
            />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
