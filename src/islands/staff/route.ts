/**
 * The staff app's views, kept in the URL fragment so that the browser's back
 * button, a reload and the language switch keep the view. A fragment holds
 * only ids, references, filters and months: never a name, a phone number or
 * free text (they would land in the history and on a shared screen).
 */

/** The queue's filters, as the list API takes them. */
export interface QueueFilters {
  readonly queue?: string | undefined;
  /** `open` (every status but closed), `all`, or one status. */
  readonly status: string;
  readonly priority?: string | undefined;
  readonly overdue: boolean;
  readonly mine: boolean;
}

/** One view of the app. */
export type Route =
  | { readonly view: 'home' }
  | { readonly view: 'queue'; readonly filters: QueueFilters }
  | { readonly view: 'case'; readonly id: string }
  | { readonly view: 'print'; readonly id: string }
  | { readonly view: 'spam' }
  | { readonly view: 'users' }
  | { readonly view: 'audit'; readonly reference?: string | undefined }
  | { readonly view: 'stats'; readonly from?: string | undefined; readonly to?: string | undefined };

/** The queue's filters when none are chosen: open cases of every queue. */
export const defaultFilters: QueueFilters = { status: 'open', overdue: false, mine: false };

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const month = /^\d{4}-(0[1-9]|1[0-2])$/;
const word = /^[a-z_-]{1,40}$/;

const optional = (value: string | null, pattern: RegExp): string | undefined => (value && pattern.test(value) ? value : undefined);

/** The view a fragment names ("#/case/<id>"); anything unknown is the home view. */
export function parseRoute(hash: string): Route {
  const raw = hash.replace(/^#\/?/, '');
  const [path = '', search = ''] = raw.split('?', 2);
  const query = new URLSearchParams(search);
  const parts = path.split('/').filter(Boolean);
  const [first, second, third] = parts;
  switch (first) {
    case 'queue':
      return {
        view: 'queue',
        filters: {
          queue: optional(query.get('queue'), word),
          status: optional(query.get('status'), word) ?? 'open',
          priority: optional(query.get('priority'), /^[123]$/),
          overdue: query.get('overdue') === '1',
          mine: query.get('mine') === '1',
        },
      };
    case 'case':
      if (second && uuid.test(second)) return third === 'print' ? { view: 'print', id: second.toLowerCase() } : { view: 'case', id: second.toLowerCase() };
      return { view: 'home' };
    case 'spam':
    case 'users':
      return { view: first };
    case 'audit':
      // A reference as typed: letters, digits and dashes only.
      return { view: 'audit', reference: optional(query.get('ref'), /^[\p{L}\p{N}\s-]{1,40}$/u) };
    case 'stats':
      return { view: 'stats', from: optional(query.get('from'), month), to: optional(query.get('to'), month) };
    default:
      return { view: 'home' };
  }
}

/** The fragment of a view, the inverse of {@link parseRoute}. */
export function routeHash(route: Route): string {
  const withQuery = (path: string, entries: [string, string | undefined | false][]) => {
    const query = new URLSearchParams(entries.filter((e): e is [string, string] => typeof e[1] === 'string' && e[1] !== ''));
    const text = query.toString();
    return `#/${path}${text ? `?${text}` : ''}`;
  };
  switch (route.view) {
    case 'home':
      return '#/';
    case 'queue': {
      const f = route.filters;
      return withQuery('queue', [
        ['queue', f.queue],
        ['status', f.status === 'open' ? undefined : f.status],
        ['priority', f.priority],
        ['overdue', f.overdue && '1'],
        ['mine', f.mine && '1'],
      ]);
    }
    case 'case':
      return `#/case/${route.id}`;
    case 'print':
      return `#/case/${route.id}/print`;
    case 'spam':
    case 'users':
      return `#/${route.view}`;
    case 'audit':
      return withQuery('audit', [['ref', route.reference]]);
    case 'stats':
      return withQuery('stats', [
        ['from', route.from],
        ['to', route.to],
      ]);
  }
}

/** The views of each role, the first being where the role starts. */
export const roleViews = {
  intake: ['queue', 'spam'],
  team: ['queue'],
  admin: ['users', 'audit', 'stats'],
} as const satisfies Record<string, readonly Route['view'][]>;

/** Whether a role may open a view (the API refuses the rest anyway; this keeps the app from offering them). */
export function mayOpen(role: keyof typeof roleViews, view: Route['view']): boolean {
  if (view === 'home') return true;
  if (view === 'case' || view === 'print') return role !== 'admin';
  return (roleViews[role] as readonly string[]).includes(view);
}
