export type {
  Bar,
  Day0,
  Day0Failure,
  Day0Mapping,
  Day0Reason,
  DailyRow,
  DollarImpact,
  EstimationSummary,
  EventStudyInput,
  EventStudyParams,
  EventStudyResult,
  EventStudyWarning,
  ModelName,
  OtherEvent,
  PreparedSeries,
  ReturnsKind,
  VolumeStudy,
  WarningCode,
  WindowCut,
  WindowResult,
} from './types';
export { prepareSeries, prepareBenchmark, returnPrice, RETURNS_KINDS, SERIES_WORDS, type PreparedBenchmark } from './returns';
export { mapDay0, isAfterUsClose, usCloseUtcMs } from './day0';
export {
  runEventStudy,
  DEFAULT_PARAMS,
  MODELS,
  MIN_ESTIMATION_RETURNS,
  DOLLAR_IMPACT_LABEL,
  validateParams,
  requiredEstimationReturns,
} from './event-study';
export { aggregateNarratives, type NarrativeItem, type NarrativeAggregate, type NarrativeEventRow } from './narratives';
export { twoSidedP, ols, mean, sampleVariance, type OlsFit } from './stats';
