/**
 * A case reference for reading: "ABCDEFGH" becomes "ABCD-EFGH", as people
 * read and say eight characters more easily in two groups.
 */
export function formatReference(reference: string): string {
  const clean = reference.trim().toUpperCase();
  return clean.length > 4 ? `${clean.slice(0, 4)}-${clean.slice(4)}` : clean;
}

/**
 * The reference for a screen reader, one character at a time ("A B C D, E F G H"),
 * so it is not read as a word; the comma gives a pause between the groups.
 */
export function spellReference(reference: string): string {
  return formatReference(reference)
    .split('-')
    .map((group) => group.split('').join(' '))
    .join(', ');
}
