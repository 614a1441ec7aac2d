import type { Diagnostic } from "../diagnostics.js";
import type { CanonicalColumn } from "../model/desired.js";
import { ACCEPTED_COLUMNS_TEXT, isArchivedFlagHeader, resolveColumn, suggestColumn } from "./columns.js";

/** Where each known column sits in a row (0-based field indexes), decided once from the header. */
export interface HeaderLayout {
  readonly fieldCount: number;
  /** 0-based field index of each canonical column. */
  readonly index: Readonly<Partial<Record<CanonicalColumn, number>>>;
  /** The status column is `isArchived` (True/False) rather than `status`. */
  readonly archivedFlag: boolean;
  readonly attributes: readonly { readonly name: string; readonly index: number }[];
  /** Field indexes whose header cell is blank: a value under them is an error. */
  readonly unnamed: readonly number[];
  /** `name` fills first/last names only where the first_name/last_name column is absent. */
  readonly nameFillsFirst: boolean;
  readonly nameFillsLast: boolean;
  /** 1-based public column maps (DesiredState.columns / attributeColumns / validateUser). */
  readonly columns: Readonly<Partial<Record<CanonicalColumn, number>>>;
  readonly attributeColumns: Readonly<Record<string, number>>;
  readonly allColumns: Readonly<Record<string, number>>;
  /** False when rows cannot be read as users at all (no email column, wrong delimiter...). */
  readonly usable: boolean;
}

export interface HeaderResult {
  readonly layout: HeaderLayout;
  readonly diagnostics: Diagnostic[];
}

function error(
  file: string,
  line: number,
  code: Diagnostic["code"],
  message: string,
  column?: number,
  severity: Diagnostic["severity"] = "error",
): Diagnostic {
  return column === undefined
    ? { severity, code, message, file, line }
    : { severity, code, message, file, line, column };
}

/** Reads the header row: which column is which, and every problem with it, in one pass. */
export function analyseHeader(cells: readonly string[], file: string, line: number): HeaderResult {
  const diagnostics: Diagnostic[] = [];
  const index: Partial<Record<CanonicalColumn, number>> = {};
  const columns: Partial<Record<CanonicalColumn, number>> = {};
  const attributeColumns: Record<string, number> = {};
  const allColumns: Record<string, number> = {};
  const attributes: { name: string; index: number }[] = [];
  const unnamed: number[] = [];
  const written: string[] = [];
  let archivedFlag = false;
  let recognised = 0;
  let unknown = 0;

  for (let i = 0; i < cells.length; i++) {
    const header = (cells[i] ?? "").trim().normalize("NFC");
    const column = i + 1;
    written.push(header);
    if (header === "") {
      unnamed.push(i);
      continue;
    }
    const resolved = resolveColumn(header);
    if (resolved === undefined) {
      unknown++;
      const suggestion = suggestColumn(header);
      const hint =
        suggestion === undefined ? `accepted columns: ${ACCEPTED_COLUMNS_TEXT}` : `did you mean \`${suggestion}\`?`;
      diagnostics.push(error(file, line, "CSV_UNKNOWN_COLUMN", `unknown column \`${header}\`; ${hint}`, column));
      continue;
    }
    recognised++;
    if (typeof resolved === "object") {
      const previous = attributeColumns[resolved.attribute];
      if (previous !== undefined) {
        diagnostics.push(
          error(
            file,
            line,
            "CSV_DUPLICATE_COLUMN",
            `column \`${header}\` repeats attribute \`${resolved.attribute}\` of column ${previous}`,
            column,
          ),
        );
        continue;
      }
      attributeColumns[resolved.attribute] = column;
      allColumns[`attr:${resolved.attribute}`] = column;
      attributes.push({ name: resolved.attribute, index: i });
      continue;
    }
    const previous = index[resolved];
    if (previous !== undefined) {
      const flagNow = resolved === "status" && isArchivedFlagHeader(header);
      if (resolved === "status" && flagNow !== archivedFlag) {
        // `status` and `isArchived` can disagree row by row, so neither can win silently.
        diagnostics.push(
          error(
            file,
            line,
            "ROW_CONFLICTING_COLUMNS",
            `columns \`${written[previous]}\` (column ${previous + 1}) and \`${header}\` both set the status; keep one`,
            column,
          ),
        );
      } else {
        diagnostics.push(
          error(
            file,
            line,
            "CSV_DUPLICATE_COLUMN",
            `column \`${header}\` repeats \`${resolved}\` (column ${previous + 1}, \`${written[previous]}\`)`,
            column,
          ),
        );
      }
      continue;
    }
    index[resolved] = i;
    columns[resolved] = column;
    allColumns[resolved] = column;
    if (resolved === "status") archivedFlag = isArchivedFlagHeader(header);
  }

  let usable = true;
  const only = written[0] ?? "";
  if (cells.length === 1 && (only.includes(";") || only.includes("\t"))) {
    // Excel in locales with a decimal comma saves "CSV" with `;`; a TSV has tabs. Either way the
    // whole header lands in one column (docs/csv-edge-cases.md#semicolon-delimiter).
    const kind = only.includes(";") ? "semicolon" : "tab";
    diagnostics.length = 0;
    diagnostics.push(
      error(
        file,
        line,
        "CSV_DELIMITER",
        `the header is a single column containing ${kind === "semicolon" ? "`;`" : "tabs"}: the file looks ${kind}-delimited; save it as comma-separated "CSV UTF-8"`,
        1,
      ),
    );
    usable = false;
  } else if (recognised === 0 && unknown > 0 && written.some((h) => h.includes("@"))) {
    // The first row holds an address: it is data, and the header row is missing.
    diagnostics.length = 0;
    diagnostics.push(
      error(
        file,
        line,
        "CSV_MISSING_HEADER",
        "the first row looks like data, not a header; add a header row such as `email,first_name,last_name,groups`",
      ),
    );
    usable = false;
  } else if (index.email === undefined) {
    diagnostics.push(
      error(file, line, "CSV_MISSING_EMAIL_COLUMN", "the header has no `email` column; it is the key of every row"),
    );
    usable = false;
  }

  const nameFillsFirst = index.name !== undefined && index.first_name === undefined;
  const nameFillsLast = index.name !== undefined && index.last_name === undefined;
  if (index.name !== undefined && !nameFillsFirst && !nameFillsLast) {
    diagnostics.push(
      error(
        file,
        line,
        "ROW_CONFLICTING_COLUMNS",
        "column `name` is ignored because `first_name` and `last_name` are present",
        index.name + 1,
        "warning",
      ),
    );
  }

  return {
    layout: {
      fieldCount: cells.length,
      index,
      archivedFlag,
      attributes,
      unnamed,
      nameFillsFirst,
      nameFillsLast,
      columns,
      attributeColumns,
      allColumns,
      usable,
    },
    diagnostics,
  };
}
