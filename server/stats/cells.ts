import type { CaseFacts } from './facts.ts';

/**
 * Statistics are kept as marginal counts: per month, for each dimension
 * (`total`, `queue`, `kind`, `category`, `language`, `writer`, `age`) and each of its values.
 * A case with two categories counts once under each category, and once in
 * every other dimension, so no cross-tabulation of small groups is kept.
 */
export const dimensions = ['total', 'queue', 'kind', 'category', 'language', 'writer', 'age'] as const;

/** A statistics dimension. */
export type Dimension = (typeof dimensions)[number];

/** Counts of one month × dimension × value. */
export interface Cell {
  month: string;
  dimension: Dimension;
  value: string;
  cases: number;
  closed: number;
  closedInsideDue: number;
}

/** Cases of one month × dimension × value first contacted after `workingDays`. */
export interface ContactCell {
  month: string;
  dimension: Dimension;
  value: string;
  workingDays: number;
  cases: number;
}

/** Where a group of cases counts: one (dimension, value) per dimension, one per category. */
function coordinates(f: CaseFacts): [Dimension, string][] {
  return [
    ['total', 'all'],
    ['queue', f.queue],
    ['kind', f.kind],
    ['language', f.language],
    ['writer', f.writer],
    ['age', f.age],
    ...[...new Set(f.categories)].map((c): [Dimension, string] => ['category', c]),
  ];
}

const cellKey = (month: string, dimension: string, value: string) => `${month}\u0000${dimension}\u0000${value}`;

/** Summed cells and contact histograms, keyed for merging. */
export class CellTable {
  readonly cells = new Map<string, Cell>();
  readonly contacts = new Map<string, ContactCell>();

  /** Adds the cases of a group of facts. */
  addFacts(f: CaseFacts): void {
    for (const [dimension, value] of coordinates(f)) {
      this.addCell({
        month: f.month,
        dimension,
        value,
        cases: f.count,
        closed: f.closed ? f.count : 0,
        closedInsideDue: f.closedInsideDue ? f.count : 0,
      });
      if (f.firstContactDays !== null) this.addContact({ month: f.month, dimension, value, workingDays: f.firstContactDays, cases: f.count });
    }
  }

  /** Adds a cell (stored aggregates, or another table's). */
  addCell(cell: Cell): void {
    const key = cellKey(cell.month, cell.dimension, cell.value);
    const current = this.cells.get(key);
    if (!current) this.cells.set(key, { ...cell });
    else {
      current.cases += cell.cases;
      current.closed += cell.closed;
      current.closedInsideDue += cell.closedInsideDue;
    }
  }

  /** Adds a histogram bar. */
  addContact(cell: ContactCell): void {
    const key = `${cellKey(cell.month, cell.dimension, cell.value)}\u0000${cell.workingDays}`;
    const current = this.contacts.get(key);
    if (!current) this.contacts.set(key, { ...cell });
    else current.cases += cell.cases;
  }
}
