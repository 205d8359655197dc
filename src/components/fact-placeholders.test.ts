import { describe, expect, it } from 'vitest';
import { deployment, type Deployment } from '../shared/deployment.ts';
import { fillFactPlaceholders } from './fact-placeholders.ts';
import { digitGroups, telHref } from './Figure.tsx';

const real: Deployment = { ...deployment, example: false };

describe('Figure helpers', () => {
  it('splits a number into the groups it is written in and dials it without spaces', () => {
    expect(digitGroups('+358 9 000 0001')).toEqual(['+358', '9', '000', '0001']);
    expect(digitGroups('080-005-005')).toEqual(['080', '005', '005']);
    expect(telHref('116 111')).toBe('tel:116111');
  });
});

describe('fillFactPlaceholders: the deployer\'s facts in a rendered page', () => {
  it('renders a helpline as an isolated, grouped tel: link with its configured hours and the example tag while a sample', () => {
    const html = fillFactPlaceholders('<p>Call {{tel:violenceInCloseRelationships}}.</p>', 'en');
    expect(html).toContain('<bdi dir="ltr" class="figure figure--phone"><a href="tel:080005005"><span class="figure-group">080</span> <span class="figure-group">005</span> <span class="figure-group">005</span></a></bdi>');
    expect(html).toContain('<span class="example">example</span> (day and night, every day).');
  });

  it('drops the example tag once the deployer has set example to false, and leaves hours out while not confirmed', () => {
    const html = fillFactPlaceholders('<p>{{tel:childrenAndYoungPeople}}</p>', 'fi', { ...real, helplines: { ...real.helplines, childrenAndYoungPeople: { ...real.helplines.childrenAndYoungPeople, hours: null } } });
    expect(html).not.toContain('class="example"');
    expect(html).toMatch(/<\/bdi><\/p>$/);
  });

  it('points a {{url:notification}} link at the configured channel and names the supervisor in the page language', () => {
    const html = fillFactPlaceholders('<p><a href="%7B%7Burl:notification%7D%7D">form</a> {{supervisor}}</p>', 'sv', real);
    expect(html).toContain(`<a href="${real.childWelfareNotification.url}">form</a>`);
    expect(html).toContain(real.accessibilitySupervisor.name.sv);
  });

  it('replaces a paragraph holding only {{section:whoReads}} with the section, in the page language', () => {
    const html = fillFactPlaceholders('<p>{{section:whoReads}}</p>', 'fi');
    expect(html).toMatch(/^<section class="who-reads"/);
    expect(html).toContain('Kuka lukee viestisi');
    expect(html).not.toContain('<p><section');
  });

  it('fails the build on an unknown placeholder rather than printing it', () => {
    expect(() => fillFactPlaceholders('<p>{{tel:nobody}}</p>', 'en')).toThrow(/unknown placeholder/);
    expect(() => fillFactPlaceholders('<p>{{promise}}</p>', 'en')).toThrow(/unknown placeholder/);
  });
});
