// @ts-check
import { defineConfig } from 'astro/config';
import react from '@astrojs/react';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { deployment } from './src/shared/deployment.ts';
import { publishProblems } from './src/shared/publishable.ts';
import { buildSettingsFile, readRetentionDays } from './src/shared/retention-settings.ts';

// A production build must not publish the sample phone numbers, addresses and
// controllers. Astro sets NODE_ENV=production for every build, so scripts/build.ts
// passes the caller's NODE_ENV on as ANCHOR_BUILD_ENV.
const problems = publishProblems(deployment);
if (process.env.ANCHOR_BUILD_ENV === 'production' && problems.length > 0) {
  throw new Error(`config/deployment.json still holds example values; replace them before a production build:\n  ${problems.join('\n  ')}`);
}

// The privacy notice states the retention periods; they are read here as the server
// reads them (a bad value stops the build), and recorded in the built site so that
// the server warns at start when its own settings differ (server/static/build-settings.ts).
const retention = readRetentionDays(process.env);

/** @type {import('astro').AstroIntegration} */
const recordBuildSettings = {
  name: 'anchor:build-settings',
  hooks: {
    'astro:build:done': ({ dir }) => {
      writeFileSync(fileURLToPath(new URL(buildSettingsFile, dir)), `${JSON.stringify({ retention })}\n`);
    },
  },
};

export default defineConfig({
  site: process.env.PUBLIC_ORIGIN ?? 'http://localhost:4321',
  output: 'static',
  trailingSlash: 'always',
  build: { format: 'directory', inlineStylesheets: 'always' },
  integrations: [react(), recordBuildSettings],
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
