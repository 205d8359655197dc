/**
 * Creates or drops the PostgreSQL database the browser tests' server uses:
 * `node tests/e2e/db-admin.ts create|drop <name>` against TEST_DATABASE_URL.
 * Run as a child process because Playwright reads its config synchronously.
 */
import pg from 'pg';

const [action, name] = process.argv.slice(2);
if (!process.env.TEST_DATABASE_URL || !name || !/^anchor_e2e_\w+$/.test(name)) process.exit(2);
const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
await admin.connect();
await admin.query(action === 'create' ? `create database "${name}"` : `drop database if exists "${name}" with (force)`);
await admin.end();
