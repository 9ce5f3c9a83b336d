import { InvalidPropsError, requireIntegerInRange } from './validation';

/** Task counts of an autoscaled service. */
export interface ServiceCounts {
  /** Tasks at first deploy; autoscaling owns the count afterwards. */
  readonly desiredCount: number;
  readonly minCount: number;
  readonly maxCount: number;
}

export function requireServiceCounts(constructName: string, counts: ServiceCounts): ServiceCounts {
  requireIntegerInRange(constructName, 'minCount', counts.minCount, 1, 1000);
  requireIntegerInRange(constructName, 'maxCount', counts.maxCount, 1, 1000);
  requireIntegerInRange(constructName, 'desiredCount', counts.desiredCount, 1, 1000);
  if (counts.minCount > counts.maxCount) {
    throw new InvalidPropsError(constructName, `minCount (${counts.minCount}) must not exceed maxCount (${counts.maxCount})`);
  }
  if (counts.desiredCount < counts.minCount || counts.desiredCount > counts.maxCount) {
    throw new InvalidPropsError(
      constructName,
      `desiredCount (${counts.desiredCount}) must lie between minCount (${counts.minCount}) and maxCount (${counts.maxCount})`,
    );
  }
  return counts;
}
