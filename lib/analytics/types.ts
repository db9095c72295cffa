/** Shared types of the event-study engine (pure; no I/O). */

export type Bar = { date: string /* YYYY-MM-DD */; close: number; adj_close: number | null; volume?: number | null };

export type ModelName = 'market' | 'market-adjusted' | 'constant-mean';

/** Daily returns: simple P_t/P_{t-1} − 1 (the default) or log ln(P_t/P_{t-1}). */
export type ReturnsKind = 'simple' | 'log';

export type EventStudyParams = {
  model: ModelName;
  /** Number of trading days in the estimation window (default 120). */
  estimation: number;
  /** Trading days between the estimation window and day 0 (default 10 → window ends at day -11). */
  gap: number;
  /** Event windows [t1, t2] in trading days relative to day 0 (inclusive). */
  windows: Array<[number, number]>;
};

export type Day0Reason = 'same day' | 'weekend/holiday' | 'after close';

/** Successful day-0 mapping: `index` is the position in the calendar. */
export type Day0 = { date: string; index: number; reason: Day0Reason };
/** Failed day-0 mapping (event outside the calendar, invalid input...). */
export type Day0Failure = { date: null; index: null; reason: string };
export type Day0Mapping = Day0 | Day0Failure;

/**
 * Ticker and benchmark returns aligned on the benchmark's trading calendar.
 * `ret[i]` / `mret[i]` are returns (simple or log, see `returns`) from calendar day i-1 to i
 * (NaN when missing); `close[i]` is the ticker's raw close on calendar day i (NaN when the
 * ticker has no bar); `volume[i]` its volume that day (NaN when unknown).
 * `gaps[i]` counts the days 0..i where ret or mret is missing, `retGaps[i]` those where ret is
 * (so a fit can tell in O(1) that its window is complete).
 * `end` = number of calendar days usable (days after the asOf given to prepareSeries excluded).
 */
export type PreparedSeries = {
  calendar: string[];
  ret: Float64Array;
  mret: Float64Array;
  close: Float64Array;
  volume: Float64Array;
  /** ln(1 + volume) per day, when prepareSeries was asked for it (the battery reads it for many pairs). */
  logVolume: Float64Array | null;
  gaps: Int32Array;
  retGaps: Int32Array;
  end: number;
  asOf: string | null;
  returns: ReturnsKind;
};

/**
 * Another event of the same ticker, for overlap warnings. `day0` may carry its day-0 index on
 * the series' calendar, mapped once by the caller, so many studies need not re-map every event.
 */
export type OtherEvent = { id: string; title?: string; date: string; time_utc?: string | null; day0?: number | null };

type EventStudyInputBase = {
  event: { id: string; date: string; time_utc?: string | null };
  ticker: string;
  benchmark: string;
  params: EventStudyParams;
  asOf?: string | null;
  otherEvents?: OtherEvent[];
  sharesOutstanding?: number | null;
  /** false: leave `result.daily` empty (summary reads and batches need only the windows). Default true. */
  daily?: boolean;
  /** true: add `result.volume`, the abnormal volume over the same days and windows. */
  volume?: boolean;
};

export type EventStudyInput = EventStudyInputBase &
  (
    | { tickerBars: Bar[]; benchmarkBars: Bar[]; series?: undefined }
    | { series: PreparedSeries; tickerBars?: undefined; benchmarkBars?: undefined }
  );

export type WarningCode = 'overlap_event_window' | 'overlap_estimation_window' | 'window_cut' | 'missing_returns';
export type EventStudyWarning = { code: WarningCode; message: string; event_id?: string };

export type WindowCut = 'asOf' | 'end_of_data' | null;

export type DollarImpact = { usd: number; label: 'estimate: CAR × market value at close of day t1-1' };

export type EstimationSummary = {
  start: string;
  end: string;
  n: number;
  alpha: number | null;
  beta: number | null;
  sigma: number;
  df: number;
  r2: number | null;
};

export type DailyRow = {
  day: number;
  date: string;
  return: number | null;
  benchmark_return: number | null;
  expected: number | null;
  ar: number | null;
  car: number;
};

export type WindowResult = {
  from: number;
  to: number;
  car: number | null;
  t: number | null;
  p: number | null;
  n: number;
  cut: WindowCut;
  dollar_impact: DollarImpact | null;
};

/** Abnormal log volume v = ln(1 + volume) − its estimation-window mean (the AR/CAR chart's volume mode). */
export type VolumeStudy = {
  /** Why there is no abnormal volume (then estimation is null and the lists are empty). */
  reason: string | null;
  estimation: { n: number; mean: number; sd: number } | null;
  daily: { day: number; date: string; volume: number | null; av: number | null; cav: number }[];
  /** CAV over each window's days with a volume; t = CAV / (sd · √n). */
  windows: { from: number; to: number; cav: number | null; t: number | null; n: number }[];
};

export type EventStudyResult = {
  event_id: string;
  ticker: string;
  benchmark: string;
  model: ModelName;
  day0: { date: string; reason: Day0Reason } | null;
  result: null | {
    estimation: EstimationSummary;
    daily: DailyRow[];
    windows: WindowResult[];
    /** Only when the input asks for volume. */
    volume?: VolumeStudy;
  };
  reason: string | null;
  warnings: EventStudyWarning[];
};
