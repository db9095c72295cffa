'use client';
// Posting one write command from a form: field problems, conflicts (409 with the events the
// editor has not seen), and, on success, fresh data everywhere (React Query + router.refresh()).
import { useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useCallback, useState } from 'react';
import { queryKeys } from '@/lib/query-keys';

export type Problem = { field: string; message: string };
export type CommandResult = { id: string; version: number; position: number };
export type UnseenEvent = {
  position: number;
  stream_version: number;
  type: string;
  data: unknown;
  metadata: { actor?: string | null; reason?: string | null } & Record<string, unknown>;
  recorded_at: string;
};
export type Conflict = { currentVersion: number; unseen: UnseenEvent[]; message: string };

type State = { pending: boolean; problems: Problem[]; formError: string | null; conflict: Conflict | null; result: CommandResult | null };

const initial: State = { pending: false, problems: [], formError: null, conflict: null, result: null };

function newKey(): string {
  return typeof crypto !== 'undefined' && 'randomUUID' in crypto ? crypto.randomUUID() : `k-${Date.now()}-${Math.random().toString(36).slice(2)}`;
}

export function useCommand(url: string, options: { onDone?: (result: CommandResult) => void } = {}) {
  const [state, setState] = useState<State>(initial);
  const queryClient = useQueryClient();
  const router = useRouter();
  const { onDone } = options;

  const submit = useCallback(
    async (body: Record<string, unknown>): Promise<CommandResult | null> => {
      setState((s) => ({ ...s, pending: true, formError: null }));
      let res: Response;
      try {
        res = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', accept: 'application/json', 'idempotency-key': newKey() },
          body: JSON.stringify(body),
          credentials: 'same-origin',
        });
      } catch {
        setState({ ...initial, formError: 'The server could not be reached. Nothing was saved; try again.' });
        return null;
      }
      let json: Record<string, unknown> = {};
      try {
        json = (await res.json()) as Record<string, unknown>;
      } catch {
        /* a non-JSON answer: handled below by status */
      }
      if (res.status === 201) {
        const result = json as unknown as CommandResult;
        setState({ ...initial, result });
        await queryClient.invalidateQueries({ queryKey: queryKeys.all });
        router.refresh();
        onDone?.(result);
        return result;
      }
      const problems = Array.isArray(json.problems) ? (json.problems as Problem[]) : [];
      if (res.status === 409 && typeof json.current_version === 'number') {
        setState({
          ...initial,
          conflict: { currentVersion: json.current_version, unseen: (json.unseen_events as UnseenEvent[] | undefined) ?? [], message: String(json.message ?? '') },
        });
        return null;
      }
      const formError =
        res.status === 401
          ? 'Your session has ended. Sign in again to save this change.'
          : res.status === 429
            ? `Too many changes at once. Wait ${res.headers.get('retry-after') ?? 'a few'} seconds and try again.`
            : problems.length === 0
              ? String(json.message ?? `The server refused the change (HTTP ${res.status}).`)
              : null;
      setState({ ...initial, problems, formError });
      return null;
    },
    [url, queryClient, router, onDone],
  );

  const reset = useCallback(() => setState(initial), []);
  return { ...state, submit, reset };
}

/** Messages for the inputs whose API field path is `path` or lies under it. */
export function problemsFor(problems: Problem[], ...paths: string[]): string[] {
  return problems.filter((p) => paths.some((path) => p.field === path || p.field.startsWith(`${path}.`))).map((p) => p.message);
}

/** Problems that no input on the form shows: listed at the top of the form. */
export function unclaimed(problems: Problem[], shown: readonly string[]): Problem[] {
  return problems.filter((p) => !shown.some((path) => p.field === path || p.field.startsWith(`${path}.`)));
}
