import { describe, expect, it } from 'vitest';
import { auditActions } from '../../server/audit/chain.ts';
import { checkTransition, caseStatuses as serverStatuses, outcomes as serverOutcomes, type CaseStatus } from '../../src/shared/casework/lifecycle.ts';
import { contactMethods, contactOutcomes, purposes as serverPurposes } from '../../server/casework/requests.ts';
import { queues as serverQueues } from '../../server/intake/routing.ts';
import { staffRoles } from '../../server/staff/users.ts';
import { localeCodes } from '../../src/i18n/locales.ts';
import { uiStrings } from '../../src/i18n/t.ts';
import { attemptMethods, attemptOutcomes, caseStatuses, nextStatuses, outcomes, purposes, queues, roles } from '../../src/islands/staff/types.ts';

// The browser may not import the server's values (only its types), so the staff
// app keeps copies of a few lists; this keeps them equal to the server's.
describe('the staff app lists agree with the server', () => {
  it('has the same queues, statuses, outcomes, purposes, contact methods and outcomes, and roles', () => {
    expect(queues).toEqual(serverQueues);
    expect(caseStatuses).toEqual(serverStatuses);
    expect(outcomes).toEqual(serverOutcomes);
    expect(purposes).toEqual(serverPurposes);
    expect(attemptMethods).toEqual(contactMethods);
    expect(attemptOutcomes).toEqual(contactOutcomes);
    expect(roles).toEqual(staffRoles);
  });

  it('offers exactly the status changes the server takes (with an outcome for closing)', () => {
    for (const role of ['intake', 'team'] as const) {
      for (const from of serverStatuses) {
        for (const hasAssignee of [true, false]) {
          const offered = nextStatuses(from, role, hasAssignee);
          const accepted = serverStatuses.filter(
            (to) =>
              checkTransition({ from: from as CaseStatus, to, role, hasAssignee, hasLinkedCase: false, outcome: to === 'closed' ? 'resolved' : undefined }) === undefined,
          );
          expect(offered, `${role} from ${from}${hasAssignee ? ' with assignee' : ''}`).toEqual(accepted);
        }
      }
    }
  });

  it('names every value in fi, sv and en', () => {
    const groups: [string, readonly string[]][] = [
      ['staff.queue', serverQueues],
      ['staff.status', [...serverStatuses, 'spam']],
      ['staff.outcome', serverOutcomes],
      ['staff.purpose', serverPurposes],
      ['staff.attempt.method', contactMethods],
      ['staff.attempt.outcome', contactOutcomes],
      ['staff.role', staffRoles],
      ['staff.action', auditActions],
      ['staff.lang', [...localeCodes, 'other']],
    ];
    for (const code of ['fi', 'sv', 'en'] as const) {
      for (const [group, values] of groups) {
        for (const value of values) expect(uiStrings[code][`${group}.${value}`], `${code} ${group}.${value}`).toBeTruthy();
      }
    }
  });
});
