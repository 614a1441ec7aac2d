import type { CsvError } from "csv-parse";

/**
 * A csv-parse error as a sentence a spreadsheet user can act on. The codes are csv-parse 6/7's
 * (docs/csv-edge-cases.md#other-errors); csv-parse's own message is kept for the rest.
 */
export function malformedMessage(error: CsvError): string {
  switch (error.code) {
    case "INVALID_OPENING_QUOTE":
      return 'a `"` appears inside a value that does not start with one; quote the whole value and double the inner quote (`"say ""hi"""`)';
    case "CSV_INVALID_CLOSING_QUOTE":
    case "CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE":
      return 'text follows the closing `"` of a quoted value; a quoted value must end at a comma or the end of the line (write `""` for a quote inside it)';
    case "CSV_QUOTE_NOT_CLOSED":
      return 'a quoted value starting in this row is never closed: the file ends inside quotes; add the missing `"`';
    default:
      return `the row cannot be read: ${error.message}`;
  }
}
