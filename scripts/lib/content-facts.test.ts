import { describe, expect, it } from 'vitest';
import { deployment } from '../../src/shared/deployment.ts';
import { contentFactProblems } from './content-facts.ts';

const check = (text: string) => contentFactProblems(text, deployment, ['fi-FI', 'en-GB']);

describe('the content rule: Markdown pages hold no configured fact', () => {
  it('passes a page that uses placeholders only', () => {
    expect(check('Call {{tel:emergency}} or {{tel:childrenAndYoungPeople}}. Phone hours: {{hours:anchor}}.')).toEqual([]);
  });

  it('fails on a tel: link, whatever number it holds', () => {
    expect(check('Call [112](tel:112).')).toHaveLength(1);
    expect(check('<a href="tel:+35890000000">phone</a>')[0]).toMatch(/tel: link/);
  });

  it('fails on every configured number, written with spaces, dashes or none, with or without the country code', () => {
    for (const number of ['116 111', '116111', '080-005-005', '080 005 005', '+358 9 000 0001', '09 000 0001', '0900000001']) {
      expect(check(`Soita ${number}.`).join(), number).toMatch(/configured number/);
    }
  });

  it('fails on the configured office hours written out', () => {
    expect(check('Puhelinaika ma–pe 8.00–16.00.').join()).toMatch(/configured hours/);
    expect(check('Open 8–16 on weekdays.').join()).toMatch(/configured hours/);
    expect(check('Open 08:00-16:00.').join()).toMatch(/configured hours/);
  });

  it('does not mistake a law number or a date for a configured fact', () => {
    expect(check('Child Welfare Act (417/2007), section 25; updated 2026-11-26; 14 days.')).toEqual([]);
  });
});
