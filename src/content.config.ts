import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { z } from 'astro/zod';
import { allPages } from './i18n/page-keys.ts';
import { localeCodes } from './i18n/locales.ts';

/**
 * Site pages: `content/<code>/<translationKey>.md`. The same translationKey
 * in every language ties translations together for the chooser, hreflang and
 * the i18n check. Entry ids are `<code>/<translationKey>`.
 */
const pages = defineCollection({
  // Only registered languages are published: a folder is added to the site by adding its language to the registry.
  loader: glob({ pattern: `{${localeCodes.join(',')}}/*.md`, base: './content' }),
  schema: z.object({
    title: z.string().min(1),
    description: z.string().min(1).max(200),
    translationKey: z.enum(allPages),
    audience: z.array(z.enum(['everyone', 'parents', 'young-people', 'professionals'])).min(1),
    updated: z.coerce.date(),
    // A draft is published with a notice that a translator has not yet reviewed it.
    translation: z.enum(['reviewed', 'draft']),
  }),
});

export const collections = { pages };
