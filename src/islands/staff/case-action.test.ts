import { describe, expect, it } from 'vitest';
import { makeTranslate } from '../../ui/translate.ts';
import { isStale, withChange } from './case-action.ts';
import { problemText, fieldErrorText } from './messages.ts';
import type { CaseDetail, ChangedCase } from './types.ts';

const detail: CaseDetail = {
  contactPreferences: { noVoicemail: true },
  contactDetails: { phone: '040 123 4567' },
  answers: { description: 'text' },
  case: {
    id: 'c1',
    reference: 'KT7M3XQP',
    referenceFormatted: 'KT7M-3XQP',
    version: 3,
    kind: 'contact',
    locale: 'fi',
    writer: 'self',
    status: 'triage',
    proposedQueue: 'police',
    queue: 'youth-work',
    priority: 2,
    urgency: 'normal',
    dueAt: '2026-03-01T10:00:00.000Z',
    overdue: true,
    assignee: { id: 'u1', email: 'a@anchor.test' },
    categories: ['crime'],
    ageBand: '15-17',
    outcome: null,
    closedAt: null,
    firstContactAt: null,
    createdAt: '2026-02-27T10:00:00.000Z',
    updatedAt: '2026-02-27T10:00:00.000Z',
  },
  contactAttempts: [],
  notes: [],
  events: [],
  linkedCase: null,
  linkedFrom: [],
};

const changed = (over: Partial<ChangedCase>): ChangedCase => ({
  id: 'c1',
  reference: 'KT7M3XQP',
  version: 4,
  status: 'triage',
  proposedQueue: 'police',
  queue: 'youth-work',
  priority: 2,
  dueAt: '2026-03-01T10:00:00.000Z',
  assigneeId: 'u1',
  outcome: null,
  closedAt: null,
  firstContactAt: null,
  linkedCaseId: null,
  ...over,
});

const now = Date.parse('2026-03-02T08:00:00Z');

describe('a case after an action', () => {
  it('takes the server\'s fields and version, and adds what the page knows: a note, an attempt, a step', () => {
    const after = withChange(detail, changed({ status: 'in_contact', firstContactAt: '2026-03-02T07:00:00.000Z' }), { note: 'Called', attempt: { at: '2026-03-02T07:00:00.000Z', method: 'phone', outcome: 'reached' }, event: { type: 'note', detail: {} } }, 'me@anchor.test', now);
    expect(after.case).toMatchObject({ version: 4, status: 'in_contact', overdue: false, assignee: { id: 'u1', email: 'a@anchor.test' } });
    expect(after.notes).toEqual([{ id: expect.any(String), createdAt: new Date(now).toISOString(), authorEmail: 'me@anchor.test', text: 'Called' }]);
    expect(after.contactAttempts).toMatchObject([{ method: 'phone', outcome: 'reached', recordedBy: 'me@anchor.test' }]);
    expect(after.events).toMatchObject([{ type: 'note', actorEmail: 'me@anchor.test' }]);
    // The rest is the same objects: the personal data is not fetched again.
    expect(after.contactDetails).toBe(detail.contactDetails);
  });

  it('names a new assignee, clears one, and is overdue only while open and not contacted', () => {
    expect(withChange(detail, changed({ assigneeId: 'u2' }), { assigneeEmail: 'b@anchor.test' }, 'me', now).case.assignee).toEqual({ id: 'u2', email: 'b@anchor.test' });
    expect(withChange(detail, changed({ assigneeId: null }), {}, 'me', now).case.assignee).toBeNull();
    expect(withChange(detail, changed({}), {}, 'me', now).case.overdue).toBe(true);
    expect(withChange(detail, changed({ status: 'closed', outcome: 'resolved' }), {}, 'me', now).case.overdue).toBe(false);
  });
});

describe('refusals in words', () => {
  const strings = {
    'staff.apiError.stale_version': 'Changed by someone else',
    'staff.apiError.invalid_transition': 'Not from this status',
    'staff.apiError.forbidden': 'No access',
    'staff.apiError.not_found': 'Not found',
    'staff.apiError.invalid_assignee': 'Cannot hold it',
    'staff.problem.offline': 'Offline',
    'staff.problem.server': 'Server',
    'staff.problem.tooMany': 'Too many',
    'form.error.invalid': 'Invalid',
  };
  const t = makeTranslate(strings);
  const has = (key: string) => key in strings;

  it('says what each answer means', () => {
    expect(isStale({ status: 409, body: { error: 'stale_version' } })).toBe(true);
    expect(isStale({ status: 409, body: { error: 'invalid_transition' } })).toBe(false);
    expect(problemText(t, has, { status: 409, body: { error: 'invalid_transition' } })).toBe('Not from this status');
    expect(problemText(t, has, { status: 403, body: { error: 'something_new' } })).toBe('No access');
    expect(problemText(t, has, { status: 0, body: undefined })).toBe('Offline');
    expect(problemText(t, has, { status: 502, body: undefined })).toBe('Server');
    expect(problemText(t, has, { status: 429, body: undefined })).toBe('Too many');
    expect(problemText(t, has, { status: 400, body: { errors: [{ path: 'assigneeId', code: 'invalid_assignee' }] } })).toBe('Cannot hold it');
    expect(fieldErrorText(t, has, { path: 'x', code: 'brand_new_code' })).toBe('Invalid');
    expect(fieldErrorText(t, has, { path: 'password', code: 'weak', message: 'Too easy to guess' })).toBe('Too easy to guess');
  });
});
