import { readFile } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import { closest, distance } from "fastest-levenshtein";
import type { Node } from "yaml";
import type { Diagnostic, DiagnosticCode } from "../diagnostics.js";
import { CoreError } from "../errors.js";
import { defaultPolicy, type Policy } from "../model/policy.js";
import { VENDOR_IDS, type VendorId, type VendorSettings } from "../vendors/vendor.js";
import { RosterConfigError } from "./config-error.js";
import type { RosterFile } from "./schema.js";

// yaml and the zod schema load on first use: every CLI and Action start would pay for them, and
// only a run with roster.yml needs them.
type Yaml = typeof import("yaml");
type Schema = typeof import("./schema.js");
let modules: Promise<{ yaml: Yaml; schema: Schema }> | undefined;
function loadModules(): Promise<{ yaml: Yaml; schema: Schema }> {
  modules ??= Promise.all([import("yaml"), import("./schema.js")]).then(([yaml, schema]) => ({ yaml, schema }));
  return modules;
}

/** The file Roster looks for at the repository root (or the working directory) by default. */
export const DEFAULT_CONFIG_FILE = "roster.yml";

export interface CompanyGroup {
  readonly name: string;
  /** Line of its key in roster.yml, for messages. */
  readonly line: number;
  /**
   * The vendor's own group names this company group maps to, keyed by vendor id, or by
   * `periscope.<site>` for a site whose names differ (an RBAC site's roles): that key replaces the
   * vendor's mapping for that site.
   */
  readonly vendors: Readonly<Record<string, readonly string[]>>;
}

export interface VendorConfig {
  readonly id: VendorId;
  readonly policy: Policy;
  /**
   * Settings roster.yml contributes, under the environment variable names the vendor reads
   * (`PERISCOPE_SITE`, `ADOBE_DEFAULT_COUNTRY`...). Never a secret (those stay in the environment).
   */
  readonly settings: Readonly<Record<string, string>>;
  /** Periscope: the sites roster.yml lists, in order (each is a target of its own). */
  readonly sites?: readonly string[];
}

export interface RosterConfig {
  /** roster.yml as named by the caller (shown in messages). */
  readonly file: string;
  /** Absolute directory of roster.yml: every path in it is relative to this. */
  readonly dir: string;
  /** The `users:` entries as written (paths or globs, relative to `dir`); default `users.csv`. */
  readonly users: readonly string[];
  /** Line of the `users:` key (0 when absent), for messages about the files it names. */
  readonly usersLine: number;
  /** The vendors in the order roster.yml lists them. */
  readonly vendors: readonly VendorConfig[];
  readonly groups: readonly CompanyGroup[];
}

/**
 * Keys that look like they hold a credential. roster.yml is reviewed in pull requests and kept in
 * Git history, so a secret written there has leaked already; refusing it says so at once.
 */
const SECRET_KEY = /secret|passw(or)?d|token|api[-_ ]?key|private[-_ ]?key|credential|client[-_ ]?id/i;

/** Reads and validates roster.yml. Throws RosterConfigError listing every problem with its position. */
export async function loadRosterConfig(path: string, displayName = path): Promise<RosterConfig> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    throw new CoreError("CONFIG_MISSING", `cannot read ${displayName}: ${reason}`, { cause });
  }
  return parseRosterConfig(text, displayName, dirname(resolve(path)));
}

