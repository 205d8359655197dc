import type { Ref } from 'react';
import { focusField } from './focus.ts';

/** One problem in the error summary: a link to the field, or plain text when it has no field. */
export interface SummaryItem {
  /** The id of the control to focus; none for a problem that belongs to no field. */
  readonly targetId?: string | undefined;
  /** The question the problem is about, shown before the message (punctuated: "Phone number:"). */
  readonly label?: string | undefined;
  readonly message: string;
}

/**
 * The GOV.UK error summary: at the top of the form, focused when it appears
 * (so no live region is needed), one link per problem that moves focus to
 * the field. Each item names its question, so that general messages ("Fill
 * in this field") and the server's messages read clearly out of context.
 */
export function ErrorSummary(props: {
  readonly title: string;
  readonly items: readonly SummaryItem[];
  readonly containerRef: Ref<HTMLDivElement>;
}) {
  const { title, items, containerRef } = props;
  return (
    <div className="error-summary" tabIndex={-1} ref={containerRef}>
      <h2 className="error-summary-title">{title}</h2>
      <ul className="error-summary-list">
        {items.map((item, index) => {
          const text = item.label ? `${item.label} ${item.message}` : item.message;
          return (
            <li key={`${item.targetId ?? 'general'}-${index}`}>
              {item.targetId ? (
                <a
                  href={`#${item.targetId}`}
                  onClick={(event) => {
                    event.preventDefault();
                    if (item.targetId) focusField(item.targetId);
                  }}
                >
                  {text}
                </a>
              ) : (
                text
              )}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
