/**
 * Complementary suppression. A count from 1 to 4 is hidden ("<5"), but
 * where it is the only hidden cell of a sum the export also shows (the
 * months of a value add up to its whole-period line; the values of a
 * dimension in which each case has exactly one value add up to the month's
 * total), it could be worked out by subtraction. So in every such sum with
 * exactly one hidden cell, one more is hidden: the smallest other count
 * that is not zero (a zero, if nothing else is left), repeated until no sum
 * has exactly one. The extra cells are published as "not shown" (null).
 */
export function complementarySuppression(values: ReadonlyMap<string, number>, relations: readonly (readonly string[])[], small: (n: number) => boolean): Set<string> {
  const hidden = new Set([...values].filter(([, n]) => small(n)).map(([key]) => key));
  const extra = new Set<string>();
  for (let changed = true; changed; ) {
    changed = false;
    for (const relation of relations) {
      const inRelation = relation.filter((key) => values.has(key));
      if (inRelation.filter((key) => hidden.has(key)).length !== 1) continue;
      const shown = inRelation.filter((key) => !hidden.has(key)).sort((a, b) => rank(values.get(a)!) - rank(values.get(b)!));
      const pick = shown[0];
      if (pick === undefined) continue;
      hidden.add(pick);
      extra.add(pick);
      changed = true;
    }
  }
  return extra;
}

// Zero comes after every other count: hiding a zero says little.
const rank = (n: number) => (n === 0 ? Number.MAX_SAFE_INTEGER : n);
