import type { APIRoute } from 'astro';

/** robots.txt: public pages may be indexed, the API and the staff app may not. */
export const GET: APIRoute = ({ site }) => {
  const sitemap = new URL('/sitemap.xml', site ?? 'http://localhost:4321').href;
  return new Response(`User-agent: *\nDisallow: /api/\nDisallow: /staff/\nSitemap: ${sitemap}\n`, {
    headers: { 'Content-Type': 'text/plain; charset=utf-8' },
  });
};
