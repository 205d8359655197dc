import { expect, test, type Browser, type Page } from '@playwright/test';
import { e2eDatabaseUrl, queryE2e } from './database.ts';
import { addWithCli, enrolInBrowser, freshCode, shown, signIn, staffEmail, staffStrings, submitContact, type Enrolled, type Strings } from './staff-support.ts';
import { expectNoAxeViolations, watchPage, type PageWatch } from './support.ts';
import { isolated } from '../../src/islands/staff/isolate.ts';

const needsPostgres = 'The staff journey needs PostgreSQL (set TEST_DATABASE_URL): the staff CLI must write to the database the e2e server runs on, and PGlite is held by the server.';

/** A person's own browser: a context of its own (cookies apart), in their language, watched for outside requests. */
async function personPage(browser: Browser, baseURL: string, locale: string): Promise<{ page: Page; watch: PageWatch }> {
  const context = await browser.newContext({ baseURL, locale });
  const page = await context.newPage();
  return { page, watch: await watchPage(page, baseURL) };
}

// Chromium logs every 4xx answer of a fetch; these are the API's expected refusals the app shows in words
// (403 for another team's case, 409 for a stale version; who-am-I answers a signed-out browser with 200).
const expectedRefusal = /^Failed to load resource: the server responded with a status of (400|401|403|404|409|429) /;

/** Nothing went to another host and nothing failed in the console; no browser storage was used. */
async function expectClean(page: Page, watch: PageWatch) {
  expect(watch.outsideRequests).toEqual([]);
  expect(watch.consoleErrors.filter((e) => !expectedRefusal.test(e))).toEqual([]);
  expect(await page.evaluate(() => localStorage.length + sessionStorage.length)).toBe(0);
}

const h1 = (page: Page) => page.getByRole('heading', { level: 1 });

