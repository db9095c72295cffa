// Minimal types for the parts of autocannon's programmatic API the bench uses (no @types package).
declare module 'autocannon' {
  type Histogram = { average: number; mean: number; stddev: number; min: number; max: number; p50: number; p90: number; p97_5: number; p99: number; total?: number };
  export type AutocannonResult = {
    url: string;
    requests: Histogram & { sent: number };
    latency: Histogram;
    throughput: Histogram;
    errors: number;
    timeouts: number;
    non2xx: number;
    duration: number;
    connections: number;
    '2xx': number;
  };
  export type AutocannonOptions = { url: string; connections?: number; duration?: number; pipelining?: number; timeout?: number; method?: string; headers?: Record<string, string> };
  function autocannon(options: AutocannonOptions): Promise<AutocannonResult>;
  export default autocannon;
}
