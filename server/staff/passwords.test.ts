import { hash } from '@node-rs/argon2';
import { describe, expect, it } from 'vitest';
import { dummyPasswordHash, emailParts, hashPassword, needsRehash, passwordProblem, verifyPassword } from './passwords.ts';

describe('new password rules', () => {
  it('refuses common and keyboard passwords in English and Finnish, however long', () => {
    for (const password of ['password1234', 'salasana1234', 'qwertyuiop12', 'Salasana2024', 'asdfghjkl123', 'Password123!']) {
      expect(passwordProblem(password, 'someone@anchor.test'), password).toMatchObject({ problem: 'weak' });
    }
  });

  it('refuses fewer than 12 characters (counting letters, not bytes) and more than 256', () => {
    expect(passwordProblem('Tq7#mZ!pL2v', 'a@anchor.test')).toEqual({ problem: 'too_short' });
    expect(passwordProblem('äöåäöåäöåäöå', 'a@anchor.test')?.problem).not.toBe('too_short');
    expect(passwordProblem('x'.repeat(257), 'a@anchor.test')).toEqual({ problem: 'too_long' });
  });

  it('counts the person’s own email address as guessable', () => {
    expect(emailParts('Mikko.Virtanen@hel.fi')).toEqual(expect.arrayContaining(['mikko.virtanen@hel.fi', 'mikko.virtanen', 'mikko', 'virtanen', 'hel.fi']));
    expect(passwordProblem('mikko.virtanen2026', 'mikko.virtanen@hel.fi')).toMatchObject({ problem: 'weak' });
    expect(passwordProblem('Mikko.Virtanen@hel.fi', 'mikko.virtanen@hel.fi')).toMatchObject({ problem: 'weak' });
  });

  it('judges the password as it is hashed (NFKC): fullwidth or ligature letters are no stronger than the plain ones', () => {
    const fullwidth = 'ｐａｓｓｗｏｒｄｐａｓｓｗｏｒｄ';
    expect(fullwidth.normalize('NFKC')).toBe('passwordpassword');
    expect(passwordProblem('passwordpassword', 'a@anchor.test')?.problem).toBe('weak');
    expect(passwordProblem(fullwidth, 'a@anchor.test')?.problem).toBe('weak');
    // Four ligatures are twelve letters once normalised: long enough, and judged on those letters.
    expect(passwordProblem('ﬃﬃﬃﬃ', 'a@anchor.test')?.problem).toBe('weak');
  });

  it('accepts long passphrases and random passwords', () => {
    for (const password of ['Lumikko-sulkapallo-74-Hiidenkivi', 'Tq7#mZ!pL2vx', 'correct horse battery staple']) {
      expect(passwordProblem(password, 'someone@anchor.test'), password).toBeUndefined();
    }
  });
});

describe('password hashes', () => {
  it('are argon2id with 64 MiB, 2 passes and a salt of their own', async () => {
    const a = await hashPassword('Lumikko-sulkapallo-74');
    const b = await hashPassword('Lumikko-sulkapallo-74');
    expect(a).toMatch(/^\$argon2id\$v=19\$m=65536,t=2,p=1\$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword(a, 'Lumikko-sulkapallo-74')).toBe(true);
    expect(await verifyPassword(a, 'Lumikko-sulkapallo-75')).toBe(false);
    expect(await verifyPassword('not a hash', 'x')).toBe(false);
  });

  it('treat the same text typed with composed or decomposed letters as the same password', async () => {
    const composed = 'Kesä-yö-järvellä-12'.normalize('NFC');
    const decomposed = composed.normalize('NFD');
    expect(decomposed).not.toBe(composed);
    expect(await verifyPassword(await hashPassword(composed), decomposed)).toBe(true);
  });

  it('the dummy hash has the same settings as a real one, so checking against it takes as long', async () => {
    expect(await dummyPasswordHash()).toMatch(/^\$argon2id\$v=19\$m=65536,t=2,p=1\$/);
    expect(await dummyPasswordHash()).toBe(await dummyPasswordHash());
  });

  it('a hash made with weaker settings is redone at the next sign-in', async () => {
    expect(needsRehash(await hash('x', { algorithm: 2, memoryCost: 19_456, timeCost: 2 }))).toBe(true);
    expect(needsRehash(await hash('x', { algorithm: 1, memoryCost: 65_536, timeCost: 2 }))).toBe(true);
    expect(needsRehash(await hashPassword('x'))).toBe(false);
  });
});
