/**
 * A value someone typed (an answer, a note, a reason, an email address) in
 * Unicode isolates, FSI … PDI: for a sentence or an `<option>`, where no
 * element can go. An Arabic or Persian answer then neither takes the page's
 * direction nor reorders the words around it.
 */
export const isolated = (text: string): string => `\u2068${text}\u2069`;
