/**
 * Moves focus to a form control by id, as a GOV.UK error summary link does:
 * the question (the label, or the legend of its fieldset) is scrolled into
 * view first, so a sighted reader sees what is asked and not just the box.
 */
export function focusField(id: string): void {
  const element = document.getElementById(id);
  if (!element) return;
  const legend = element.closest('fieldset')?.querySelector('legend');
  const label = document.querySelector(`label[for="${CSS.escape(id)}"]`);
  (legend ?? label ?? element).scrollIntoView({ block: 'start' });
  element.focus({ preventScroll: true });
}

/**
 * Focuses an element that is not a control (a heading, a panel) and brings
 * it into view; a heading inside a bordered box brings the whole box.
 */
export function focusElement(element: HTMLElement | null): void {
  if (!element) return;
  element.focus({ preventScroll: true });
  (element.closest<HTMLElement>('.form-problem') ?? element).scrollIntoView({ block: 'start' });
}
