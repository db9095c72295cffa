// Product-wide defaults. Kept in one place so the API, the UI and the exports agree.
export const DEFAULT_BENCHMARK = 'SPY';
export const DEFAULT_SUBJECT = 'NVDA';
