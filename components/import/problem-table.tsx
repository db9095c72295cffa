import type { PriceProblem } from '@/lib/csv/price-file/types';
import { fmt } from './upload';

/** The validation report: one row per problem, with its line and column. */
export function ProblemTable({ title, problems, count, kind }: { title: string; problems: PriceProblem[]; count: number; kind: 'error' | 'warning' }) {
  if (count === 0) return null;
  return (
    <div className="imp-table-scroll">
      <table className={`imp-table imp-problems imp-${kind}`}>
        <caption>
          {title} ({fmt(count)}
          {count > problems.length ? `, first ${problems.length} shown` : ''})
        </caption>
        <thead>
          <tr>
            <th scope="col">Line</th>
            <th scope="col">Column</th>
            <th scope="col">Problem</th>
          </tr>
        </thead>
        <tbody>
          {problems.map((p, i) => (
            <tr key={`${p.line}-${p.column ?? ''}-${p.code}-${i}`}>
              <td className="imp-num">{p.line}</td>
              <td>{p.column ?? '—'}</td>
              <td>{withoutPlace(p.message)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The message without its "line N, column X: " prefix, which the table already shows. */
function withoutPlace(message: string): string {
  return message.replace(/^line \d+(, column [^:]+)?: /, '');
}
