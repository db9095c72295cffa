// How problems are worded and collected: every message starts with where it is ("line 7,
// column close: ..."), and a file with a million bad rows keeps only the first MAX_REPORTED
// of each kind while still counting them all.
import { MAX_REPORTED, type PriceProblem, type PriceProblemCode } from './types';

export function where(line: number, column: string | null): string {
  return column === null ? `line ${line}` : `line ${line}, column ${column}`;
}

/** A cell value for a message: as is when plain, JSON-quoted when empty or containing spaces/quotes. */
export function show(value: string): string {
  const v = value.length > 40 ? `${value.slice(0, 40)}…` : value;
  return v === '' || /[\s"\\]/.test(v) ? JSON.stringify(v) : v;
}

export class ProblemLog {
  readonly errors: PriceProblem[] = [];
  errorCount = 0;
  readonly warnings: PriceProblem[] = [];
  warningCount = 0;

  error(line: number, column: string | null, code: PriceProblemCode, message: string): PriceProblem {
    const p: PriceProblem = { line, column, code, message, severity: 'error' };
    this.errorCount += 1;
    if (this.errors.length < MAX_REPORTED) this.errors.push(p);
    return p;
  }

  warning(line: number, column: string | null, code: PriceProblemCode, message: string): PriceProblem {
    const p: PriceProblem = { line, column, code, message, severity: 'warning' };
    this.warningCount += 1;
    if (this.warnings.length < MAX_REPORTED) this.warnings.push(p);
    return p;
  }

  /** An error that must be seen whatever came before (the file was cut short): first in `errors`, past the cap. */
  errorFirst(line: number, column: string | null, code: PriceProblemCode, message: string): void {
    this.errorCount += 1;
    this.errors.unshift({ line, column, code, message, severity: 'error' });
    if (this.errors.length > MAX_REPORTED) this.errors.pop();
  }
}
