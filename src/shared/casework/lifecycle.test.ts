import { describe, expect, it } from 'vitest';
import { caseStatuses, checkTransition, isTransition, type CaseStatus, type TransitionInput } from './lifecycle.ts';

const base: Omit<TransitionInput, 'from' | 'to'> = { role: 'intake', hasAssignee: true, hasLinkedCase: false, outcome: undefined };

describe('case life cycle', () => {
  it('has exactly these steps', () => {
    const edges = [...caseStatuses, 'spam' as const].flatMap((from) => caseStatuses.filter((to) => isTransition(from, to)).map((to) => `${from}>${to}`));
    expect(edges).toEqual([
      'new>triage',
      'new>closed',
      'triage>assigned',
      'triage>closed',
      'assigned>triage',
      'assigned>in_contact',
      'assigned>referred',
      'assigned>closed',
      'in_contact>assigned',
      'in_contact>referred',
      'in_contact>closed',
      'referred>in_contact',
      'referred>closed',
      'closed>triage',
    ]);
  });

  it('refuses a step it does not have, and spam leaves only through the spam review', () => {
    for (const [from, to] of [['new', 'in_contact'], ['new', 'referred'], ['referred', 'assigned'], ['spam', 'new'], ['closed', 'closed']] as [CaseStatus, CaseStatus][]) {
      expect(checkTransition({ ...base, from, to })).toEqual({ kind: 'conflict', error: 'invalid_transition' });
    }
  });

  it('lets only intake reopen a closed case', () => {
    expect(checkTransition({ ...base, from: 'closed', to: 'triage' })).toBeUndefined();
    expect(checkTransition({ ...base, role: 'team', from: 'closed', to: 'triage' })).toEqual({ kind: 'conflict', error: 'invalid_transition' });
  });

  it('needs an outcome to close, an assignee to assign, and a link to close as a duplicate', () => {
    expect(checkTransition({ ...base, from: 'new', to: 'closed' })).toEqual({ kind: 'field', path: 'outcome', code: 'outcome_required' });
    expect(checkTransition({ ...base, from: 'new', to: 'closed', outcome: 'no-action' })).toBeUndefined();
    expect(checkTransition({ ...base, from: 'triage', to: 'assigned', outcome: 'resolved' })).toEqual({ kind: 'field', path: 'outcome', code: 'outcome_not_allowed' });
    expect(checkTransition({ ...base, hasAssignee: false, from: 'triage', to: 'assigned' })).toEqual({ kind: 'field', path: 'status', code: 'assignee_required' });
    expect(checkTransition({ ...base, from: 'new', to: 'closed', outcome: 'duplicate' })).toEqual({ kind: 'field', path: 'outcome', code: 'duplicate_needs_link' });
    expect(checkTransition({ ...base, hasLinkedCase: true, from: 'new', to: 'closed', outcome: 'duplicate' })).toBeUndefined();
  });
});
