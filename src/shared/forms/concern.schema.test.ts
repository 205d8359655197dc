import { describe, expect, it } from 'vitest';
import { ageBandFromConcern, concernSchema, helsinkiDate, isIsoDate, type ConcernInput } from './concern.schema.ts';
import { formErrors } from './fields.ts';
import { issuesOf, readUiStrings } from '../../../tests/support/ui-strings.ts';

const valid: ConcernInput = {
  organisation: 'Example school',
  role: 'School social worker',
  name: 'Maria Example',
  workPhone: '09 310 12345',
  workEmail: 'maria@example.fi',
  childName: 'Child Example',
  childDateOfBirth: '2012-03-27',
  school: 'Example school',
  schoolClass: '7B',
  categories: ['school-absence', 'substances'],
  urgency: 'normal',
  guardiansKnow: 'unknown',
  notificationMade: 'yes',
  description: 'Absent for three weeks; seen with older young people at night.',
};

const parse = (patch: Partial<Record<keyof ConcernInput, unknown>>) => concernSchema.safeParse({ ...valid, ...patch });

describe('concernSchema', () => {
  it('accepts a complete answer', () => {
    expect(issuesOf(parse({}))).toEqual([]);
  });

  it('accepts the age alone, or the date of birth alone', () => {
    expect(issuesOf(parse({ childDateOfBirth: undefined, childAge: 13 }))).toEqual([]);
    expect(issuesOf(parse({ childDateOfBirth: '', childAge: 0 }))).toEqual([]);
    expect(issuesOf(parse({ childAge: undefined }))).toEqual([]);
  });

  it('accepts a child born today in Helsinki', () => {
    expect(issuesOf(parse({ childDateOfBirth: helsinkiDate(new Date()) }))).toEqual([]);
  });

  it.each([
    ['organisation', { organisation: ' ' }, formErrors.required],
    ['role', { role: undefined }, formErrors.required],
    ['name', { name: 'a'.repeat(201) }, formErrors.tooLong],
    ['workPhone', { workPhone: '' }, formErrors.required],
    ['workPhone', { workPhone: 'switchboard' }, formErrors.phone],
    ['workEmail', { workEmail: '' }, formErrors.required],
    ['workEmail', { workEmail: 'maria.example.fi' }, formErrors.email],
    ['childName', { childName: '' }, formErrors.required],
    ['childAge', { childDateOfBirth: undefined, childAge: undefined }, formErrors.childAge],
    ['childAge', { childDateOfBirth: '  ', childAge: undefined }, formErrors.childAge],
    ['childAge', { childAge: 26 }, formErrors.childAgeRange],
    ['childAge', { childAge: -1 }, formErrors.childAgeRange],
    ['childAge', { childAge: 12.5 }, formErrors.childAgeRange],
    ['childAge', { childAge: '12' }, formErrors.childAgeRange],
    ['childDateOfBirth', { childDateOfBirth: '2012-02-30' }, formErrors.date],
    ['childDateOfBirth', { childDateOfBirth: '27.3.2012' }, formErrors.date],
    ['childDateOfBirth', { childDateOfBirth: '1989-12-31' }, formErrors.dateTooEarly],
    ['childDateOfBirth', { childDateOfBirth: '2999-01-01' }, formErrors.dateFuture],
    ['school', { school: 'a'.repeat(101) }, formErrors.tooLong],
    ['schoolClass', { schoolClass: 'a'.repeat(101) }, formErrors.tooLong],
    ['categories', { categories: [] }, formErrors.categories],
    ['categories.0', { categories: ['burglary'] }, formErrors.categories],
    ['urgency', { urgency: 'asap' }, formErrors.choose],
    ['guardiansKnow', { guardiansKnow: undefined }, formErrors.choose],
    ['notificationMade', { notificationMade: 'maybe' }, formErrors.choose],
    ['description', { description: '' }, formErrors.required],
    ['description', { description: 'a'.repeat(4001) }, formErrors.tooLong],
  ])('fails on %s with its key (%j)', (path, patch, message) => {
    expect(issuesOf(parse(patch))).toEqual([`${path}: ${message}`]);
  });

  it('asks for the age even when other fields fail too', () => {
    const result = parse({ childDateOfBirth: undefined, description: '' });
    expect(issuesOf(result).sort()).toEqual([`childAge: ${formErrors.childAge}`, `description: ${formErrors.required}`]);
  });

  it('gives messages that are keys in every language', () => {
    const issues = concernSchema.safeParse({ childDateOfBirth: '2999-99-99', childAge: 99 }).error?.issues ?? [];
    expect(issues.length).toBeGreaterThan(10);
    const ui = readUiStrings();
    for (const issue of issues) {
      for (const [code, strings] of Object.entries(ui)) expect(strings[issue.message], `${code}: ${issue.message}`).toBeTruthy();
    }
  });
});

describe('isIsoDate', () => {
  it('knows real dates from impossible ones', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2023-02-29')).toBe(false);
    expect(isIsoDate('2023-13-01')).toBe(false);
    expect(isIsoDate('2023-1-01')).toBe(false);
  });
});

describe('helsinkiDate', () => {
  it('uses the Helsinki calendar day, not UTC', () => {
    // 22:30 UTC on 31 December is already 1 January in Helsinki (UTC+2).
    expect(helsinkiDate(new Date('2024-12-31T22:30:00Z'))).toBe('2025-01-01');
    expect(helsinkiDate(new Date('2024-06-30T20:59:00Z'))).toBe('2024-06-30');
  });
});

describe('ageBandFromConcern', () => {
  const today = new Date('2026-06-15T09:00:00Z');
  it.each([
    [{ childDateOfBirth: '2014-06-16' }, 'under-12'],
    [{ childDateOfBirth: '2014-06-15' }, '12-14'],
    [{ childDateOfBirth: '2011-06-16' }, '12-14'],
    [{ childDateOfBirth: '2011-06-15' }, '15-17'],
    [{ childDateOfBirth: '2008-06-16' }, '15-17'],
    [{ childDateOfBirth: '2008-06-15' }, '18-plus'],
    [{ childAge: 0 }, 'under-12'],
    [{ childAge: 11 }, 'under-12'],
    [{ childAge: 12 }, '12-14'],
    [{ childAge: 14 }, '12-14'],
    [{ childAge: 15 }, '15-17'],
    [{ childAge: 17 }, '15-17'],
    [{ childAge: 18 }, '18-plus'],
    [{ childDateOfBirth: '2020-01-01', childAge: 16 }, 'under-12'],
    [{ childDateOfBirth: 'bad', childAge: 16 }, '15-17'],
    [{}, undefined],
  ] as const)('%j gives %s', (data, band) => {
    expect(ageBandFromConcern(data, today)).toBe(band);
  });

  it('counts the birthday on the Helsinki date', () => {
    // 21:30 UTC on 14 June is 15 June in Helsinki: the twelfth birthday has come.
    expect(ageBandFromConcern({ childDateOfBirth: '2014-06-15' }, new Date('2026-06-14T21:30:00Z'))).toBe('12-14');
  });
});