/** Validates roster.yml text; `dir` is where its relative paths start. */
export async function parseRosterConfig(text: string, file: string, dir: string): Promise<RosterConfig> {
  const { yaml, schema } = await loadModules();
  const { LineCounter, parseDocument } = yaml;
  const { keysAt, rosterSchema } = schema;
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const diagnostics: Diagnostic[] = [];
  const at = (offset: number | undefined): { line: number; column: number } => {
    if (offset === undefined) return { line: 0, column: 0 };
    const pos = lineCounter.linePos(offset);
    return { line: pos.line, column: pos.col };
  };
  const report = (code: DiagnosticCode, message: string, offset: number | undefined): void => {
    const { line, column } = at(offset);
    diagnostics.push(
      line === 0
        ? { severity: "error", code, message, file, line }
        : { severity: "error", code, message, file, line, column },
    );
  };

  for (const error of doc.errors) report("CONFIG_YAML", error.message.split("\n")[0] ?? error.message, error.pos[0]);
  if (diagnostics.length > 0) throw new RosterConfigError(file, diagnostics);
  if (doc.contents === null) {
    report("CONFIG_INVALID_VALUE", "the file is empty; it needs at least `vendors:`", undefined);
    throw new RosterConfigError(file, diagnostics);
  }

  findSecretKeys(yaml, doc.contents, [], (key, node) =>
    report(
      "CONFIG_SECRET",
      `\`${key}\` looks like a secret; roster.yml is reviewed and kept in Git history, so it holds no credentials: set them in the environment (e.g. SIGMA_CLIENT_SECRET, PERISCOPE_API_KEY, ADOBE_CLIENT_SECRET)`,
      node.range?.[0],
    ),
  );

  const parsed = rosterSchema.safeParse(doc.toJS());
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const path = issue.path.filter((p): p is string | number => typeof p !== "symbol");
      if (issue.code === "unrecognized_keys") {
        for (const key of issue.keys) {
          if (SECRET_KEY.test(key)) continue; // already reported as a secret
          const allowed = keysAt(path) ?? [];
          report(
            "CONFIG_UNKNOWN_KEY",
            `unknown key \`${key}\`${where(path)}; ${suggest(key, allowed)}`,
            keyOffset(yaml, doc.contents, path, key),
          );
        }
        continue;
      }
      const node = nodeAt(yaml, doc.contents, path);
      const message =
        issue.code === "invalid_union" || issue.code === "invalid_value"
          ? describeExpected(path, issue.message)
          : issue.message;
      report("CONFIG_INVALID_VALUE", `\`${path.join(".") || "(top level)"}\` ${lowerFirst(message)}`, node?.range?.[0]);
    }
  }
  if (parsed.success && Object.values(parsed.data.vendors).every((v) => v === undefined)) {
    report(
      "CONFIG_INVALID_VALUE",
      "`vendors` must name at least one vendor (sigma, periscope, adobe)",
      nodeAt(yaml, doc.contents, ["vendors"])?.range?.[0],
    );
  }
  if (parsed.success) {
    // Mapping keys: a vendor id, or `periscope.<site>` for a site listed under vendors.periscope.sites.
    const sites = parsed.data.vendors.periscope?.sites ?? [];
    const allowed = [...VENDOR_IDS, ...sites.map((site) => `periscope.${site}`)];
    for (const [name, mapping] of Object.entries(parsed.data.groups ?? {})) {
      for (const key of Object.keys(mapping ?? {})) {
        if (allowed.includes(key)) continue;
        const hint = key.startsWith("periscope.")
          ? `a site must be listed under \`vendors.periscope.sites\`${sites.length > 0 ? ` (${sites.join(", ")})` : ""}`
          : suggest(key, allowed);
        report(
          "CONFIG_UNKNOWN_KEY",
          `unknown key \`${key}\` under \`groups.${name}\`; ${hint}`,
          keyOffset(yaml, doc.contents, ["groups", name], key),
        );
      }
    }
  }
  if (diagnostics.length > 0 || !parsed.success) throw new RosterConfigError(file, diagnostics);
  // The order roster.yml lists vendors in is the order they are planned and reported in.
  const written = doc.toJS() as { vendors?: Record<string, unknown> };
  return build(yaml, parsed.data, Object.keys(written.vendors ?? {}) as VendorId[], file, dir, doc.contents, at);
}

function build(
  yaml: Yaml,
  data: RosterFile,
  order: readonly VendorId[],
  file: string,
  dir: string,
  root: Node,
  at: (offset: number | undefined) => { line: number },
): RosterConfig {
  const users = data.users === undefined ? ["users.csv"] : typeof data.users === "string" ? [data.users] : data.users;
  const vendors: VendorConfig[] = [];
  for (const id of order) {
    const raw = data.vendors[id];
    if (raw === undefined) continue;
    const v = raw as {
      "absent-users"?: Policy["absentUsers"];
      "group-scope"?: Policy["groupScope"];
      "create-groups"?: boolean;
      protect?: string[];
      "removal-threshold"?: number;
      "removal-floor"?: number;
      sites?: string[];
      "default-identity-type"?: string;
      "default-country"?: string;
    };
    const policy: Policy = {
      absentUsers: v["absent-users"] ?? defaultPolicy.absentUsers,
      groupScope: v["group-scope"] ?? defaultPolicy.groupScope,
      createMissingGroups: v["create-groups"] ?? defaultPolicy.createMissingGroups,
      protectedUsers: [...defaultPolicy.protectedUsers, ...(v.protect ?? [])],
      removalThreshold: {
        percent: v["removal-threshold"] ?? defaultPolicy.removalThreshold.percent,
        floor: v["removal-floor"] ?? defaultPolicy.removalThreshold.floor,
      },
    };
    const settings: Record<string, string> = {};
    if (v.sites !== undefined) settings.PERISCOPE_SITE = v.sites.join(",");
    if (v["default-identity-type"] !== undefined) settings.ADOBE_DEFAULT_IDENTITY_TYPE = v["default-identity-type"];
    if (v["default-country"] !== undefined) settings.ADOBE_DEFAULT_COUNTRY = v["default-country"].toUpperCase();
    vendors.push({ id, policy, settings, ...(v.sites === undefined ? {} : { sites: v.sites }) });
  }
  const groups: CompanyGroup[] = [];
  for (const [name, mapping] of Object.entries(data.groups ?? {})) {
    const mapped: Record<string, readonly string[]> = {};
    for (const [id, value] of Object.entries(mapping ?? {}) as [string, string | string[] | undefined][]) {
      if (value === undefined) continue;
      mapped[id] = typeof value === "string" ? [value] : value;
    }
    groups.push({ name: name.trim(), line: at(keyOffset(yaml, root, ["groups"], name)).line, vendors: mapped });
  }
  const usersLine = data.users === undefined ? 0 : at(keyOffset(yaml, root, [], "users")).line;
  return { file, dir, users, usersLine, vendors, groups };
}

