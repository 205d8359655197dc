// @ts-check
import { defineConfig } from 'astro/config';
import react from '@astrojs/react';
import deployment from './config/deployment.json' with { type: 'json' };

// A production build must not publish the sample phone numbers and addresses.
// Astro sets NODE_ENV=production for every build, so scripts/build.ts passes the
// caller's NODE_ENV on as ANCHOR_BUILD_ENV.
if (process.env.ANCHOR_BUILD_ENV === 'production' && deployment.example) {
  throw new Error(
    'config/deployment.json still holds example values ("example": true). Replace them with the real contact facts before a production build.',
  );
}

export default defineConfig({
  site: process.env.PUBLIC_ORIGIN ?? 'http://localhost:4321',
  output: 'static',
  trailingSlash: 'always',
  build: { format: 'directory', inlineStylesheets: 'always' },
  integrations: [react()],
  // Script and style hashes go into a <meta> CSP per page; the server's header adds
  // only what a meta tag cannot carry (frame-ancestors) and no script rules.
  security: {
    csp: {
      directives: [
        "default-src 'self'",
        "img-src 'self' data:",
        "connect-src 'self'",
        "font-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
      ],
    },
  },
  devToolbar: { enabled: false },
});
