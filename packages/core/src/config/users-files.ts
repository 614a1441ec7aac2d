import { glob, stat } from "node:fs/promises";
import { isAbsolute, relative, resolve, sep } from "node:path";
import type { Diagnostic } from "../diagnostics.js";
import { RosterConfigError } from "./config-error.js";
import type { RosterConfig } from "./load-config.js";

export interface UsersFile {
  /** Absolute path, to open. */
  readonly path: string;
  /** Path relative to roster.yml's directory, with `/` separators: the name in every diagnostic. */
  readonly name: string;
}

const GLOB_CHARS = /[*?[\]{}]/;

/**
 * The users files roster.yml names, in a stable order: entries in the order written, the matches
 * of each glob sorted by name, a file named twice read once. Globs use Node's own `fs.glob`
 * (stable on Node 24, which Roster runs on: no dependency and the same matching in the CLI and
 * the Action). A path that does not exist, or a glob that matches no file, is an error: a typo
 * must not read as "nobody works here".
 */
export async function expandUsersFiles(config: RosterConfig, displayDir = ""): Promise<UsersFile[]> {
  const files: UsersFile[] = [];
  const seen = new Set<string>();
  const problems: Diagnostic[] = [];
  const add = (path: string): void => {
    if (seen.has(path)) return;
    seen.add(path);
    const rel = relative(config.dir, path).split(sep).join("/");
    files.push({ path, name: displayDir === "" ? rel : `${displayDir.replace(/\/+$/, "")}/${rel}` });
  };
  for (const entry of config.users) {
    if (!GLOB_CHARS.test(entry)) {
      const path = isAbsolute(entry) ? entry : resolve(config.dir, entry);
      const found = await stat(path).catch(() => undefined);
      if (found?.isFile() !== true) {
        problems.push(
          missing(
            config,
            `users file \`${entry}\` ${found === undefined ? "does not exist" : "is not a file"} (paths are relative to ${config.file})`,
          ),
        );
        continue;
      }
      add(path);
      continue;
    }
    const matches: string[] = [];
    for await (const match of glob(entry, { cwd: config.dir })) matches.push(resolve(config.dir, match));
    matches.sort();
    const regular: string[] = [];
    for (const match of matches) if ((await stat(match).catch(() => undefined))?.isFile() === true) regular.push(match);
    if (regular.length === 0) {
      problems.push(missing(config, `\`${entry}\` matches no file (globs are relative to ${config.file})`));
      continue;
    }
    for (const match of regular) add(match);
  }
  if (problems.length > 0) throw new RosterConfigError(config.file, problems);
  return files;
}

function missing(config: RosterConfig, message: string): Diagnostic {
  return { severity: "error", code: "CONFIG_USERS_NOT_FOUND", file: config.file, line: config.usersLine, message };
}
