import type { ReactNode } from 'react';

/**
 * A staff table inside a region that scrolls sideways on a narrow screen. The
 * region is named by the table's caption (or, without one, by the heading
 * whose id is given) and takes focus, so a keyboard can scroll it (WCAG 2.1.1).
 * The children are the body's rows.
 */
export function ScrollTable(props: {
  /** The caption's id, or the id of the heading that names a table without a caption. */
  readonly id: string;
  readonly caption?: ReactNode;
  /** The caption is there for screen readers only (a visible heading says the same). */
  readonly captionHidden?: boolean;
  /** Figures: right-aligned, tabular digits. */
  readonly numbers?: boolean;
  readonly columns: readonly ReactNode[];
  readonly children: ReactNode;
}) {
  const { id, caption, captionHidden, numbers, columns, children } = props;
  return (
    <div className="staff-table-scroll" role="region" aria-labelledby={id} tabIndex={0}>
      <table className={numbers ? 'staff-table staff-table--numbers' : 'staff-table'}>
        {caption !== undefined && (
          <caption id={id} className={captionHidden ? 'visually-hidden' : undefined}>
            {caption}
          </caption>
        )}
        <thead>
          <tr>
            {columns.map((column, i) => (
              <th key={i} scope="col">{column}</th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}
