/** Every content page's translationKey, in navigation order. */
export const allPages = [
  'home',
  'parents',
  'young-people',
  'professionals',
  'how-it-works',
  'privacy',
  'accessibility',
  'contact',
] as const;

/** A page's translationKey. */
export type PageKey = (typeof allPages)[number];

/** The pages every language has, including those with only the core pages. */
export const corePages: readonly PageKey[] = ['home', 'parents', 'young-people', 'how-it-works', 'privacy', 'contact'];
