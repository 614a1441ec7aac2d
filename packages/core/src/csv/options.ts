import type { Diagnostic } from "../diagnostics.js";
import type { DesiredUser } from "../model/desired.js";

export interface ReadUsersCsvOptions {
  /**
   * What separates names in a `groups` cell. Default `[";"]`. The Adobe vendor passes
   * `[";", ","]` because User Sync Tool files use commas inside a quoted cell.
   */
  readonly groupSeparators?: readonly string[];
  /**
   * A vendor's offline check of one row, called for every row that has no error of its own.
   * `columns` maps canonical names and `attr:<name>` to 1-based column numbers. A returned error
   * keeps the user out of the result, like any other row error.
   */
  readonly validateUser?: (user: DesiredUser, file: string, columns: Readonly<Record<string, number>>) => Diagnostic[];
}