/**
 * The settings a vendor is created with under a config: the environment, plus what roster.yml
 * says. When both set the same variable to different values, that is an error rather than a
 * silent winner (PERISCOPE_SITE lists the sites in the order of PERISCOPE_API_KEY).
 */
export function settingsWithConfig(env: VendorSettings, vendor: VendorConfig, file: string): VendorSettings {
  for (const [name, value] of Object.entries(vendor.settings)) {
    const fromEnv = env[name]?.trim();
    if (fromEnv !== undefined && fromEnv !== "" && fromEnv.replace(/\s*,\s*/g, ",") !== value) {
      throw new RosterConfigError(file, [
        {
          severity: "error",
          code: "CONFIG_INVALID_VALUE",
          file,
          line: 0,
          message: `${name} is set in the environment to ${JSON.stringify(fromEnv)} but ${file} says ${JSON.stringify(value)} for ${vendor.id}; keep one (roster.yml is the reviewed one)`,
        },
      ]);
    }
  }
  return { ...env, ...vendor.settings };
}

function where(path: readonly (string | number)[]): string {
  return path.length === 0 ? "" : ` under \`${path.join(".")}\``;
}

function suggest(key: string, allowed: readonly string[]): string {
  if (allowed.length === 0) return "remove it";
  const match = closest(key, [...allowed]);
  const limit = Math.max(2, Math.floor(key.length * 0.4));
  if (distance(key, match) <= limit) return `did you mean \`${match}\`?`;
  return `accepted keys: ${allowed.join(", ")}`;
}

function describeExpected(path: readonly (string | number)[], fallback: string): string {
  const last = path[path.length - 1];
  if (last === "users") return "must be a path or a list of paths and globs, e.g. `users.csv` or `[people/*.csv]`";
  if (path[0] === "groups" && path.length >= 3) return "must be a group name or a list of group names";
  if (path[0] === "vendors" && path.length === 2) return "must be a map of settings (or empty for the defaults)";
  if (path[0] === "groups" && path.length === 2) return "must map vendors to group names, e.g. `sigma: [Analytics]`";
  return fallback;
}

function lowerFirst(text: string): string {
  return text.length === 0 ? text : text[0]?.toLowerCase() + text.slice(1);
}

function nodeAt(yaml: Yaml, root: Node, path: readonly (string | number)[]): Node | undefined {
  const { isMap, isScalar, isSeq } = yaml;
  let node: unknown = root;
  for (const key of path) {
    if (isMap(node)) {
      const pair = node.items.find((item) => isScalar(item.key) && String(item.key.value) === String(key));
      if (pair === undefined) return node as Node;
      node = pair.value ?? pair.key;
    } else if (isSeq(node) && typeof key === "number") {
      node = node.items[key];
    } else return node as Node;
  }
  return node as Node;
}

function keyOffset(yaml: Yaml, root: Node, path: readonly (string | number)[], key: string): number | undefined {
  const { isMap, isScalar } = yaml;
  const parent = nodeAt(yaml, root, path);
  if (!isMap(parent)) return parent?.range?.[0];
  const pair = parent.items.find((item) => isScalar(item.key) && String(item.key.value) === key);
  return isScalar(pair?.key) ? pair.key.range?.[0] : parent.range?.[0];
}

function findSecretKeys(
  yaml: Yaml,
  node: unknown,
  path: readonly string[],
  found: (key: string, node: Node) => void,
): void {
  const { isMap, isPair, isScalar, isSeq } = yaml;
  if (isMap(node)) {
    for (const item of node.items) {
      if (!isPair(item) || !isScalar(item.key)) continue;
      const key = String(item.key.value);
      // Company group names (`groups.<name>`) are the company's words, not settings.
      const isGroupName = path.length === 1 && path[0] === "groups";
      if (!isGroupName && SECRET_KEY.test(key)) found(key, item.key);
      findSecretKeys(yaml, item.value, [...path, key], found);
    }
  } else if (isSeq(node)) {
    for (const item of node.items) findSecretKeys(yaml, item, path, found);
  }
}
