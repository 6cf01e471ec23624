/** Medians and spreads of repeated runs: the bench reports the median and how far runs strayed from it. */

export type Spread = { median: number; min: number; max: number; runs: number }

/** The median of the values (the mean of the middle two for an even count). */
export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error('median() needs at least one value; the bench recorded no runs.')
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2
}

/** Median, min and max of repeated measurements. */
export function summarize(values: readonly number[]): Spread {
  return { median: median(values), min: Math.min(...values), max: Math.max(...values), runs: values.length }
}

/** "±12%": the larger distance of min or max from the median, so a reader sees how noisy a row is. */
export function formatNoise(spread: Spread): string {
  if (spread.runs < 2 || spread.median === 0) return 'n=1'
  const worst = Math.max(spread.median - spread.min, spread.max - spread.median) / spread.median
  return `±${Math.round(worst * 100)}%`
}
