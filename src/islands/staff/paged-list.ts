import { useCallback, useEffect, useState } from 'react';
import { useStaff } from './context.ts';
import { problemText } from './messages.ts';
import { asQueuePage, type QueueRow } from './types.ts';

/** A keyset-paged list of cases: the first page on mount, more on demand. */
export interface PagedList {
  readonly rows: readonly QueueRow[];
  readonly state: 'loading' | 'ready' | 'failed';
  /** Why the last request failed, in words. */
  readonly problem: string | undefined;
  readonly hasMore: boolean;
  readonly loadingMore: boolean;
  readonly loadMore: () => Promise<number>;
  /** Drops a row (restored from spam, say) without asking the server again. */
  readonly remove: (id: string) => void;
  readonly reload: () => void;
}

/**
 * Pages through `GET /api/staff<path>` (the queue or the spam review) with
 * the server's cursor: "Load more" asks for the page after the last row, so
 * rows never repeat or go missing when cases change in between.
 */
export function usePagedList(path: string, query: URLSearchParams): PagedList {
  const { t, has, api } = useStaff();
  const [rows, setRows] = useState<readonly QueueRow[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [state, setState] = useState<PagedList['state']>('loading');
  const [problem, setProblem] = useState<string | undefined>();
  const [loadingMore, setLoadingMore] = useState(false);
  const [round, setRound] = useState(0);
  const base = query.toString();

  const fetchPage = useCallback(
    async (after: string | null) => {
      const params = new URLSearchParams(base);
      if (after) params.set('after', after);
      const response = await api.get(`${path}?${params.toString()}`);
      const page = response.status === 200 ? asQueuePage(response.body) : undefined;
      return page ? { page } : { problem: problemText(t, has, response) };
    },
    [api, base, path, t, has],
  );

  useEffect(() => {
    let live = true;
    setState('loading');
    void fetchPage(null).then((result) => {
      if (!live) return;
      if (result.page) {
        setRows(result.page.rows);
        setCursor(result.page.nextCursor);
        setState('ready');
      } else {
        setProblem(result.problem);
        setState('failed');
      }
    });
    return () => {
      live = false;
    };
  }, [fetchPage, round]);

  const loadMore = async (): Promise<number> => {
    if (!cursor || loadingMore) return 0;
    setLoadingMore(true);
    const result = await fetchPage(cursor);
    setLoadingMore(false);
    if (!result.page) {
      setProblem(result.problem);
      return 0;
    }
    setProblem(undefined);
    const more = result.page.rows;
    setRows((old) => [...old, ...more]);
    setCursor(result.page.nextCursor);
    return more.length;
  };

  return {
    rows,
    state,
    problem,
    hasMore: cursor !== null,
    loadingMore,
    loadMore,
    remove: (id) => setRows((old) => old.filter((r) => r.id !== id)),
    reload: () => setRound((n) => n + 1),
  };
}
