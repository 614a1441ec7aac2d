/**
 * One CSV line (RFC 4180): a cell is quoted when it holds a comma, a quote, a line break, or
 * surrounding spaces (the reader trims unquoted cells), or starts with `#` in the first column
 * (a comment line to the reader). Values come from vendors and are written as they are: Roster
 * reads them back exactly, and a reviewer sees them in the pull request's diff.
 */
export function csvLine(cells: readonly string[]): string {
  return cells.map((cell, index) => quote(cell, index === 0)).join(",");
}

const NEEDS_QUOTES = /[",\r\n]|^\s|\s$/;

function quote(cell: string, first: boolean): string {
  if (NEEDS_QUOTES.test(cell) || (first && cell.startsWith("#"))) return `"${cell.replaceAll('"', '""')}"`;
  return cell;
}
