import { constants } from "node:fs";
import { type FileHandle, open, realpath } from "node:fs/promises";
import { isAbsolute, relative, resolve } from "node:path";
import type { DesiredState, ReadUsersCsvOptions } from "@roster/core";
import { ConfigError, CoreError, readUsersCsv } from "@roster/core";

/**
 * The Action reads files only from inside the checked-out repository (GITHUB_WORKSPACE). A path
 * input such as `csv: ../../etc/passwd`, or a users.csv that a fork pull request turned into a
 * symbolic link to `/proc/self/environ`, would otherwise be read and quoted back into the
 * annotations, the job summary and the pull request comment: the runner's files and the step's
 * environment (tokens) in public.
 *
 * Rules (README "Files the Action reads"):
 * - the path is resolved against the workspace, then its real path (every symbolic link followed);
 * - the real path must lie inside the real workspace: a link that stays inside is fine, one that
 *   leaves it is refused, whatever it points at;
 * - the file must be a regular file (not a directory, device, socket or pipe);
 * - a refusal is a ConfigError (code `CONFIG_INVALID`) naming the input and the path as given, and
 *   quotes nothing of the target: neither its content nor where a link points (a fork chooses a
 *   link's target text freely).
 *
 * The file is opened without following a link at the last step (`O_NOFOLLOW`) and checked on the
 * open handle, so what is read is what was checked.
 */
export type WorkspaceRefusal = "outside" | "link-outside" | "not-regular" | "missing";

/** The refusal, with which rule it broke in `reason` (tests and callers branch on it). */
export class WorkspaceFileError extends ConfigError {
  readonly reason: WorkspaceRefusal;

  constructor(input: string, reason: WorkspaceRefusal, message: string) {
    super(input, message);
    this.name = "WorkspaceFileError";
    this.reason = reason;
  }
}

function isInside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === "" || (!rel.startsWith("..") && !isAbsolute(rel));
}

function errnoOf(error: unknown): string | undefined {
  return typeof error === "object" && error !== null && "code" in error ? String(error.code) : undefined;
}

/**
 * Opens `path` (relative to `workspace`) for reading after the checks above. `input` names the
 * Action input the path came from, for the message. The caller closes the handle.
 */
export async function openWorkspaceFile(workspace: string, path: string, input: string): Promise<FileHandle> {
  const shown = `\`${input}\` input "${path}"`;
  const root = await realpath(workspace);
  const given = resolve(root, path);
  if (!isInside(root, given)) {
    throw new WorkspaceFileError(
      input,
      "outside",
      `The ${shown} points outside the workspace (GITHUB_WORKSPACE): Roster reads only files inside the checked-out repository. Give a path relative to the repository root.`,
    );
  }
  let real: string;
  try {
    real = await realpath(given);
  } catch (error) {
    if (errnoOf(error) === "ENOENT" || errnoOf(error) === "ENOTDIR") {
      throw new WorkspaceFileError(
        input,
        "missing",
        `The ${shown} names no file in the repository (nothing there, or a link to nothing). Check the path, and that the workflow checks the repository out (actions/checkout) before this step.`,
      );
    }
    throw error;
  }
  if (!isInside(root, real)) {
    throw new WorkspaceFileError(
      input,
      "link-outside",
      `The ${shown} is a symbolic link, or lies under one, that leads outside the workspace: Roster refuses to read it. Replace the link with the file itself.`,
    );
  }
  const notRegular = () =>
    new WorkspaceFileError(
      input,
      "not-regular",
      `The ${shown} is not a regular file (a directory, device, socket or pipe): Roster reads only regular files.`,
    );
  let handle: FileHandle;
  try {
    // O_NONBLOCK: opening a named pipe must not wait for a writer; a regular file ignores it.
    handle = await open(real, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  } catch (error) {
    // ELOOP: the last step became a link after realpath looked (a race); ENXIO: a socket.
    if (errnoOf(error) === "ELOOP" || errnoOf(error) === "ENXIO") throw notRegular();
    throw error;
  }
  const stats = await handle.stat().catch(async (error: unknown) => {
    await handle.close();
    throw error;
  });
  if (!stats.isFile()) {
    await handle.close();
    throw notRegular();
  }
  return handle;
}

/**
 * users.csv from the workspace through `openWorkspaceFile`, streamed into the core reader.
 * `displayName` is the path as given, so diagnostics name `users.csv`, not the runner's path.
 */
export async function readWorkspaceUsersCsv(
  workspace: string,
  path: string,
  input: string,
  options: ReadUsersCsvOptions,
): Promise<DesiredState> {
  const handle = await openWorkspaceFile(workspace, path, input);
  const stream = handle.createReadStream({ highWaterMark: 64 * 1024, autoClose: false });
  try {
    return await readUsersCsv({ file: path, input: stream }, options);
  } catch (cause) {
    if (typeof cause === "object" && cause !== null && "syscall" in cause) {
      throw new CoreError("CSV_UNREADABLE", `cannot read ${path}: ${errnoOf(cause) ?? "read failed"}`, { cause });
    }
    throw cause;
  } finally {
    stream.destroy();
    await handle.close().catch(() => undefined);
  }
}
