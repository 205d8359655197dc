import { describe, expect, it } from 'vitest';
import { makeTranslate } from './translate.ts';

describe('makeTranslate', () => {
  const t = makeTranslate({ 'form.a': 'Soita {{phone}} ({{ hours }})', 'form.b': 'Plain' });

  it('interpolates {{vars}}, with or without spaces inside the braces', () => {
    expect(t('form.a', { phone: '112', hours: 'aina' })).toBe('Soita 112 (aina)');
  });

  it('leaves a placeholder without a value as it is, and text without placeholders unchanged', () => {
    expect(t('form.a', { phone: '112' })).toBe('Soita 112 ({{ hours }})');
    expect(t('form.b', { phone: '112' })).toBe('Plain');
  });

  it('shows the key itself for a missing string', () => {
    expect(t('form.missing')).toBe('form.missing');
  });
});
