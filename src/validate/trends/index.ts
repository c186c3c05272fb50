export {
  clusterTrends,
  DEFAULT_TREND_OPTIONS,
  type ClusterTrend,
  type TrendInput,
  type TrendInfo,
  type TrendOptions,
  type TrendResult,
} from './cluster-trends.js';
export { peltShareChanges, shareDispersion, type PeltOptions, type ShareChange } from './pelt.js';
export { periodLabel, periodOrdinal, parseDay, type PeriodKind } from './periods.js';