test.describe('staff app journey', () => {
  test.skip(!e2eDatabaseUrl, needsPostgres);
  test.setTimeout(240_000);

  test('admin enrols from the CLI link and adds staff; intake triages, routes, assigns, records contact, notes and closes a case; the youth worker sees it, the social worker does not', async ({ browser, baseURL }) => {
    const origin = baseURL!;
    const fi = staffStrings.fi;
    const en = staffStrings.en;
    const sv = staffStrings.sv;

    // The first admin comes from the server's shell, and enrols in Finnish.
    const adminEmail = staffEmail('admin');
    const adminLink = addWithCli(origin, adminEmail, 'admin');
    const admin = await personPage(browser, origin, 'fi-FI');
    const adminPerson = await enrolInBrowser(admin.page, adminLink, fi, adminEmail, expectNoAxeViolations);
    expect(admin.page.url()).toMatch(/\/staff\/fi\/enrol\/$/);
    await signIn(admin.page, fi, adminEmail, await freshCode(adminPerson));
    await expect(h1(admin.page)).toHaveText(fi['staff.users.title']!);
    // The session cookie is stored for the loopback origin: Secure, HttpOnly, SameSite=Strict, __Host-.
    const cookies = await admin.page.context().cookies();
    expect(cookies.map((c) => [c.name, c.secure, c.httpOnly, c.sameSite, c.path])).toEqual([['__Host-session', true, true, 'Strict', '/']]);
    await expect(admin.page).toHaveTitle(`${fi['staff.users.title']} – ${fi['staff.app.name']}`);
    await expectNoAxeViolations(admin.page);

    // Adding a person: errors first, then the intake worker, a youth worker and a social worker.
    await admin.page.getByRole('button', { name: fi['staff.users.add.button'] }).click();
    await expect(admin.page.locator('.error-summary')).toBeFocused();
    await expect(admin.page).toHaveTitle(new RegExp(`^${fi['form.error.prefix']} `));
    await expectNoAxeViolations(admin.page);
    const addUser = async (who: string, roleKey: string, team?: string) => {
      const email = staffEmail(who);
      await admin.page.getByLabel(fi['staff.users.add.email']!, { exact: true }).fill(email);
      await admin.page.getByRole('radio', { name: fi[roleKey] }).check();
      if (team) await admin.page.getByLabel(fi['staff.users.add.team']!, { exact: true }).selectOption(team);
      await admin.page.getByRole('button', { name: fi['staff.users.add.button'] }).click();
      const panel = admin.page.getByRole('region', { name: fi['staff.users.link.title']!.replace('{{email}}', email) });
      await expect(panel).toBeVisible();
      const link = await panel.getByLabel(fi['staff.users.link.label']!).inputValue();
      expect(link).toMatch(new RegExp(`^${origin}/staff/enrol/#[\\w-]{43}$`));
      await expect(admin.page.getByRole('row', { name: new RegExp(email) })).toBeVisible();
      return { email, link };
    };
    const intakeUser = await addUser('intake', 'staff.role.intake');
    await expectNoAxeViolations(admin.page);
    const youthUser = await addUser('youth', 'staff.role.team', 'youth-work');
    const socialUser = await addUser('social', 'staff.role.team', 'social-work');

    // Each enrols in their own browser, and signs in with a recovery code.
    const intake = await personPage(browser, origin, 'en-GB');
    const intakePerson = await enrolInBrowser(intake.page, intakeUser.link, en, intakeUser.email, async () => {});
    await signIn(intake.page, en, intakeUser.email, intakePerson.recoveryCodes[0]!);
    await expect(h1(intake.page)).toHaveText(en['staff.queue.title']!);
    const youth = await personPage(browser, origin, 'sv-FI');
    const youthPerson = await enrolInBrowser(youth.page, youthUser.link, sv, youthUser.email, async () => {});
    await signIn(youth.page, sv, youthUser.email, youthPerson.recoveryCodes[0]!);
    const social = await personPage(browser, origin, 'en-GB');
    const socialPerson = await enrolInBrowser(social.page, socialUser.link, en, socialUser.email, async () => {});
    await signIn(social.page, en, socialUser.email, socialPerson.recoveryCodes[0]!);

    // A young person writes through the public form: police is proposed.
    const reference = await submitContact(intake.page.request, {
      writer: 'self',
      firstName: 'Jv7Name',
      ageBand: '15-17',
      categories: ['crime'],
      description: 'Jv7Text Older boys make me carry things for them.',
      urgency: 'normal',
      contactMethod: 'phone',
      phone: '040 111 2233',
      safeTimes: 'Jv7Times after 17 on weekdays',
      noVoicemail: true,
      noParentsFirst: true,
      contactLanguage: 'fi',
      interpreterNeeded: false,
    });

    // Intake lists the police queue and sees the case without personal data, then finds it by reference as read out.
    // The filters are folded away (the first cases on the first screen): open them.
    await intake.page.locator('details.staff-filters > summary').click();
    await intake.page.getByLabel(en['staff.filters.queue']!, { exact: true }).selectOption('police');
    await intake.page.getByRole('button', { name: en['staff.filters.apply'] }).click();
    await expect(intake.page).toHaveURL(/#\/queue\?queue=police$/);
    const row = intake.page.getByRole('row', { name: new RegExp(shown(reference)) });
    await expect(row).toContainText(en['staff.queue.proposed']!);
    await expect(intake.page.locator('table')).not.toContainText('Jv7');
    await expectNoAxeViolations(intake.page);
    await intake.page.screenshot({ path: 'test-results/staff-queue.png', fullPage: true });
    await intake.page.getByLabel(en['staff.find.label']!, { exact: true }).fill(`${reference.slice(0, 4).toLowerCase()} ${reference.slice(4)}`);
    await intake.page.getByRole('button', { name: en['staff.find.button'], exact: true }).click();

    // Opening asks why first; without an answer, the error summary.
    await expect(h1(intake.page)).toHaveText(en['staff.purpose.title']!);
    expect(await queryE2e('select 1 from audit_log where case_reference = $1', [reference])).toEqual([]);
    await intake.page.getByRole('button', { name: en['staff.purpose.button'] }).click();
    await expect(intake.page.locator('.error-summary')).toBeFocused();
    await expectNoAxeViolations(intake.page);
    await intake.page.getByRole('radio', { name: en['staff.purpose.triage'] }).check();
    await intake.page.getByRole('button', { name: en['staff.purpose.button'] }).click();
    await expect(h1(intake.page)).toHaveText(`Case ${shown(reference)}`);
    await expect(h1(intake.page)).toBeFocused();

    // The safe-contact box comes first, before the phone number.
    const safe = intake.page.getByRole('region', { name: en['staff.safe.title'] });
    await expect(safe).toContainText(en['staff.safe.noVoicemail']!);
    await expect(safe).toContainText(en['staff.safe.noParentsFirst']!);
    await expect(safe).toContainText('Jv7Times after 17 on weekdays');
    const order = await intake.page.evaluate(() => {
      const text = document.querySelector('main')!.innerText;
      return [text.indexOf('Jv7Times'), text.indexOf('040 111 2233'), text.indexOf('Jv7Text')];
    });
    expect(order[0]).toBeGreaterThan(-1);
    expect(order[0]).toBeLessThan(order[1]!);
    expect(order[1]).toBeLessThan(order[2]!);
    expect(await intake.page.title()).not.toMatch(/Jv7|040/);
    expect(intake.page.url()).not.toMatch(/Jv7|040/);
    await expectNoAxeViolations(intake.page);
    await intake.page.screenshot({ path: 'test-results/staff-case.png', fullPage: true });

    // Moving it to youth work needs a reason.
    await intake.page.getByLabel(en['staff.route.queue']!).selectOption('youth-work');
    await intake.page.getByRole('button', { name: en['staff.route.button'] }).click();
    const routeSummary = intake.page.locator('.error-summary');
    await expect(routeSummary).toBeFocused();
    await expect(routeSummary).toContainText(en['staff.route.reasonRequired']!);
    await expectNoAxeViolations(intake.page);
    await intake.page.getByLabel(en['staff.route.reason']!).fill('Jv7Reason he asked for a youth worker');
    await intake.page.getByRole('button', { name: en['staff.route.button'] }).click();
    await expect(intake.page.getByRole('status')).toHaveText(en['staff.route.done']!.replace('{{queue}}', en['staff.queue.youth-work']!));

    // Assigned to the youth worker (the list offers only who may hold it: not the social worker).
    const assignee = intake.page.getByLabel(en['staff.assign.label']!);
    await expect(assignee.locator('option', { hasText: youthUser.email })).toHaveCount(1);
    await expect(assignee.locator('option', { hasText: socialUser.email })).toHaveCount(0);
    // Typed values sit in Unicode isolates (FSI … PDI) where no <bdi> can go: options and status messages.
    await assignee.selectOption({ label: `${isolated(youthUser.email)} (${en['staff.role.team']}, ${en['staff.queue.youth-work']})` });
    await intake.page.getByRole('button', { name: en['staff.assign.button'], exact: true }).click();
    await expect(intake.page.getByRole('status')).toHaveText(en['staff.assign.done']!.replace('{{email}}', isolated(youthUser.email)));

    // A contact attempt, then a note.
    await intake.page.getByRole('group', { name: en['staff.attempt.method'], exact: true }).getByRole('radio', { name: en['staff.attempt.method.phone'] }).check();
    // "Reached" offers to set the case in contact in the same step (the case is assigned, so it may); other outcomes do not.
    const outcome = intake.page.getByRole('group', { name: en['staff.attempt.outcome'], exact: true });
    const inContact = intake.page.getByRole('checkbox', { name: en['staff.attempt.setInContact']!.replace('{{status}}', en['staff.status.in_contact']!) });
    await outcome.getByRole('radio', { name: en['staff.attempt.outcome.reached'] }).check();
    await expect(inContact).toBeChecked();
    await outcome.getByRole('radio', { name: en['staff.attempt.outcome.no-answer'] }).check();
    await expect(inContact).toHaveCount(0);
    await intake.page.getByRole('button', { name: en['staff.attempt.button'] }).click();
    await expect(intake.page.getByRole('status')).toHaveText(en['staff.attempt.done']!);
    await expect(intake.page.getByRole('region', { name: en['staff.attempts.title'], exact: true })).toContainText(en['staff.attempt.outcome.no-answer']!);
    await intake.page.getByLabel(en['staff.note.label']!, { exact: true }).fill('Jv7Note called once, no answer; try after 17.');
    await intake.page.getByRole('button', { name: en['staff.note.button'] }).click();
    await expect(intake.page.getByRole('status')).toHaveText(en['staff.note.done']!);

    // Someone else changes the case meanwhile: the close is refused as stale, and a reload shows the change.
    const [stored] = await queryE2e<{ id: string; version: number }>('select id, version from cases where reference = $1', [reference]);
    const { id, version } = stored!;
    const other = await intake.page.request.post(`/api/staff/cases/${id}/notes`, { headers: { 'Sec-Fetch-Site': 'same-origin' }, data: { text: 'Jv7Other colleague note', version } });
    expect(other.status()).toBe(200);
    const closeCase = async () => {
      await intake.page.getByRole('radio', { name: en['staff.status.closed'], exact: true }).check();
      await intake.page.getByRole('radio', { name: en['staff.outcome.no-contact'] }).check();
      await intake.page.getByRole('button', { name: en['staff.changeStatus.button'] }).click();
    };
    await closeCase();
    const stale = intake.page.getByRole('region', { name: en['staff.stale.title'] });
    await expect(stale).toContainText(en['staff.stale.text']!);
    await expect(stale.getByRole('heading')).toBeFocused();
    await expectNoAxeViolations(intake.page);
    await stale.getByRole('button', { name: en['staff.stale.reload'] }).click();
    await expect(stale).toHaveCount(0);
    await expect(intake.page.getByRole('region', { name: en['staff.notes.title'], exact: true })).toContainText('Jv7Other colleague note');
    await closeCase();
    await expect(intake.page.getByRole('status')).toHaveText(en['staff.changeStatus.done']!.replace('{{status}}', en['staff.status.closed']!));
    expect(await queryE2e('select status, outcome, queue from cases where reference = $1', [reference])).toEqual([{ status: 'closed', outcome: 'no-contact', queue: 'youth-work' }]);

    // The printable summary is a view of its own, logged as a handover print.
    await intake.page.getByRole('link', { name: en['staff.print.link'] }).click();
    await expect(h1(intake.page)).toHaveText(en['staff.print.heading']!.replace('{{reference}}', shown(reference)));
    await expect(intake.page.locator('main')).toContainText('Jv7Note');
    await expectNoAxeViolations(intake.page);
    await expectClean(intake.page, intake.watch);

    // The youth worker sees it among all their team's cases, and opens it.
    await youth.page.goto('/staff/sv/#/queue?status=all');
    await expect(h1(youth.page)).toHaveText(sv['staff.queue.titleTeam']!.replace('{{team}}', sv['staff.queue.youth-work']!));
    await youth.page.getByRole('link', { name: shown(reference) }).click();
    await youth.page.getByRole('radio', { name: sv['staff.purpose.follow-up'] }).check();
    await youth.page.getByRole('button', { name: sv['staff.purpose.button'] }).click();
    await expect(youth.page.getByRole('region', { name: sv['staff.notes.title'], exact: true })).toContainText('Jv7Note called once');
    await expectNoAxeViolations(youth.page);
    await expectClean(youth.page, youth.watch);

    // The social worker does not: neither in the list nor by reference.
    await social.page.goto('/staff/en/#/queue?status=all');
    await expect(h1(social.page)).toHaveText(en['staff.queue.titleTeam']!.replace('{{team}}', en['staff.queue.social-work']!));
    await expect(social.page.getByText(en['staff.loading']!)).toHaveCount(0);
    await expect(social.page.getByRole('link', { name: shown(reference) })).toHaveCount(0);
    await social.page.getByLabel(en['staff.find.label']!, { exact: true }).fill(reference);
    await social.page.getByRole('button', { name: en['staff.find.button'], exact: true }).click();
    // Another team's case answers as an unknown reference would: the reference tells nothing.
    await expect(social.page.locator('.error-summary')).toContainText(en['staff.find.notFound']!);
    await expectNoAxeViolations(social.page);
    await expectClean(social.page, social.watch);

    // The admin lifts the sign-in wait on the social worker, resets them (a new link to hand over), then deactivates them;
    // their open app finds its session ended.
    const socialRow = admin.page.getByRole('row', { name: new RegExp(socialUser.email) });
    await socialRow.getByRole('button', { name: `${fi['staff.users.unlock.button']} ${socialUser.email}` }).click();
    const confirmUnlock = admin.page.getByRole('region', { name: fi['staff.users.unlock.confirmTitle']!.replace('{{email}}', socialUser.email) });
    await expect(confirmUnlock.getByRole('heading')).toBeFocused();
    await confirmUnlock.getByRole('button', { name: fi['staff.users.unlock.confirm'] }).click();
    await expect(admin.page.getByRole('status')).toHaveText(fi['staff.users.unlock.done']!.replace('{{email}}', isolated(socialUser.email)));
    await socialRow.getByRole('button', { name: `${fi['staff.users.reset.button']} ${socialUser.email}` }).click();
    const confirmReset = admin.page.getByRole('region', { name: fi['staff.users.reset.confirmTitle']!.replace('{{email}}', socialUser.email) });
    await expect(confirmReset.getByRole('heading')).toBeFocused();
    await expectNoAxeViolations(admin.page);
    await confirmReset.getByRole('button', { name: fi['staff.users.reset.confirm'] }).click();
    const resetPanel = admin.page.getByRole('region', { name: fi['staff.users.link.resetTitle']!.replace('{{email}}', socialUser.email) });
    expect(await resetPanel.getByLabel(fi['staff.users.link.label']!).inputValue()).toMatch(/\/staff\/enrol\/#[\w-]{43}$/);
    await expect(socialRow).toContainText(fi['staff.userStatus.pending']!);
    await socialRow.getByRole('button', { name: `${fi['staff.users.deactivate.button']} ${socialUser.email}` }).click();
    await admin.page.getByRole('button', { name: fi['staff.users.deactivate.confirm'] }).click();
    await expect(admin.page.getByRole('status')).toHaveText(fi['staff.users.deactivate.done']!.replace('{{email}}', isolated(socialUser.email)));
    await expect(socialRow).toContainText(fi['staff.userStatus.deactivated']!);
    await expect(socialRow.getByRole('button')).toHaveCount(0);
    await social.page.getByRole('link', { name: en['staff.nav.queue'], exact: true }).click();
    await expect(h1(social.page)).toHaveText(en['staff.signIn.title']!);
    await expect(social.page.getByText(en['staff.signIn.notice.ended']!)).toBeVisible();

    // The admin reads who has seen and changed the case, with the purposes, and the statistics.
    await admin.page.getByRole('link', { name: fi['staff.nav.audit'] }).click();
    await admin.page.getByLabel(fi['staff.audit.label']!, { exact: true }).fill(shown(reference).toLowerCase());
    await admin.page.getByRole('button', { name: fi['staff.audit.button'] }).click();
    const trail = admin.page.locator('table');
    await expect(trail).toContainText(fi['staff.purpose.triage']!);
    await expect(trail).toContainText(fi['staff.purpose.follow-up']!);
    await expect(trail).toContainText(fi['staff.action.print']!);
    await expect(trail).toContainText(intakeUser.email);
    await expect(trail).toContainText(youthUser.email);
    await expectNoAxeViolations(admin.page);
    await admin.page.getByRole('link', { name: fi['staff.nav.stats'] }).click();
    await expect(admin.page.getByRole('table', { name: fi['staff.stats.by.queue'] })).toBeVisible();
    await expectNoAxeViolations(admin.page);
    const csvHref = await admin.page.getByRole('link', { name: fi['staff.stats.csv'] }).getAttribute('href');
    const csv = await admin.page.request.get(csvHref!);
    expect(csv.status()).toBe(200);
    expect(csv.headers()['content-type']).toMatch(/^text\/csv/);
    // Admin reads no case contents.
    await admin.page.goto(`/staff/fi/#/case/${id}`);
    await expect(h1(admin.page)).toHaveText(fi['staff.noAccess.title']!);
    await expectClean(admin.page, admin.watch);

    for (const p of [admin, intake, youth, social]) await p.page.context().close();
  });

  test('intake reviews spam: no free text in the list, and a restored case goes back to the queue as new', async ({ browser, baseURL }) => {
    const en = staffStrings.en;
    const email = staffEmail('spam-intake');
    const link = addWithCli(baseURL!, email, 'intake');
    const intake = await personPage(browser, baseURL!, 'en-GB');
    const person = await enrolInBrowser(intake.page, link, en, email, async () => {});
    await signIn(intake.page, en, email, person.recoveryCodes[1]!);
    await expect(h1(intake.page)).toHaveText(en['staff.queue.title']!);
    const reference = await submitContact(
      intake.page.request,
      { writer: 'parent', ageBand: '12-14', categories: ['other'], description: 'Sp4mText buy now', urgency: 'normal', contactMethod: 'sms', phone: '040 999 8877', contactLanguage: 'fi' },
      'http://spam.example',
    );
    await intake.page.getByRole('link', { name: en['staff.nav.spam'] }).click();
    await expect(h1(intake.page)).toHaveText(en['staff.spam.title']!);
    const row = intake.page.getByRole('row', { name: new RegExp(shown(reference)) });
    await expect(row).toBeVisible();
    // It says why the case was held: the hidden field was filled in.
    await expect(row).toContainText(en['staff.spam.held.honeypot']!);
    await expect(intake.page.locator('main')).not.toContainText('Sp4m');
    await expectNoAxeViolations(intake.page);
    await row.getByRole('button', { name: `${en['staff.spam.restore']} ${shown(reference)}` }).click();
    await expect(intake.page.getByRole('status')).toHaveText(en['staff.spam.restored']!.replace('{{reference}}', shown(reference)));
    await expect(row).toHaveCount(0);
    expect(await queryE2e('select status from cases where reference = $1', [reference])).toEqual([{ status: 'new' }]);
    await expectClean(intake.page, intake.watch);
    await intake.page.context().close();
  });
});

test.describe('staff session', () => {
  test.skip(!e2eDatabaseUrl, needsPostgres);
  test.setTimeout(120_000);

  /** A signed-in intake worker, enrolled in the browser; the page's clock is Playwright's when `clock` is set. */
  async function signedInIntake(page: Page, baseURL: string, s: Strings, clock = false): Promise<Enrolled> {
    const email = staffEmail('session');
    const link = addWithCli(baseURL, email, 'intake');
    if (clock) await page.clock.install();
    const person = await enrolInBrowser(page, link, s, email, async () => {});
    await signIn(page, s, email, person.recoveryCodes[0]!);
    await expect(h1(page)).toHaveText(s['staff.queue.title']!);
    return person;
  }

  test('two minutes before the idle end a modal warning takes focus; staying signed in keeps the session, and the end signs out', async ({ page, baseURL }) => {
    const en = staffStrings.en;
    const watch = await watchPage(page, baseURL!);
    await signedInIntake(page, baseURL!, en, true);
    const dialog = page.getByRole('alertdialog', { name: en['staff.session.warning.title'] });
    await expect(dialog).toHaveCount(0);

    await page.clock.fastForward('27:00');
    await expect(dialog).toHaveCount(0);
    await page.clock.fastForward('01:30');
    await expect(dialog).toBeVisible();
    await expect(dialog.getByRole('button', { name: en['staff.session.warning.stay'] })).toBeFocused();
    await expectNoAxeViolations(page);
    await dialog.getByRole('button', { name: en['staff.session.warning.stay'] }).click();
    await expect(dialog).toHaveCount(0);
    await expect(page.getByRole('status')).toHaveText(en['staff.session.extended']!);

    // The server's session was moved on; the browser's clock starts another 30 minutes from now.
    await page.clock.fastForward('27:00');
    await expect(dialog).toHaveCount(0);
    await page.clock.fastForward('01:30');
    await expect(dialog).toBeVisible();
    // Escape also keeps the session (GOV.UK timeout warning).
    await page.keyboard.press('Escape');
    await expect(dialog).toHaveCount(0);
    await expect(page.getByRole('status')).toHaveText(en['staff.session.extended']!);

    await page.clock.fastForward('28:30');
    await expect(dialog).toBeVisible();
    await page.clock.fastForward('02:01');
    await expect(h1(page)).toHaveText(en['staff.signIn.title']!);
    await expect(page.getByText(en['staff.signIn.notice.expired']!)).toBeVisible();
    // The server's session is gone too.
    expect(await (await page.request.get('/api/staff/me')).json()).toEqual({ signedIn: false });
    await expectClean(page, watch);
  });

  test('the language switch keeps the view, and sign-out ends the session', async ({ page, baseURL }) => {
    const en = staffStrings.en;
    const sv = staffStrings.sv;
    await signedInIntake(page, baseURL!, en);
    await page.goto('/staff/en/#/queue?status=all&overdue=1');
    await expect(h1(page)).toHaveText(en['staff.queue.title']!);
    await page.getByRole('navigation', { name: en['staff.language.label'] }).getByRole('link', { name: 'Svenska' }).click();
    await expect(page).toHaveURL(/\/staff\/sv\/#\/queue\?status=all&overdue=1$/);
    await expect(h1(page)).toHaveText(sv['staff.queue.title']!);
    await expect(page.getByLabel(sv['staff.filters.overdue']!)).toBeChecked();
    await page.getByRole('button', { name: sv['staff.signOut.button'] }).click();
    await expect(page.getByText(sv['staff.signIn.notice.signed-out']!)).toBeVisible();
    expect(await page.context().cookies()).toEqual([]);
    expect(await (await page.request.get('/api/staff/me')).json()).toEqual({ signedIn: false });
  });

  test('sign-in by keyboard alone, with an authenticator code', async ({ page, baseURL }) => {
    const en = staffStrings.en;
    const email = staffEmail('keyboard');
    const link = addWithCli(baseURL!, email, 'intake');
    const person = await enrolInBrowser(page, link, en, email, async () => {});
    await page.goto('/staff/en/');
    await expect(h1(page)).toHaveText(en['staff.signIn.title']!);
    await page.keyboard.press('Tab');
    await expect(page.getByRole('link', { name: en['staff.skip'] })).toBeFocused();
    const field = (label: string) => page.getByLabel(label, { exact: true });
    for (let i = 0; i < 20 && !(await field(en['staff.signIn.email']!).evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press('Tab');
    await expect(field(en['staff.signIn.email']!)).toBeFocused();
    await page.keyboard.type(email);
    await page.keyboard.press('Tab');
    await expect(field(en['staff.signIn.password']!)).toBeFocused();
    await page.keyboard.type('Kuusikko-lumipallo-93-Vesiputous');
    await page.keyboard.press('Tab');
    await expect(field(en['staff.signIn.code']!)).toBeFocused();
    await page.keyboard.type(await freshCode(person));
    await page.keyboard.press('Enter');
    await expect(h1(page)).toHaveText(en['staff.queue.title']!);
    // Every control reached from here shows where focus is.
    for (let i = 0; i < 8; i++) {
      await page.keyboard.press('Tab');
      const visible = await page.evaluate(() => {
        const el = document.activeElement as HTMLElement;
        const style = getComputedStyle(el);
        return el === document.body || (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0) || style.boxShadow !== 'none';
      });
      expect(visible).toBe(true);
    }
  });
});

test.describe('staff sign-in (any database)', () => {
  test('/staff/ leads to the sign-in page in the browser language, which is not indexed and has no axe violations', async ({ browser, baseURL }) => {
    const context = await browser.newContext({ baseURL, locale: 'sv-FI' });
    const page = await context.newPage();
    const watch = await watchPage(page, baseURL!);
    await page.goto('/staff/');
    await expect(page).toHaveURL(/\/staff\/sv\/$/);
    await expect(h1(page)).toHaveText(staffStrings.sv['staff.signIn.title']!);
    await expect(page.locator('meta[name="robots"]')).toHaveAttribute('content', /noindex/);
    await expectNoAxeViolations(page);
    await expectClean(page, watch);
    await context.close();
  });

  test('a wrong sign-in says only that something is wrong; too many from one browser make it wait', async ({ page, baseURL }) => {
    const en = staffStrings.en;
    const watch = await watchPage(page, baseURL!);
    await page.goto('/staff/en/');
    await page.getByRole('button', { name: en['staff.signIn.button'], exact: true }).click();
    await expect(page.locator('.error-summary')).toBeFocused();
    await expect(page.locator('.error-summary a')).toHaveCount(3);
    await expectNoAxeViolations(page);
    const email = staffEmail('nobody');
    for (let i = 0; i < 5; i++) {
      await signIn(page, en, email, '123456', 'not-the-password');
      await expect(page.locator('.error-summary')).toContainText(en['staff.signIn.invalid']!);
      await expect(page.locator('.error-summary')).toBeFocused();
    }
    await expectNoAxeViolations(page);
    // Then each try waits longer (1 s, 2 s, 4 s ...): within a few quick tries one comes too early.
    let refused = false;
    for (let i = 0; i < 8 && !refused; i++) {
      await signIn(page, en, email, '123456', 'not-the-password');
      await expect(page.locator('.error-summary')).toBeFocused();
      refused = (await page.locator('.error-summary').textContent())!.includes(en['staff.signIn.tooManyMoment']!);
    }
    expect(refused).toBe(true);
    expect(watch.outsideRequests).toEqual([]);
  });
});
