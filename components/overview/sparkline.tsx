'use client';

import { Line, LineChart, ResponsiveContainer, YAxis } from 'recharts';

/** A small trend line beside a figure; decorative, as the figure's own text says what it shows. */
export function Sparkline({
  data,
  dataKey,
  color,
}: {
  data: ({ day: string } & Record<string, number | null | string>)[];
  dataKey: string;
  color: string;
}) {
  return (
    <div className="h-10 w-full" aria-hidden>
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={data} margin={{ top: 4, right: 2, bottom: 4, left: 2 }} accessibilityLayer={false}>
          <YAxis hide domain={[0, 'auto']} />
          <Line
            type="monotone"
            dataKey={dataKey}
            stroke={color}
            strokeWidth={1.75}
            dot={false}
            isAnimationActive={false}
          />
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}
