import { describe, expect, it } from 'vitest';
import { deployment } from '../../src/shared/deployment.ts';
import { noticeFactProblems } from './notice-facts.ts';

const check = (text: string) => noticeFactProblems(text, deployment);
const police = deployment.controllers.find((c) => c.law === 'criminal-matters')!;

describe('the content rule: no controller, officer or supervisor typed into a page', () => {
  it('passes a page that uses the placeholders', () => {
    expect(check('The controllers are: {{controllers}}. {{section:controllers}} Complain to {{ombudsman}}; feedback to {{feedback}}.')).toEqual([]);
  });

  it('fails on a controller\u2019s or an officer\u2019s address, naming the placeholder to use', () => {
    expect(check(`Write to ${police.contact.email.toUpperCase()}.`)).toEqual([`holds the configured "${police.contact.email}" (use {{section:controllers}})`]);
    expect(check(`DPO: ${police.dataProtectionOfficer.email}`)).toHaveLength(1);
    expect(check(`Post: ${police.contact.postalAddress}`)).toHaveLength(1);
  });

  it('fails on a supervisor\u2019s name or web address, with or without the scheme', () => {
    expect(check(`Complain to the ${deployment.dataProtectionSupervisor.name.en}.`).join()).toMatch(/\{\{ombudsman\}\}/);
    const bare = deployment.accessibilitySupervisor.url.replace(/^https?:\/\//, '').replace(/\/$/, '');
    expect(check(`See [the site](https://${bare}).`).join()).toMatch(/\{\{supervisor\}\}/);
    expect(check(`Feedback: ${deployment.accessibilityFeedbackEmail}`).join()).toMatch(/\{\{feedback\}\}/);
  });
});
