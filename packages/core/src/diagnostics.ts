/**
 * Problems found in users.csv or in a plan, reported all at once (Terraform's diagnostics model).
 * `line` is the physical line of the file where the offending row starts; `column` is 1-based
 * and names the CSV column (field index + 1), or is omitted when the problem is the whole row.
 */
export type Severity = "error" | "warning" | "notice";

export type DiagnosticCode =
  // reading the file
  | "CSV_INVALID_UTF8"
  | "CSV_EMPTY"
  | "CSV_MISSING_HEADER"
  | "CSV_MISSING_EMAIL_COLUMN"
  | "CSV_DUPLICATE_COLUMN"
  | "CSV_UNKNOWN_COLUMN"
  | "CSV_RAGGED_ROW"
  | "CSV_MALFORMED"
  | "CSV_DELIMITER"
  // roster.yml (config/load-config.ts)
  | "CONFIG_YAML"
  | "CONFIG_UNKNOWN_KEY"
  | "CONFIG_INVALID_VALUE"
  | "CONFIG_SECRET"
  | "CONFIG_USERS_NOT_FOUND"
  // a users file read with roster.yml (csv/multi-vendor.ts)
  | "CSV_UNKNOWN_VENDOR"
  | "ROW_UNKNOWN_COMPANY_GROUP"
  | "ROW_INVALID_VENDORS"
  // row values
  | "ROW_MISSING_EMAIL"
  | "ROW_INVALID_EMAIL"
  | "ROW_DUPLICATE_EMAIL"
  | "ROW_INVALID_STATUS"
  | "ROW_INVALID_VALUE"
  | "ROW_CONFLICTING_COLUMNS"
  // planning against a vendor
  | "PLAN_UNKNOWN_ROLE"
  | "PLAN_UNKNOWN_GROUP"
  | "PLAN_RESERVED_GROUP"
  | "PLAN_PROTECTED_USER"
  | "PLAN_UNSUPPORTED"
  | "PLAN_RENAME_CONFLICT"
  | "PLAN_VENDOR_REJECTS"
  // a kind of vendor data the file uses was not read (plan/read-needs.ts)
  | "PLAN_NOT_READ"
  | "PLAN_UNSAFE";

export interface Diagnostic {
  readonly severity: Severity;
  readonly code: DiagnosticCode;
  readonly message: string;
  readonly file: string;
  /** 1-based physical line; 0 when the problem concerns the file as a whole. */
  readonly line: number;
  /** 1-based column (CSV field index + 1), when one field is at fault. */
  readonly column?: number;
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === "error");
}

const severityRank: Record<Severity, number> = { error: 0, warning: 1, notice: 2 };

/** Worst first, then by position in the file: the order annotations and reports use. */
export function sortDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort(
    (a, b) =>
      severityRank[a.severity] - severityRank[b.severity] ||
      a.file.localeCompare(b.file) ||
      a.line - b.line ||
      (a.column ?? 0) - (b.column ?? 0) ||
      a.code.localeCompare(b.code),
  );
}

/** `users.csv:12:3` — the location prefix used in terminal output. */
export function formatLocation(d: Pick<Diagnostic, "file" | "line" | "column">): string {
  if (d.line === 0) return d.file;
  return d.column === undefined ? `${d.file}:${d.line}` : `${d.file}:${d.line}:${d.column}`;
}
