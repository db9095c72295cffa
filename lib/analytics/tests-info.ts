// The names of the battery's tests, their result shape, and what each assumes: a module without
// dependencies, so that views can label the tests without loading the statistics.

export const TEST_NAMES = [
  'cross_sectional_t',
  'patell',
  'bmp',
  'kolari_pynnonen',
  'corrado_rank',
  'generalized_sign',
  'wilcoxon',
  'bhar_t',
  'volume_t',
] as const;
export type TestName = (typeof TEST_NAMES)[number];

export type TestResult = {
  statistic: number | null;
  p_value: number | null;
  /** Pairs the statistic is computed on. */
  n: number;
  distribution: 'normal' | 't';
  df?: number;
  /** Why the statistic is null. */
  reason?: string;
  /** Kolari–Pynnönen: the mean pairwise correlation of estimation residuals used. */
  r_bar?: number;
  /** Generalised sign: the expected share of positive abnormal returns, and the pairs with CAR > 0. */
  p_hat?: number;
  positive?: number;
};

export type TestBattery = Record<TestName, TestResult>;

/** What each test is, who proposed it and what it assumes: shown beside the numbers. */
export const TEST_INFO: Record<TestName, { label: string; paper: string; assumes: string }> = {
  cross_sectional_t: {
    label: 'Cross-sectional t',
    paper: 'Brown & Warner (1985)',
    assumes: 'CARs independent across pairs and roughly normal; uses only their cross-sectional spread.',
  },
  patell: {
    label: 'Patell Z',
    paper: 'Patell (1976)',
    assumes: 'Standardised CARs independent across pairs; the event does not change their variance.',
  },
  bmp: {
    label: 'BMP (standardised cross-sectional)',
    paper: 'Boehmer, Musumeci & Poulsen (1991)',
    assumes: 'Pairs independent; allows the event to increase the variance of abnormal returns.',
  },
  kolari_pynnonen: {
    label: 'Kolari–Pynnönen adjusted BMP',
    paper: 'Kolari & Pynnönen (2010)',
    assumes: 'As BMP, corrected for cross-correlation when pairs share event dates (clustering).',
  },
  corrado_rank: {
    label: 'Corrado rank (multi-day)',
    paper: 'Corrado (1989); Campbell & Wasley (1993)',
    assumes: 'No normality: ranks of abnormal returns within each pair; day ranks independent across pairs.',
  },
  generalized_sign: {
    label: 'Generalised sign',
    paper: 'Cowan (1992)',
    assumes: 'No normality: compares the share of positive CARs with the share of positive estimation ARs.',
  },
  wilcoxon: {
    label: 'Wilcoxon signed-rank',
    paper: 'Wilcoxon (1945)',
    assumes: 'No normality: CARs symmetric around their median, independent across pairs.',
  },
  bhar_t: {
    label: 'BHAR t',
    paper: 'Barber & Lyon (1997)',
    assumes: 'Buy-and-hold returns in excess of the benchmark independent across pairs; no model fitted.',
  },
  volume_t: {
    label: 'Abnormal volume t',
    paper: 'Campbell & Wasley (1996)',
    assumes: 'Log volume stationary around its estimation-window mean; CAVs independent across pairs.',
  },
};

