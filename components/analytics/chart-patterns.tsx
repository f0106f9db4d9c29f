/**
 * SVG patterns for chart fills: stripes, dots and cross-hatching in a series' colour, so a stacked bar
 * reads under any colour vision and in print. Each chart prefixes its pattern ids with its own id.
 */
const SHAPES = {
  stripes: (color: string) => <path d="M0 6 L6 0" stroke={color} strokeWidth={2} />,
  crosses: (color: string) => <path d="M0 0 L6 6 M6 0 L0 6" stroke={color} strokeWidth={1.5} />,
  dots: (color: string) => <circle cx={3} cy={3} r={1.4} fill={color} />,
  lines: (color: string) => <path d="M0 3 H6" stroke={color} strokeWidth={2} />,
} as const;

export interface PatternedSeries {
  color: string;
  /** No pattern: a solid fill (the series that is "fine", e.g. Success or Active). */
  pattern?: keyof typeof SHAPES;
}

export const seriesFill = (chartId: string, series: PatternedSeries & { key: string }) => (series.pattern ? `url(#${chartId}-${series.key})` : series.color);

export function ChartPatterns({ chartId, series }: { chartId: string; series: readonly (PatternedSeries & { key: string })[] }) {
  return (
    <defs>
      {series.map((s) =>
        s.pattern ? (
          <pattern key={s.key} id={`${chartId}-${s.key}`} width={6} height={6} patternUnits="userSpaceOnUse">
            <rect width={6} height={6} fill={s.color} fillOpacity={0.35} />
            {SHAPES[s.pattern](s.color)}
          </pattern>
        ) : null,
      )}
    </defs>
  );
}
