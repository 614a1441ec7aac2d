"use strict";
exports.id = 55;
exports.ids = [55];
exports.modules = {

/***/ 95055:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  start: () => (/* binding */ start)
});

// EXTERNAL MODULE: ../../node_modules/.pnpm/@actions+core@3.0.1/node_modules/@actions/core/lib/core.js + 11 modules
var core = __webpack_require__(2121);
// EXTERNAL MODULE: ../core/dist/runtime/heap.js + 1 modules
var heap = __webpack_require__(8821);
;// CONCATENATED MODULE: ./src/output-guard.ts
/**
 * The log is written by @actions/core (`core.info`, `warning`, `error`, `setFailed`, annotations)
 * and by anything else in the process (a library's console.error, Node's own crash report), all
 * through `process.stdout.write` / `process.stderr.write`. Guarding those two writes runs every
 * log line through the run's redactor, whoever wrote it, so no call site can forget.
 *
 * `::add-mask::` lines pass untouched: they are how the runner learns a secret, and it consumes
 * them instead of showing them.
 */
const ADD_MASK = "::add-mask::";
function redactLogText(text, redact) {
    return text
        .split("\n")
        .map((line) => (line.startsWith(ADD_MASK) ? line : redact(line)))
        .join("\n");
}
function guardStream(stream, redact) {
    const write = stream.write.bind(stream);
    stream.write = ((chunk, ...rest) => {
        if (typeof chunk === "string")
            return write(redactLogText(chunk, redact), ...rest);
        if (chunk instanceof Uint8Array) {
            // Text written as bytes (a string encoding argument does not apply to a buffer).
            return write(Buffer.from(redactLogText(Buffer.from(chunk).toString("utf8"), redact), "utf8"), ...rest);
        }
        return write(chunk, ...rest);
    });
}
let installed = false;
/** Routes stdout and stderr through `redact` for the rest of the process. Idempotent. */
function guardProcessOutput(redact) {
    if (installed)
        return;
    installed = true;
    guardStream(process.stdout, redact);
    guardStream(process.stderr, redact);
}

;// CONCATENATED MODULE: ../core/dist/diagnostics.js
function hasErrors(diagnostics) {
    return diagnostics.some((d) => d.severity === "error");
}
const severityRank = { error: 0, warning: 1, notice: 2 };
/** Worst first, then by position in the file: the order annotations and reports use. */
function sortDiagnostics(diagnostics) {
    return [...diagnostics].sort((a, b) => severityRank[a.severity] - severityRank[b.severity] ||
        a.file.localeCompare(b.file) ||
        a.line - b.line ||
        (a.column ?? 0) - (b.column ?? 0) ||
        a.code.localeCompare(b.code));
}
/** `users.csv:12:3` — the location prefix used in terminal output. */
function diagnostics_formatLocation(d) {
    if (d.line === 0)
        return d.file;
    return d.column === undefined ? `${d.file}:${d.line}` : `${d.file}:${d.line}:${d.column}`;
}
//# sourceMappingURL=diagnostics.js.map
;// CONCATENATED MODULE: ../core/dist/errors.js
class CoreError extends Error {
    code;
    constructor(code, message, options) {
        super(message, options);
        this.name = "CoreError";
        this.code = code;
    }
}
/** A setting is missing or invalid. `setting` names the environment variable, flag or input. */
class errors_ConfigError extends CoreError {
    setting;
    constructor(setting, message, code = "CONFIG_INVALID") {
        super(code, message);
        this.name = "ConfigError";
        this.setting = setting;
    }
}
/**
 * A setting's value as a message may show it. Settings come from environment variables and Action
 * inputs, where a secret pasted into the wrong one is a common slip, and the message that rejects it
 * must not print it. Short values (`yes`, `v3`, `DE`, `federated`), URLs and addresses are shown
 * whole, quoted; anything else longer than 16 characters only by its first 4 characters and its
 * length: enough to recognise which value was set, not enough to leak a key.
 */
function shownValue(value) {
    if (value.length <= 16 || /:\/\/|@/.test(value))
        return JSON.stringify(value);
    return `${JSON.stringify(`${value.slice(0, 4)}…`)} (${value.length} characters)`;
}
/**
 * A vendor's answer failed its schema or a completeness check (a listing whose count disagrees with
 * the total it claims, a cursor that repeats). `request` names it as `METHOD /path`, never with its
 * query (tokens and cursors stay out of messages). Nothing read from such an answer is used.
 */
class VendorProtocolError extends CoreError {
    vendor;
    request;
    constructor(vendor, request, problem, options = {}) {
        // A write's answer came back unreadable, not the write: the vendor may have carried it out.
        const write = options.write ?? !/^(GET|HEAD) /.test(request);
        super("VENDOR_PROTOCOL", write
            ? `${vendor} answered ${request} with ${problem}. ${vendor} may have made the change or not; the next plan reads back what it did. If this persists, check any proxy or gateway between Roster and ${vendor}.`
            : `${vendor} answered ${request} with ${problem}. Roster stops rather than act on an answer it cannot trust; run it again, and if this persists, check any proxy or gateway between Roster and ${vendor}.`);
        this.name = "VendorProtocolError";
        this.vendor = vendor;
        this.request = request;
    }
}
/** An impossible state: a bug in Roster, never a user error. */
class errors_InternalError extends CoreError {
    constructor(message, options) {
        super("INTERNAL", message, options);
        this.name = "InternalError";
    }
}
function isCoreError(error) {
    return (typeof error === "object" &&
        error !== null &&
        error instanceof Error &&
        "code" in error &&
        typeof error.code === "string");
}
//# sourceMappingURL=errors.js.map
;// CONCATENATED MODULE: ../core/dist/config/config-error.js


/**
 * roster.yml is invalid. Carries every problem found in one pass, each with file:line:column, and
 * its message lists them the way a terminal shows users.csv errors, so a caller that only prints
 * `error.message` still shows where to look.
 */
class RosterConfigError extends errors_ConfigError {
    diagnostics;
    constructor(file, diagnostics) {
        const sorted = sortDiagnostics(diagnostics);
        const lines = sorted.map((d) => `${diagnostics_formatLocation(d)}: ${d.message}`);
        super(file, `${file} is invalid:\n${lines.join("\n")}`);
        this.name = "RosterConfigError";
        this.diagnostics = sorted;
    }
}
//# sourceMappingURL=config-error.js.map
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(51455);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
// EXTERNAL MODULE: ../../node_modules/.pnpm/fastest-levenshtein@1.0.16/node_modules/fastest-levenshtein/mod.js
var mod = __webpack_require__(16151);
// EXTERNAL MODULE: ../core/dist/model/policy.js
var model_policy = __webpack_require__(2466);
;// CONCATENATED MODULE: ../core/dist/vendors/vendor.js
const VENDOR_IDS = ["sigma", "periscope", "adobe"];
//# sourceMappingURL=vendor.js.map
;// CONCATENATED MODULE: ../core/dist/config/load-config.js







let modules;
function loadModules() {
    modules ??= Promise.all([__webpack_require__.e(/* import() */ 293).then(__webpack_require__.t.bind(__webpack_require__, 88293, 19)), __webpack_require__.e(/* import() */ 584).then(__webpack_require__.bind(__webpack_require__, 73584))]).then(([yaml, schema]) => ({ yaml, schema }));
    return modules;
}
/** The file Roster looks for at the repository root (or the working directory) by default. */
const DEFAULT_CONFIG_FILE = "roster.yml";
/**
 * Keys that look like they hold a credential. roster.yml is reviewed in pull requests and kept in
 * Git history, so a secret written there has leaked already; refusing it says so at once.
 */
const SECRET_KEY = /secret|passw(or)?d|token|api[-_ ]?key|private[-_ ]?key|credential|client[-_ ]?id/i;
/** Reads and validates roster.yml. Throws RosterConfigError listing every problem with its position. */
async function loadRosterConfig(path, displayName = path) {
    let text;
    try {
        text = await (0,promises_.readFile)(path, "utf8");
    }
    catch (cause) {
        const reason = cause instanceof Error ? cause.message : String(cause);
        throw new CoreError("CONFIG_MISSING", `cannot read ${displayName}: ${reason}`, { cause });
    }
    return parseRosterConfig(text, displayName, (0,external_node_path_.dirname)((0,external_node_path_.resolve)(path)));
}
/** Validates roster.yml text; `dir` is where its relative paths start. */
async function parseRosterConfig(text, file, dir) {
    const { yaml, schema } = await loadModules();
    const { LineCounter, parseDocument } = yaml;
    const { keysAt, rosterSchema } = schema;
    const lineCounter = new LineCounter();
    const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
    const diagnostics = [];
    const at = (offset) => {
        if (offset === undefined)
            return { line: 0, column: 0 };
        const pos = lineCounter.linePos(offset);
        return { line: pos.line, column: pos.col };
    };
    const report = (code, message, offset) => {
        const { line, column } = at(offset);
        diagnostics.push(line === 0
            ? { severity: "error", code, message, file, line }
            : { severity: "error", code, message, file, line, column });
    };
    for (const error of doc.errors)
        report("CONFIG_YAML", error.message.split("\n")[0] ?? error.message, error.pos[0]);
    if (diagnostics.length > 0)
        throw new RosterConfigError(file, diagnostics);
    if (doc.contents === null) {
        report("CONFIG_INVALID_VALUE", "the file is empty; it needs at least `vendors:`", undefined);
        throw new RosterConfigError(file, diagnostics);
    }
    findSecretKeys(yaml, doc.contents, [], (key, node) => report("CONFIG_SECRET", `\`${key}\` looks like a secret; roster.yml is reviewed and kept in Git history, so it holds no credentials: set them in the environment (e.g. SIGMA_CLIENT_SECRET, PERISCOPE_API_KEY, ADOBE_CLIENT_SECRET)`, node.range?.[0]));
    const parsed = rosterSchema.safeParse(doc.toJS());
    if (!parsed.success) {
        for (const issue of parsed.error.issues) {
            const path = issue.path.filter((p) => typeof p !== "symbol");
            if (issue.code === "unrecognized_keys") {
                for (const key of issue.keys) {
                    if (SECRET_KEY.test(key))
                        continue; // already reported as a secret
                    const allowed = keysAt(path) ?? [];
                    report("CONFIG_UNKNOWN_KEY", `unknown key \`${key}\`${where(path)}; ${suggest(key, allowed)}`, keyOffset(yaml, doc.contents, path, key));
                }
                continue;
            }
            const node = nodeAt(yaml, doc.contents, path);
            const message = issue.code === "invalid_union" || issue.code === "invalid_value"
                ? describeExpected(path, issue.message)
                : issue.message;
            report("CONFIG_INVALID_VALUE", `\`${path.join(".") || "(top level)"}\` ${lowerFirst(message)}`, node?.range?.[0]);
        }
    }
    if (parsed.success && Object.values(parsed.data.vendors).every((v) => v === undefined)) {
        report("CONFIG_INVALID_VALUE", "`vendors` must name at least one vendor (sigma, periscope, adobe)", nodeAt(yaml, doc.contents, ["vendors"])?.range?.[0]);
    }
    if (parsed.success) {
        // Mapping keys: a vendor id, or `periscope.<site>` for a site listed under vendors.periscope.sites.
        const sites = parsed.data.vendors.periscope?.sites ?? [];
        const allowed = [...VENDOR_IDS, ...sites.map((site) => `periscope.${site}`)];
        for (const [name, mapping] of Object.entries(parsed.data.groups ?? {})) {
            for (const key of Object.keys(mapping ?? {})) {
                if (allowed.includes(key))
                    continue;
                const hint = key.startsWith("periscope.")
                    ? `a site must be listed under \`vendors.periscope.sites\`${sites.length > 0 ? ` (${sites.join(", ")})` : ""}`
                    : suggest(key, allowed);
                report("CONFIG_UNKNOWN_KEY", `unknown key \`${key}\` under \`groups.${name}\`; ${hint}`, keyOffset(yaml, doc.contents, ["groups", name], key));
            }
        }
    }
    if (diagnostics.length > 0 || !parsed.success)
        throw new RosterConfigError(file, diagnostics);
    // The order roster.yml lists vendors in is the order they are planned and reported in.
    const written = doc.toJS();
    return build(yaml, parsed.data, Object.keys(written.vendors ?? {}), file, dir, doc.contents, at);
}
function build(yaml, data, order, file, dir, root, at) {
    const users = data.users === undefined ? ["users.csv"] : typeof data.users === "string" ? [data.users] : data.users;
    const vendors = [];
    for (const id of order) {
        const raw = data.vendors[id];
        if (raw === undefined)
            continue;
        const v = raw;
        const policy = {
            absentUsers: v["absent-users"] ?? model_policy/* defaultPolicy */.G4.absentUsers,
            groupScope: v["group-scope"] ?? model_policy/* defaultPolicy */.G4.groupScope,
            createMissingGroups: v["create-groups"] ?? model_policy/* defaultPolicy */.G4.createMissingGroups,
            protectedUsers: [...model_policy/* defaultPolicy */.G4.protectedUsers, ...(v.protect ?? [])],
            removalThreshold: {
                percent: v["removal-threshold"] ?? model_policy/* defaultPolicy */.G4.removalThreshold.percent,
                floor: v["removal-floor"] ?? model_policy/* defaultPolicy */.G4.removalThreshold.floor,
            },
        };
        const settings = {};
        if (v.sites !== undefined)
            settings.PERISCOPE_SITE = v.sites.join(",");
        if (v["default-identity-type"] !== undefined)
            settings.ADOBE_DEFAULT_IDENTITY_TYPE = v["default-identity-type"];
        if (v["default-country"] !== undefined)
            settings.ADOBE_DEFAULT_COUNTRY = v["default-country"].toUpperCase();
        vendors.push({ id, policy, settings, ...(v.sites === undefined ? {} : { sites: v.sites }) });
    }
    const groups = [];
    for (const [name, mapping] of Object.entries(data.groups ?? {})) {
        const mapped = {};
        for (const [id, value] of Object.entries(mapping ?? {})) {
            if (value === undefined)
                continue;
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
function settingsWithConfig(env, vendor, file) {
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
function where(path) {
    return path.length === 0 ? "" : ` under \`${path.join(".")}\``;
}
function suggest(key, allowed) {
    if (allowed.length === 0)
        return "remove it";
    const match = (0,mod/* closest */.kp)(key, [...allowed]);
    const limit = Math.max(2, Math.floor(key.length * 0.4));
    if ((0,mod/* distance */.Io)(key, match) <= limit)
        return `did you mean \`${match}\`?`;
    return `accepted keys: ${allowed.join(", ")}`;
}
function describeExpected(path, fallback) {
    const last = path[path.length - 1];
    if (last === "users")
        return "must be a path or a list of paths and globs, e.g. `users.csv` or `[people/*.csv]`";
    if (path[0] === "groups" && path.length >= 3)
        return "must be a group name or a list of group names";
    if (path[0] === "vendors" && path.length === 2)
        return "must be a map of settings (or empty for the defaults)";
    if (path[0] === "groups" && path.length === 2)
        return "must map vendors to group names, e.g. `sigma: [Analytics]`";
    return fallback;
}
function lowerFirst(text) {
    return text.length === 0 ? text : text[0]?.toLowerCase() + text.slice(1);
}
function nodeAt(yaml, root, path) {
    const { isMap, isScalar, isSeq } = yaml;
    let node = root;
    for (const key of path) {
        if (isMap(node)) {
            const pair = node.items.find((item) => isScalar(item.key) && String(item.key.value) === String(key));
            if (pair === undefined)
                return node;
            node = pair.value ?? pair.key;
        }
        else if (isSeq(node) && typeof key === "number") {
            node = node.items[key];
        }
        else
            return node;
    }
    return node;
}
function keyOffset(yaml, root, path, key) {
    const { isMap, isScalar } = yaml;
    const parent = nodeAt(yaml, root, path);
    if (!isMap(parent))
        return parent?.range?.[0];
    const pair = parent.items.find((item) => isScalar(item.key) && String(item.key.value) === key);
    return isScalar(pair?.key) ? pair.key.range?.[0] : parent.range?.[0];
}
function findSecretKeys(yaml, node, path, found) {
    const { isMap, isPair, isScalar, isSeq } = yaml;
    if (isMap(node)) {
        for (const item of node.items) {
            if (!isPair(item) || !isScalar(item.key))
                continue;
            const key = String(item.key.value);
            // Company group names (`groups.<name>`) are the company's words, not settings.
            const isGroupName = path.length === 1 && path[0] === "groups";
            if (!isGroupName && SECRET_KEY.test(key))
                found(key, item.key);
            findSecretKeys(yaml, item.value, [...path, key], found);
        }
    }
    else if (isSeq(node)) {
        for (const item of node.items)
            findSecretKeys(yaml, item, path, found);
    }
}
//# sourceMappingURL=load-config.js.map
;// CONCATENATED MODULE: ../core/dist/config/users-files.js



const GLOB_CHARS = /[*?[\]{}]/;
/**
 * The users files roster.yml names, in a stable order: entries in the order written, the matches
 * of each glob sorted by name, a file named twice read once. Globs use Node's own `fs.glob`
 * (stable on Node 24, which Roster runs on: no dependency and the same matching in the CLI and
 * the Action). A path that does not exist, or a glob that matches no file, is an error: a typo
 * must not read as "nobody works here".
 */
async function expandUsersFiles(config, displayDir = "") {
    const files = [];
    const seen = new Set();
    const problems = [];
    const add = (path) => {
        if (seen.has(path))
            return;
        seen.add(path);
        const rel = (0,external_node_path_.relative)(config.dir, path).split(external_node_path_.sep).join("/");
        files.push({ path, name: displayDir === "" ? rel : `${displayDir.replace(/\/+$/, "")}/${rel}` });
    };
    for (const entry of config.users) {
        if (!GLOB_CHARS.test(entry)) {
            const path = (0,external_node_path_.isAbsolute)(entry) ? entry : (0,external_node_path_.resolve)(config.dir, entry);
            const found = await (0,promises_.stat)(path).catch(() => undefined);
            if (found?.isFile() !== true) {
                problems.push(missing(config, `users file \`${entry}\` ${found === undefined ? "does not exist" : "is not a file"} (paths are relative to ${config.file})`));
                continue;
            }
            add(path);
            continue;
        }
        const matches = [];
        for await (const match of (0,promises_.glob)(entry, { cwd: config.dir }))
            matches.push((0,external_node_path_.resolve)(config.dir, match));
        matches.sort();
        const regular = [];
        for (const match of matches)
            if ((await (0,promises_.stat)(match).catch(() => undefined))?.isFile() === true)
                regular.push(match);
        if (regular.length === 0) {
            problems.push(missing(config, `\`${entry}\` matches no file (globs are relative to ${config.file})`));
            continue;
        }
        for (const match of regular)
            add(match);
    }
    if (problems.length > 0)
        throw new RosterConfigError(config.file, problems);
    return files;
}
function missing(config, message) {
    return { severity: "error", code: "CONFIG_USERS_NOT_FOUND", file: config.file, line: config.usersLine, message };
}
//# sourceMappingURL=users-files.js.map
;// CONCATENATED MODULE: ../core/dist/config/index.js



//# sourceMappingURL=index.js.map
;// CONCATENATED MODULE: ../core/dist/csv/columns.js

/**
 * Accepted header spellings of each canonical users.csv column (README.md#userscsv-reference). Header
 * names match case-insensitively, ignoring spaces, `_` and `-`, so every spelling below also
 * matches `First_Name`, `first-name`, `FIRSTNAME`... The aliases come from the files users already
 * have: Sigma's batch update CSV (`Email`, `First Name`, `New Email`, `Member Type`) and the Adobe
 * User Sync Tool users file (`firstname`, `lastname`, `country`, `groups`, `type`, `username`,
 * `domain`); see docs/csv-edge-cases.md and fixtures/public/.
 */
const COLUMN_ALIASES = {
    email: ["email address", "user email"],
    first_name: ["firstname", "first name", "given name"],
    last_name: ["lastname", "last name", "surname"],
    name: ["full name"],
    new_email: ["new email"],
    role: ["member type", "account type"],
    groups: ["teams", "roles"],
    // `isArchived` (True/False) is Sigma's export column; it feeds `status` with inverted meaning.
    status: ["isArchived"],
    country: [],
    type: ["identity type"],
    username: [],
    domain: [],
};
/** The header spelling whose values are True/False rather than active/deactivated. */
const ARCHIVED_FLAG_ALIAS = "isArchived";
/** Prefix of a Sigma user attribute column: `attr:Region`. */
const ATTRIBUTE_PREFIX = "attr:";
const CANONICAL_COLUMNS = Object.keys(COLUMN_ALIASES);
/** Lower-case and drop spaces, `_` and `-` (and NBSP), the comparison key of header names. */
function headerKey(header) {
    return header
        .normalize("NFC")
        .toLowerCase()
        .replace(/[\s_-]+/g, "");
}
const byKey = new Map();
for (const column of CANONICAL_COLUMNS) {
    byKey.set(headerKey(column), column);
    for (const alias of COLUMN_ALIASES[column])
        byKey.set(headerKey(alias), column);
}
const ARCHIVED_FLAG_KEY = headerKey(ARCHIVED_FLAG_ALIAS);
const knownKeys = [...byKey.keys()];
/**
 * The canonical column a header cell names, `{ attribute }` for an `attr:<name>` column (the name
 * kept as written after the prefix, trimmed), or `undefined` when the header is not recognised.
 */
function resolveColumn(header) {
    const trimmed = header.trim();
    if (trimmed.slice(0, ATTRIBUTE_PREFIX.length).toLowerCase() === ATTRIBUTE_PREFIX) {
        const attribute = trimmed.slice(ATTRIBUTE_PREFIX.length).trim().normalize("NFC");
        return attribute === "" ? undefined : { attribute };
    }
    return byKey.get(headerKey(trimmed));
}
/** True when the header is the `isArchived` spelling of `status` (values True/False). */
function isArchivedFlagHeader(header) {
    return headerKey(header) === ARCHIVED_FLAG_KEY;
}
/**
 * The canonical column a mistyped header most likely meant, for "did you mean `first_name`?".
 * Only close matches are offered (edit distance at most 2, or 40% of the name) so an unrelated
 * column such as `department` gets the list of accepted columns instead of a wild guess.
 */
function suggestColumn(header) {
    const key = headerKey(header);
    if (key === "")
        return undefined;
    const match = (0,mod/* closest */.kp)(key, knownKeys);
    const limit = Math.max(2, Math.floor(key.length * 0.4));
    return (0,mod/* distance */.Io)(key, match) <= limit ? byKey.get(match) : undefined;
}
/** `email, first_name, ..., attr:<name>`: what an unknown-column message lists. */
const ACCEPTED_COLUMNS_TEXT = `${CANONICAL_COLUMNS.join(", ")}, ${ARCHIVED_FLAG_ALIAS}, ${ATTRIBUTE_PREFIX}<name>`;
//# sourceMappingURL=columns.js.map
;// CONCATENATED MODULE: ../core/dist/model/desired.js
/** The explicit empty marker: `-` in `groups` or an `attr:` cell means "none", not "unmanaged". */
const EMPTY_MARKER = "-";
//# sourceMappingURL=desired.js.map
;// CONCATENATED MODULE: ../core/dist/csv/cells.js
// Compiled once: the per-row path must not build regular expressions.
const NON_ASCII = /[\u0080-\uffff]/;
/**
 * A cell as Roster compares it: surrounding whitespace trimmed (String#trim covers NBSP, U+3000 and
 * a stray BOM; csv-parse's own `trim` does not reach inside quotes) and NFC-normalised, so an "é"
 * typed on a Mac (decomposed) equals one typed on Windows. ASCII cells skip normalisation.
 */
function cleanCell(raw) {
    if (raw.length === 0)
        return raw;
    const trimmed = raw.trim();
    return NON_ASCII.test(trimmed) ? trimmed.normalize("NFC") : trimmed;
}
const WHITESPACE = /\s/;
const DOT = 0x2e;
// Characters that cannot appear unquoted in an address (RFC 5322 specials) and control chars.
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this rejects
const FORBIDDEN = /[\x00-\x1f\x7f"(),:;<>[\\\]]/;
/**
 * Why `email` is not a usable address, or `undefined` when it is. Deliberately simple: one `@`,
 * a local part and a domain with a dot, no spaces or RFC specials. The vendor is the final judge;
 * this catches the typos a reviewer would miss (`jane.doe@example`, `jane@@x.com`, `a b@x.com`).
 */
function emailProblem(email) {
    // Index arithmetic rather than slices: this runs on every row of a large file.
    const at = email.indexOf("@");
    if (at === -1)
        return "it has no `@`";
    if (email.indexOf("@", at + 1) !== -1)
        return "it has more than one `@`";
    if (WHITESPACE.test(email))
        return "it contains a space";
    if (FORBIDDEN.test(email))
        return "it contains a character not allowed in an address";
    if (at === 0)
        return "nothing comes before the `@`";
    const end = email.length;
    if (at === end - 1)
        return "nothing comes after the `@`";
    if (email.charCodeAt(0) === DOT || email.charCodeAt(at - 1) === DOT || email.lastIndexOf("..", at) !== -1) {
        return "its name part has a misplaced dot";
    }
    const dot = email.indexOf(".", at + 1);
    if (dot === -1)
        return "its domain has no dot";
    if (dot === at + 1 || email.charCodeAt(end - 1) === DOT || email.indexOf("..", at + 1) !== -1) {
        return "its domain has an empty part";
    }
    return undefined;
}
/**
 * `status` values, matched case-insensitively. `active` and `deactivated` are the model's words;
 * the synonyms cover what admins write from other tools' vocabulary: Sigma "archived", Periscope
 * "inactive"/"disabled", and the verb forms. Anything else is an error, never a guess.
 */
const STATUS_WORDS = new Map([
    ["active", "active"],
    ["activate", "active"],
    ["enabled", "active"],
    ["deactivated", "deactivated"],
    ["deactivate", "deactivated"],
    ["inactive", "deactivated"],
    ["disabled", "deactivated"],
    ["archived", "deactivated"],
]);
function parseStatus(value) {
    return STATUS_WORDS.get(value.toLowerCase());
}
/** Sigma's `isArchived` export column: True = deactivated, False = active (Excel writes TRUE). */
function parseArchivedFlag(value) {
    const lower = value.toLowerCase();
    if (lower === "true")
        return "deactivated";
    if (lower === "false")
        return "active";
    return undefined;
}
function escapeRegExp(text) {
    return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
/** Splits a `groups` cell by the configured separators (`;` by default, also `,` for Adobe). */
function makeGroupSplitter(separators) {
    const usable = separators.filter((s) => s.length > 0);
    const only = usable[0];
    if (usable.length === 1 && only !== undefined)
        return (cell) => cell.split(only);
    if (usable.length === 0)
        return (cell) => [cell];
    const pattern = new RegExp(usable.map(escapeRegExp).join("|"));
    return (cell) => cell.split(pattern);
}
/**
 * The group names in a cell: trimmed, empties dropped, de-duplicated case-insensitively keeping
 * the first spelling (vendors compare group names case-insensitively; a repeat is a typo).
 */
function parseGroups(cell, split) {
    const parts = split(cell);
    if (parts.length === 1) {
        const name = cell.trim();
        return name === "" ? [] : [name];
    }
    const groups = [];
    for (const part of parts) {
        const name = part.trim();
        if (name === "" || containsIgnoringCase(groups, name))
            continue;
        groups.push(name);
    }
    return groups;
}
function containsIgnoringCase(names, name) {
    let key;
    for (const other of names) {
        if (other === name)
            return true;
        if (other.length !== name.length)
            continue;
        key ??= name.toLowerCase();
        if (other.toLowerCase() === key)
            return true;
    }
    return false;
}
//# sourceMappingURL=cells.js.map
// EXTERNAL MODULE: external "node:stream/promises"
var external_node_stream_promises_ = __webpack_require__(46466);
// EXTERNAL MODULE: external "node:timers/promises"
var external_node_timers_promises_ = __webpack_require__(58500);
// EXTERNAL MODULE: ../../node_modules/.pnpm/csv-parse@7.0.3/node_modules/csv-parse/lib/index.js + 9 modules
var lib = __webpack_require__(96553);
;// CONCATENATED MODULE: ../core/dist/csv/chunks.js
/** Size of the pieces a large in-memory input is cut into, so it streams like a file. */
const CHUNK = 64 * 1024;
function toBuffer(bytes) {
    return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
function isHighSurrogate(code) {
    return code >= 0xd800 && code <= 0xdbff;
}
/** UTF-8 bytes of a string, in pieces, never splitting a surrogate pair between pieces. */
function* encodeString(text) {
    let start = 0;
    while (start < text.length) {
        let end = Math.min(start + CHUNK, text.length);
        if (end < text.length && isHighSurrogate(text.charCodeAt(end - 1)))
            end--;
        yield Buffer.from(text.slice(start, end), "utf8");
        start = end;
    }
}
/**
 * Any accepted input as a stream of byte chunks: csv-parse works on bytes, and so do the UTF-8
 * check and the line index, so everything sees the same offsets. Strings from an async source
 * may end in half a surrogate pair; that half waits for the next string.
 */
async function* byteChunks(input) {
    if (typeof input === "string") {
        yield* encodeString(input);
        return;
    }
    if (input instanceof Uint8Array) {
        for (let start = 0; start < input.length; start += CHUNK) {
            yield toBuffer(input.subarray(start, start + CHUNK));
        }
        return;
    }
    let carry = "";
    for await (const chunk of input) {
        if (typeof chunk !== "string") {
            if (carry !== "") {
                yield Buffer.from(carry, "utf8");
                carry = "";
            }
            yield toBuffer(chunk);
            continue;
        }
        let text = carry + chunk;
        carry = "";
        if (text.length > 0 && isHighSurrogate(text.charCodeAt(text.length - 1))) {
            carry = text.slice(-1);
            text = text.slice(0, -1);
        }
        if (text !== "")
            yield* encodeString(text);
    }
    if (carry !== "")
        yield Buffer.from(carry, "utf8");
}
//# sourceMappingURL=chunks.js.map
;// CONCATENATED MODULE: ../core/dist/csv/line-index.js
const LF = 0x0a;
const CR = 0x0d;
/**
 * Physical line numbers by byte offset. csv-parse's own `info.lines` counts a CRLF inside a quoted
 * field as two lines, and it only knows where a record ends, so Roster scans the bytes it feeds the
 * parser for line breaks (LF, CRLF or a lone CR, as editors and GitHub display them) and maps the
 * parser's byte offsets to lines itself. Queries never look behind the earliest offset still
 * needed, so consumed line starts are dropped and memory stays flat on large files.
 */
class LineIndex {
    /** Byte offsets where lines 2, 3... start, from `dropped` onwards. */
    starts = [];
    /** How many line starts were discarded from the front of `starts`. */
    dropped = 0;
    /** Total bytes scanned. */
    length = 0;
    pendingCr = false;
    /** Scans the next chunk of the file. */
    add(chunk) {
        const base = this.length;
        const n = chunk.length;
        let i = 0;
        if (this.pendingCr) {
            this.pendingCr = false;
            if (n > 0 && chunk[0] === LF) {
                this.starts.push(base + 1);
                i = 1;
            }
            else {
                this.starts.push(base);
            }
        }
        for (; i < n; i++) {
            const b = chunk[i];
            if (b === LF) {
                this.starts.push(base + i + 1);
            }
            else if (b === CR) {
                if (i + 1 === n) {
                    this.pendingCr = true;
                }
                else if (chunk[i + 1] === LF) {
                    this.starts.push(base + i + 2);
                    i++;
                }
                else {
                    this.starts.push(base + i + 1);
                }
            }
        }
        this.length = base + n;
    }
    /** No more input: a final lone CR still ends its line. */
    finish() {
        if (this.pendingCr) {
            this.pendingCr = false;
            this.starts.push(this.length);
        }
    }
    /** 1-based line containing the byte at `offset` (a line break belongs to the line it ends). */
    lineAt(offset) {
        const starts = this.starts;
        let lo = 0;
        let hi = starts.length;
        while (lo < hi) {
            const mid = (lo + hi) >>> 1;
            if ((starts[mid] ?? 0) <= offset)
                lo = mid + 1;
            else
                hi = mid;
        }
        return 1 + this.dropped + lo;
    }
    /** Forget line starts before `offset`: no later query will ask about them. */
    forgetBefore(offset) {
        const starts = this.starts;
        if (starts.length < 8192)
            return;
        let keep = 0;
        while (keep < starts.length && (starts[keep] ?? 0) <= offset)
            keep++;
        // Dropped starts are all at or before `offset`, so `dropped` still counts them for lineAt.
        if (keep < 4096)
            return;
        this.starts = starts.slice(keep);
        this.dropped += keep;
    }
}
//# sourceMappingURL=line-index.js.map
;// CONCATENATED MODULE: ../core/dist/csv/malformed.js
/**
 * A csv-parse error as a sentence a spreadsheet user can act on. The codes are csv-parse 6/7's
 * (docs/csv-edge-cases.md#other-errors); csv-parse's own message is kept for the rest.
 */
function malformedMessage(error) {
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
//# sourceMappingURL=malformed.js.map
;// CONCATENATED MODULE: ../core/dist/model/directory.js
const PRINTABLE_ASCII = /^[!-~]+$/;
/** Trimmed, NFC-normalised, lower-cased: the one way Roster compares email addresses. */
function directory_normaliseEmail(email) {
    // Fast path for the common case (printable ASCII, nothing to trim): NFC leaves ASCII unchanged.
    if (PRINTABLE_ASCII.test(email))
        return email.toLowerCase();
    return email
        .replace(/^[\s\u00a0\u3000\ufeff]+|[\s\u00a0\u3000\ufeff]+$/g, "")
        .normalize("NFC")
        .toLowerCase();
}
//# sourceMappingURL=directory.js.map
;// CONCATENATED MODULE: ../core/dist/csv/header.js

function error(file, line, code, message, column, severity = "error") {
    return column === undefined
        ? { severity, code, message, file, line }
        : { severity, code, message, file, line, column };
}
/** Reads the header row: which column is which, and every problem with it, in one pass. */
function analyseHeader(cells, file, line) {
    const diagnostics = [];
    const index = {};
    const columns = {};
    const attributeColumns = {};
    const allColumns = {};
    const attributes = [];
    const unnamed = [];
    const written = [];
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
            const hint = suggestion === undefined ? `accepted columns: ${ACCEPTED_COLUMNS_TEXT}` : `did you mean \`${suggestion}\`?`;
            diagnostics.push(error(file, line, "CSV_UNKNOWN_COLUMN", `unknown column \`${header}\`; ${hint}`, column));
            continue;
        }
        recognised++;
        if (typeof resolved === "object") {
            const previous = attributeColumns[resolved.attribute];
            if (previous !== undefined) {
                diagnostics.push(error(file, line, "CSV_DUPLICATE_COLUMN", `column \`${header}\` repeats attribute \`${resolved.attribute}\` of column ${previous}`, column));
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
                diagnostics.push(error(file, line, "ROW_CONFLICTING_COLUMNS", `columns \`${written[previous]}\` (column ${previous + 1}) and \`${header}\` both set the status; keep one`, column));
            }
            else {
                diagnostics.push(error(file, line, "CSV_DUPLICATE_COLUMN", `column \`${header}\` repeats \`${resolved}\` (column ${previous + 1}, \`${written[previous]}\`)`, column));
            }
            continue;
        }
        index[resolved] = i;
        columns[resolved] = column;
        allColumns[resolved] = column;
        if (resolved === "status")
            archivedFlag = isArchivedFlagHeader(header);
    }
    let usable = true;
    const only = written[0] ?? "";
    if (cells.length === 1 && (only.includes(";") || only.includes("\t"))) {
        // Excel in locales with a decimal comma saves "CSV" with `;`; a TSV has tabs. Either way the
        // whole header lands in one column (docs/csv-edge-cases.md#semicolon-delimiter).
        const kind = only.includes(";") ? "semicolon" : "tab";
        diagnostics.length = 0;
        diagnostics.push(error(file, line, "CSV_DELIMITER", `the header is a single column containing ${kind === "semicolon" ? "`;`" : "tabs"}: the file looks ${kind}-delimited; save it as comma-separated "CSV UTF-8"`, 1));
        usable = false;
    }
    else if (recognised === 0 && unknown > 0 && written.some((h) => h.includes("@"))) {
        // The first row holds an address: it is data, and the header row is missing.
        diagnostics.length = 0;
        diagnostics.push(error(file, line, "CSV_MISSING_HEADER", "the first row looks like data, not a header; add a header row such as `email,first_name,last_name,groups`"));
        usable = false;
    }
    else if (index.email === undefined) {
        diagnostics.push(error(file, line, "CSV_MISSING_EMAIL_COLUMN", "the header has no `email` column; it is the key of every row"));
        usable = false;
    }
    const nameFillsFirst = index.name !== undefined && index.first_name === undefined;
    const nameFillsLast = index.name !== undefined && index.last_name === undefined;
    if (index.name !== undefined && !nameFillsFirst && !nameFillsLast) {
        diagnostics.push(error(file, line, "ROW_CONFLICTING_COLUMNS", "column `name` is ignored because `first_name` and `last_name` are present", index.name + 1, "warning"));
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
//# sourceMappingURL=header.js.map
;// CONCATENATED MODULE: ../core/dist/csv/users-builder.js





const NO_ATTRIBUTES = Object.freeze({});
const WORDS = /\s+/;
/**
 * Turns parsed records (header first) into users and diagnostics. Knows nothing about bytes or
 * csv-parse: the reader hands it each record with the physical line where that record starts.
 */
class users_builder_UsersBuilder {
    file;
    layout;
    headerLine = 0;
    users = [];
    diagnostics = [];
    /** Normalised email -> line of its first row. */
    seen = new Map();
    /** Lower-cased group name -> first spelling. */
    groupsNamed = new Map();
    split;
    /**
     * Parsed `groups` cells by their text. Most users share a handful of group lists, so users with
     * the same cell share one frozen array: less memory and less GC on a 100,000-row file.
     */
    groupLists = new Map();
    /** Repeated short values (roles, countries, identity types, domains) kept once. */
    interned = new Map();
    validateUser;
    constructor(file, options) {
        this.file = file;
        this.split = makeGroupSplitter(options.groupSeparators ?? [";"]);
        this.validateUser = options.validateUser;
    }
    report(code, message, line, column, severity = "error") {
        const { file } = this;
        this.diagnostics.push(column === undefined ? { severity, code, message, file, line } : { severity, code, message, file, line, column });
    }
    /** One parsed record; blank and all-empty rows (Excel's `,,,,`) are skipped, header or not. */
    record(record, line) {
        let empty = true;
        for (const field of record) {
            if (field.length !== 0 && field.trim().length !== 0) {
                empty = false;
                break;
            }
        }
        if (empty)
            return;
        if (this.layout === undefined) {
            const header = analyseHeader(record, this.file, line);
            this.headerLine = line;
            this.layout = header.layout;
            this.diagnostics.push(...header.diagnostics);
            return;
        }
        this.row(record, line, this.layout);
    }
    row(record, line, layout) {
        if (!layout.usable)
            return;
        if (record.length !== layout.fieldCount) {
            // Never guess which field is missing: the Adobe sample's last row puts `rroe` in `type`.
            const n = record.length;
            this.report("CSV_RAGGED_ROW", `row has ${n} ${n === 1 ? "field" : "fields"} where the header has ${layout.fieldCount}; check for a missing or extra comma (quote values that contain commas)`, line);
            return;
        }
        const index = layout.index;
        const before = this.diagnostics.length;
        // email: the key. `index.email` is defined whenever the layout is usable.
        const emailIndex = index.email ?? 0;
        const emailAsWritten = cleanCell(record[emailIndex] ?? "");
        let email = "";
        if (emailAsWritten === "") {
            this.report("ROW_MISSING_EMAIL", "row has no email; every row needs one", line, emailIndex + 1);
        }
        else {
            const problem = emailProblem(emailAsWritten);
            if (problem !== undefined) {
                this.report("ROW_INVALID_EMAIL", `\`${emailAsWritten}\` is not a valid email: ${problem}`, line, emailIndex + 1);
            }
            else {
                email = directory_normaliseEmail(emailAsWritten);
                const first = this.seen.get(email);
                if (first === undefined) {
                    this.seen.set(email, line);
                }
                else {
                    this.report("ROW_DUPLICATE_EMAIL", `\`${emailAsWritten}\` appears on lines ${first} and ${line}; list each user once (emails are compared case-insensitively)`, line, emailIndex + 1);
                }
            }
        }
        const user = { line, email, emailAsWritten, attributes: NO_ATTRIBUTES };
        let value = cell(record, index.first_name);
        if (value !== "")
            user.firstName = value;
        value = cell(record, index.last_name);
        if (value !== "")
            user.lastName = value;
        if (layout.nameFillsFirst || layout.nameFillsLast) {
            value = cell(record, index.name);
            if (value !== "") {
                // "Full name" -> last word is the last name, the rest the first name; one word is a first name.
                const words = value.split(WORDS);
                const last = words.length > 1 ? words.pop() : undefined;
                if (layout.nameFillsFirst)
                    user.firstName = words.join(" ");
                if (layout.nameFillsLast && last !== undefined)
                    user.lastName = last;
            }
        }
        value = cell(record, index.new_email);
        if (value !== "") {
            const problem = emailProblem(value);
            if (problem === undefined) {
                user.newEmail = directory_normaliseEmail(value);
                user.newEmailAsWritten = value;
            }
            else {
                this.report("ROW_INVALID_EMAIL", `new email \`${value}\` is not valid: ${problem}`, line, (index.new_email ?? 0) + 1);
            }
        }
        value = cell(record, index.role);
        if (value !== "")
            user.role = this.intern(value);
        value = cell(record, index.country);
        if (value !== "")
            user.country = this.intern(value);
        value = cell(record, index.type);
        if (value !== "")
            user.type = this.intern(value);
        value = cell(record, index.username);
        if (value !== "")
            user.username = value;
        value = cell(record, index.domain);
        if (value !== "")
            user.domain = this.intern(value);
        value = cell(record, index.status);
        if (value !== "") {
            const status = layout.archivedFlag ? parseArchivedFlag(value) : parseStatus(value);
            if (status !== undefined)
                user.status = status;
            else {
                const expected = layout.archivedFlag ? "True or False" : "`active` or `deactivated`";
                this.report("ROW_INVALID_STATUS", `status \`${value}\` is not ${expected}`, line, (index.status ?? 0) + 1);
            }
        }
        value = cell(record, index.groups);
        let groupList;
        if (value !== "") {
            groupList = this.groupList(value);
            if (groupList.groups.includes(EMPTY_MARKER)) {
                this.report("ROW_INVALID_VALUE", '`-` means "no groups" and must be alone in the cell; leave the cell blank to leave groups as they are', line, (index.groups ?? 0) + 1);
            }
            user.groups = groupList.groups;
        }
        if (layout.attributes.length > 0)
            this.readAttributes(record, layout, user);
        for (const i of layout.unnamed) {
            if (cleanCell(record[i] ?? "") !== "") {
                this.report("ROW_INVALID_VALUE", `column ${i + 1} has a value but no header name`, line, i + 1);
            }
        }
        if (this.diagnostics.length !== before)
            return;
        if (this.validateUser !== undefined) {
            const extra = this.validateUser(user, this.file, layout.allColumns);
            if (extra.length > 0) {
                this.diagnostics.push(...extra);
                if (extra.some((d) => d.severity === "error"))
                    return;
            }
        }
        this.users.push(user);
        if (groupList !== undefined && !groupList.named) {
            groupList.named = true;
            for (const group of groupList.groups) {
                const key = group.toLowerCase();
                if (!this.groupsNamed.has(key))
                    this.groupsNamed.set(key, group);
            }
        }
    }
    groupList(cell) {
        let entry = this.groupLists.get(cell);
        if (entry === undefined) {
            const groups = cell === EMPTY_MARKER ? [] : parseGroups(cell, this.split).map((g) => this.intern(g));
            entry = { groups: Object.freeze(groups), named: false };
            if (this.groupLists.size < 10_000)
                this.groupLists.set(cell, entry);
        }
        return entry;
    }
    intern(value) {
        const known = this.interned.get(value);
        if (known !== undefined)
            return known;
        if (this.interned.size < 10_000)
            this.interned.set(value, value);
        return value;
    }
    readAttributes(record, layout, user) {
        let attributes;
        for (const { name, index } of layout.attributes) {
            const value = cleanCell(record[index] ?? "");
            if (value === "")
                continue;
            attributes ??= {};
            attributes[name] = value === EMPTY_MARKER ? null : value;
        }
        if (attributes !== undefined)
            user.attributes = attributes;
    }
    /** The state read; a file without any row (only blank and comment lines, or nothing) is empty. */
    finish() {
        // A header row that could not be parsed is already reported on its line; calling the file
        // empty as well would be false and name no line (test "users.csv bytes -> plan", reliability/pipeline-property.test.ts).
        const unreadable = this.diagnostics.some((d) => d.code === "CSV_MALFORMED" || d.code === "CSV_INVALID_UTF8");
        if (this.layout === undefined && !unreadable) {
            this.report("CSV_EMPTY", "the file has no rows; it needs at least a header row such as `email,first_name,last_name,groups`", 0);
        }
        return {
            file: this.file,
            users: this.users,
            headerLine: this.headerLine,
            columns: this.layout?.columns ?? {},
            attributeColumns: this.layout?.attributeColumns ?? {},
            groupsNamed: [...this.groupsNamed.values()],
            diagnostics: sortDiagnostics(this.diagnostics),
        };
    }
}
function cell(record, index) {
    if (index === undefined)
        return "";
    const raw = record[index];
    return raw === undefined ? "" : cleanCell(raw);
}
//# sourceMappingURL=users-builder.js.map
;// CONCATENATED MODULE: ../core/dist/csv/utf8.js
/**
 * Streaming UTF-8 validation. Excel's plain "CSV (Comma delimited)" is Windows-1252, which turns
 * "José" into mojibake unless caught (docs/csv-edge-cases.md#non-utf-8). A fatal
 * TextDecoder in streaming mode checks each chunk (a character split across chunks is fine); only
 * when it fails does Roster re-scan that chunk to find the exact byte, so the line can be named.
 */
class Utf8Check {
    decoder = new TextDecoder("utf-8", { fatal: true });
    /** Bytes checked before the current chunk. */
    offset = 0;
    previous;
    done = false;
    /** Checks the next chunk; returns the file offset of the first invalid byte, once. */
    add(chunk) {
        if (this.done)
            return undefined;
        let invalidAt;
        try {
            this.decoder.decode(chunk, { stream: true });
        }
        catch {
            this.done = true;
            const pending = this.previous === undefined ? 0 : incompleteTail(this.previous);
            const combined = new Uint8Array(pending + chunk.length);
            if (this.previous !== undefined && pending > 0) {
                combined.set(this.previous.subarray(this.previous.length - pending), 0);
            }
            combined.set(chunk, pending);
            const at = firstInvalidByte(combined);
            invalidAt = this.offset - pending + (at === -1 ? 0 : at);
        }
        this.previous = chunk;
        this.offset += chunk.length;
        return invalidAt;
    }
    /** End of input: a character cut off by the end of the file is invalid too. */
    finish() {
        if (this.done)
            return undefined;
        this.done = true;
        try {
            this.decoder.decode();
            return undefined;
        }
        catch {
            const pending = this.previous === undefined ? 0 : incompleteTail(this.previous);
            return this.offset - Math.max(pending, 1);
        }
    }
}
/** Length of the sequence a lead byte starts, or 0 when it cannot start one. */
function sequenceLength(b) {
    if (b < 0x80)
        return 1;
    if (b >= 0xc2 && b <= 0xdf)
        return 2;
    if (b >= 0xe0 && b <= 0xef)
        return 3;
    if (b >= 0xf0 && b <= 0xf4)
        return 4;
    return 0;
}
/** How many bytes at the end of `bytes` start a character that the next chunk completes. */
function incompleteTail(bytes) {
    for (let back = 1; back <= 3 && back <= bytes.length; back++) {
        const b = bytes[bytes.length - back] ?? 0;
        if ((b & 0xc0) === 0x80)
            continue;
        return sequenceLength(b) > back ? back : 0;
    }
    return 0;
}
/**
 * Offset of the first byte that starts an invalid sequence (overlong forms, surrogates and code
 * points above U+10FFFF included), or -1 when every complete sequence is valid.
 */
function firstInvalidByte(bytes) {
    const n = bytes.length;
    let i = 0;
    while (i < n) {
        const b = bytes[i] ?? 0;
        if (b < 0x80) {
            i++;
            continue;
        }
        const len = sequenceLength(b);
        if (len === 0)
            return i;
        if (i + len > n) {
            // Cut off by the end of the buffer: invalid only if what is there is already wrong.
            for (let k = 1; i + k < n; k++)
                if (((bytes[i + k] ?? 0) & 0xc0) !== 0x80)
                    return i;
            return -1;
        }
        const second = bytes[i + 1] ?? 0;
        let lo = 0x80;
        let hi = 0xbf;
        if (b === 0xe0)
            lo = 0xa0;
        else if (b === 0xed)
            hi = 0x9f;
        else if (b === 0xf0)
            lo = 0x90;
        else if (b === 0xf4)
            hi = 0x8f;
        if (second < lo || second > hi)
            return i;
        for (let k = 2; k < len; k++)
            if (((bytes[i + k] ?? 0) & 0xc0) !== 0x80)
                return i;
        i += len;
    }
    return -1;
}
//# sourceMappingURL=utf8.js.map
;// CONCATENATED MODULE: ../core/dist/csv/read-users-csv.js










/** Bytes csv-parse is given at a time (about 250 rows, a millisecond or two of parsing). */
const PARSE_PIECE = 16 * 1024;
/** Line breaks inside a record's fields (quoted newlines), a CRLF counting once. */
function breaksIn(record) {
    let breaks = 0;
    for (const field of record) {
        for (let i = 0; i < field.length; i++) {
            const c = field.charCodeAt(i);
            if (c === 10)
                breaks++;
            else if (c === 13 && field.charCodeAt(i + 1) !== 10)
                breaks++;
        }
    }
    return breaks;
}
/**
 * Reads users.csv into the desired state, reporting every problem in one pass. Streams: the input
 * is consumed chunk by chunk, and no chunk is kept after csv-parse has read it.
 *
 * Decisions a user sees (README.md#userscsv-reference):
 * - A blank cell is unmanaged. `-` alone in `groups` means "no groups", in an `attr:` cell "unset".
 * - `status` accepts `active` (also `activate`, `enabled`) and `deactivated` (also `deactivate`,
 *   `inactive`, `disabled`, `archived`), any case; `isArchived` accepts True/False.
 * - `name` fills `first_name`/`last_name` only when that column is absent: the last word is the
 *   last name, the rest the first name; a single word is a first name only.
 * - A row with a different field count than the header is an error, never guessed at, and so is
 *   a value under a header cell left blank. Rows of empty cells (`,,,,`) are skipped.
 * - Every diagnostic is an error except "`name` ignored" (a warning). A row with an error adds no
 *   user; the file's other rows are still checked.
 *
 * Lines: csv-parse reports the byte offset where each record ends and counts comment and blank
 * lines. A record that directly follows another starts on the line after the previous record's
 * end, plus the comment and blank lines skipped in between. After a record csv-parse dropped for
 * an error, a record's start is its end line minus the line breaks inside its quoted fields.
 */
async function readUsersCsv(source, options = {}) {
    const builder = new users_builder_UsersBuilder(source.file, options);
    await readCsvRecords(source, builder);
    return builder.finish();
}
/**
 * The records of a CSV file, each with the physical line it starts on, and the file-level problems
 * (malformed quoting, invalid UTF-8), handed to `sink` as they are parsed.
 */
async function readCsvRecords(source, builder) {
    const lines = new LineIndex();
    const utf8 = new Utf8Check();
    let boundary = 0; // byte offset after the last record csv-parse emitted
    let skipped = 0; // comment + blank lines csv-parse had skipped at the last record or error
    let afterError = false;
    let lastErrorBytes = -1;
    let records = 0;
    const onRecord = (record, context) => {
        const skips = context.comment_lines + context.empty_lines;
        const line = afterError
            ? lines.lineAt(context.bytes - 1) - breaksIn(record)
            : lines.lineAt(boundary) + (skips - skipped);
        boundary = context.bytes;
        skipped = skips;
        afterError = false;
        builder.record(record, line);
        if (++records % 8192 === 0)
            lines.forgetBefore(boundary);
        // Returning null keeps csv-parse from buffering records nobody reads.
        return null;
    };
    const onSkip = (error) => {
        if (error === undefined)
            return;
        const context = error;
        const bytes = context.bytes ?? boundary;
        // Once a quote goes wrong csv-parse may report the same record again further on; the first
        // report is the one to fix.
        if (afterError && bytes === lastErrorBytes)
            return;
        const skips = (context.comment_lines ?? 0) + (context.empty_lines ?? 0);
        let line;
        if (!afterError)
            line = lines.lineAt(boundary) + (skips - skipped);
        else if (context.index === 0)
            line = lines.lineAt(bytes) + (skips - skipped);
        else
            line = lines.lineAt(bytes);
        afterError = true;
        lastErrorBytes = bytes;
        skipped = skips;
        builder.report("CSV_MALFORMED", malformedMessage(error), line);
    };
    const parser = (0,lib/* parse */.qg)({
        bom: true,
        // trim covers NBSP and U+3000 since csv-parse 7 (docs/csv-edge-cases.md#whitespace); quoted values are trimmed
        // again by cleanCell.
        trim: true,
        comment: "#",
        // `#` starts a comment only at the start of a line, so `#` inside a value survives.
        comment_no_infix: true,
        skip_empty_lines: true,
        // Roster checks the field count itself, to word the message and to skip all-empty rows.
        relax_column_count: true,
        // Keep going after a malformed record so every problem comes out of one pass.
        skip_records_with_error: true,
        // All three endings, so a file mixing them (edited on several systems) still splits per line.
        record_delimiter: ["\r\n", "\n", "\r"],
        on_record: onRecord,
        on_skip: onSkip,
    });
    let utf16 = false;
    async function* feed() {
        let first = true;
        for await (const chunk of byteChunks(source.input)) {
            if (first && chunk.length >= 2) {
                first = false;
                // Excel's "Unicode Text" and some exports are UTF-16, recognisable by their byte order mark.
                utf16 = (chunk[0] === 0xff && chunk[1] === 0xfe) || (chunk[0] === 0xfe && chunk[1] === 0xff);
            }
            lines.add(chunk);
            const invalid = utf8.add(chunk);
            if (invalid !== undefined)
                reportInvalidUtf8(invalid);
            // csv-parse handles a piece in one go; between pieces, pending I/O runs. A caller that reads
            // the vendor while the file parses (the CLI, the Action) would otherwise see each response
            // wait behind a whole read: a buffered stream hands over the next chunk without returning to
            // the event loop. Reading stays in 64 KB chunks (each read is a thread-pool round trip).
            for (let start = 0; start < chunk.length; start += PARSE_PIECE) {
                yield chunk.subarray(start, start + PARSE_PIECE);
                await (0,external_node_timers_promises_.setImmediate)();
            }
        }
        lines.finish();
        const invalid = utf8.finish();
        if (invalid !== undefined)
            reportInvalidUtf8(invalid);
    }
    function reportInvalidUtf8(offset) {
        const line = lines.lineAt(offset);
        const what = utf16
            ? "the file is UTF-16, not UTF-8"
            : `line ${line} is not valid UTF-8: the file was probably saved in an older encoding (Excel's "CSV (Comma delimited)" is Windows-1252)`;
        builder.report("CSV_INVALID_UTF8", `${what}; re-save it as "CSV UTF-8 (Comma delimited)"`, utf16 ? 0 : line);
    }
    await (0,external_node_stream_promises_.pipeline)(feed(), parser, async (rows) => {
        for await (const _ of rows) {
            // on_record returns null, so nothing arrives here; draining lets the pipeline end.
        }
    });
}
/**
 * Reads users.csv from disk, streaming. `displayName` (default: `path`) is the file name in
 * diagnostics, e.g. the repository-relative path in the Action. A file that cannot be read is a
 * `CoreError` with code `CSV_UNREADABLE`; problems inside the file are diagnostics.
 */
async function readUsersCsvFile(path, options = {}) {
    const { displayName, ...readOptions } = options;
    const file = displayName ?? path;
    const builder = new UsersBuilder(file, readOptions);
    await readCsvFileRecords(path, file, builder);
    return builder.finish();
}
/** `readCsvRecords` on a file from disk, streaming; an unreadable file is a `CSV_UNREADABLE` CoreError. */
async function readCsvFileRecords(path, file, sink) {
    let handle;
    try {
        handle = await (0,promises_.open)(path, "r");
    }
    catch (cause) {
        throw unreadable(file, cause);
    }
    const stream = handle.createReadStream({ highWaterMark: 64 * 1024 });
    try {
        await readCsvRecords({ file, input: stream }, sink);
    }
    catch (cause) {
        // File system errors carry `syscall` (EISDIR surfaces on the first read, not on open).
        if (typeof cause === "object" && cause !== null && "syscall" in cause)
            throw unreadable(file, cause);
        throw cause;
    }
    finally {
        stream.destroy();
        await handle.close().catch(() => undefined);
    }
}
function unreadable(file, cause) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    return new CoreError("CSV_UNREADABLE", `cannot read ${file}: ${reason}`, { cause });
}
//# sourceMappingURL=read-users-csv.js.map
;// CONCATENATED MODULE: ../core/dist/csv/multi-vendor.js








/** The desired state for a vendor, or one site of it. */
function desiredFor(users, id, site) {
    return (site === undefined ? undefined : users.byTarget.get(`${id}.${site}`)) ?? users.byTarget.get(id);
}
/** `a.csv`, or `people/a.csv + 2 more` when several files are read as one: the plan's file label. */
function filesLabel(files) {
    if (files.length <= 1)
        return files[0] ?? "users.csv";
    return files.join(", ");
}
/**
 * Several files read as one: the engine keys rows by line, so a row's line is made unique across
 * the set as `file index * LINE_STRIDE + line` (the first file's lines are unchanged), and `file`
 * names its file. `localisePlan` turns plans back into each row's own file and line.
 */
const LINE_STRIDE = 10_000_000;
function collect(file) {
    const records = [];
    const diagnostics = [];
    return {
        records,
        diagnostics,
        record(record, line) {
            if (record.every((field) => field.trim() === ""))
                return;
            records.push({ record, line });
        },
        report(code, message, line) {
            diagnostics.push({ severity: "error", code, message, file, line });
        },
    };
}
async function readMultiVendorUsers(files, options) {
    const collected = await Promise.all(files.map(async (file) => {
        const sink = collect(file.name);
        await readCsvFileRecords(file.path, file.name, sink);
        return { file: file.name, ...sink };
    }));
    return resolveMultiVendor(collected, options);
}
/** The pure half of readMultiVendorUsers: records in, one DesiredState per vendor out. */
function resolveMultiVendor(files, { config, modules, csvOptions }) {
    const configured = new Set(config.vendors.map((v) => v.id));
    // `periscope.<site>` for every site roster.yml lists: a target of its own in columns and `vendors` cells.
    const siteKeys = new Map();
    for (const v of config.vendors)
        for (const site of v.sites ?? [])
            siteKeys.set(`${v.id}.${site}`.toLowerCase(), `${v.id}.${site}`);
    const diagnostics = [];
    const companyGroups = new Map(config.groups.map((g) => [g.name.toLowerCase(), g]));
    const companyNames = config.groups.map((g) => g.name);
    const targets = modules.flatMap((module) => {
        const sites = config.vendors.find((v) => v.id === module.id)?.sites ?? [];
        if (sites.length === 0)
            return [{ key: module.id, id: module.id, module }];
        return sites.map((site) => ({ key: `${module.id}.${site}`, id: module.id, module }));
    });
    const perVendor = new Map();
    for (const { key, id } of targets) {
        const named = new Map();
        for (const group of config.groups)
            for (const name of mappedNames(group, key, id))
                if (!named.has(name.toLowerCase()))
                    named.set(name.toLowerCase(), name);
        perVendor.set(key, { users: [], named, columns: {}, attributeColumns: {} });
    }
    const seen = new Map();
    let headerLine = 0;
    for (const [fileIndex, { file, records, diagnostics: fileProblems }] of files.entries()) {
        for (const problem of fileProblems)
            diagnostics.push(problem);
        const first = records[0];
        if (first === undefined) {
            if (fileProblems.length === 0) {
                diagnostics.push(multi_vendor_error(file, 0, "CSV_EMPTY", "the file has no rows; it needs at least a header row such as `email,first_name,last_name,groups`"));
            }
            continue;
        }
        if (headerLine === 0)
            headerLine = first.line;
        const report = (line, code, message, column) => {
            diagnostics.push(multi_vendor_error(file, line, code, message, column));
        };
        const layout = analyseMultiHeader(first.record, first.line, configured, siteKeys, report);
        const rows = records.slice(1);
        // Common columns: every row, with the single-vendor rules (email, duplicates, status...).
        const common = new users_builder_UsersBuilder(file, {});
        const commonMap = layout.commonIndexes;
        common.record(commonMap.map((i) => first.record[i] ?? ""), first.line);
        for (const { record, line } of rows) {
            if (record.length === first.record.length)
                common.record(commonMap.map((i) => record[i] ?? ""), line);
            else {
                const n = record.length;
                report(line, "CSV_RAGGED_ROW", `row has ${n} ${n === 1 ? "field" : "fields"} where the header has ${first.record.length}; check for a missing or extra comma (quote values that contain commas)`);
            }
        }
        const commonState = common.finish();
        // One by one: a file with hundreds of thousands of bad rows would overflow a spread's arguments.
        for (const diagnostic of remap(commonState.diagnostics, (column) => (commonMap[column - 1] ?? column - 1) + 1)) {
            diagnostics.push(diagnostic);
        }
        const commonByLine = new Map(commonState.users.map((u) => [u.line, u]));
        const splitCompany = makeGroupSplitter([";"]);
        const rowInfo = new Map();
        for (const { record, line } of rows) {
            const user = commonByLine.get(line);
            if (user === undefined)
                continue;
            let ok = true;
            const prior = seen.get(user.email);
            if (prior !== undefined && prior.file !== file) {
                ok = false;
                report(line, "ROW_DUPLICATE_EMAIL", `\`${user.emailAsWritten}\` is also on ${prior.file}:${prior.line}; list each person once across the users files`, (layout.common.get("email") ?? 0) + 1);
            }
            else if (prior === undefined)
                seen.set(user.email, { file, line });
            let groups;
            const groupsCell = layout.groupsIndex === undefined ? "" : cleanCell(record[layout.groupsIndex] ?? "");
            if (groupsCell !== "") {
                groups = [];
                if (groupsCell !== EMPTY_MARKER) {
                    for (const name of parseGroups(groupsCell, splitCompany)) {
                        const group = companyGroups.get(name.toLowerCase());
                        if (group === undefined) {
                            ok = false;
                            report(line, "ROW_UNKNOWN_COMPANY_GROUP", `\`${name}\` is not a company group in ${config.file}${didYouMean(name, companyNames)}`, (layout.groupsIndex ?? 0) + 1);
                        }
                        else
                            groups.push(group.name);
                    }
                }
            }
            let vendors;
            const vendorsCell = layout.vendorsIndex === undefined ? "" : cleanCell(record[layout.vendorsIndex] ?? "");
            if (vendorsCell !== "") {
                vendors = new Set();
                for (const id of parseGroups(vendorsCell, makeGroupSplitter([";", ","]))) {
                    const lower = id.toLowerCase();
                    const site = siteKeys.get(lower);
                    if (configured.has(lower))
                        vendors.add(lower);
                    else if (site !== undefined)
                        vendors.add(site);
                    else {
                        ok = false;
                        const known = [...configured];
                        report(line, "ROW_INVALID_VENDORS", `\`${id}\` is not a vendor in ${config.file} (\`vendors:\` lists ${known.join(", ")})${didYouMean(id, known)}`, layout.vendorsIndex === undefined ? undefined : layout.vendorsIndex + 1);
                    }
                }
            }
            if (ok)
                rowInfo.set(line, { companyGroups: groups, vendors });
        }
        for (const { key, id, module } of targets) {
            const target = perVendor.get(key);
            if (target === undefined)
                continue;
            // A site's own columns (`periscope.<site>.groups`) win over the vendor's for that site.
            const own = new Map([
                ...(layout.vendorColumns.get(id) ?? []),
                ...(key === id ? [] : (layout.vendorColumns.get(key) ?? [])),
            ]);
            // The vendor's projection: every column either side names, `groups` resolved separately.
            const keys = [...new Set([...layout.common.keys(), ...own.keys()])].filter((k) => k !== "groups" && k !== "vendors");
            const header = keys.map((k) => {
                const index = layout.common.get(k);
                return index === undefined ? k : (first.record[index] ?? k);
            });
            for (const k of keys) {
                const column = (own.get(k) ?? layout.common.get(k) ?? 0) + 1;
                if (k.startsWith(ATTRIBUTE_PREFIX))
                    target.attributeColumns[k.slice(ATTRIBUTE_PREFIX.length)] ??= column;
                else
                    target.columns[k] ??= column;
            }
            if (layout.groupsIndex !== undefined || own.has("groups"))
                target.columns.groups ??= (own.get("groups") ?? layout.groupsIndex ?? 0) + 1;
            // The vendor's row rules run once per row below, when its groups are resolved.
            const { validateUser, ...parseOptions } = csvOptions(module);
            const builder = new users_builder_UsersBuilder(file, parseOptions);
            builder.record(header, first.line);
            const origin = new Map();
            const resolved = new Map();
            const splitVendor = makeGroupSplitter(module.capabilities.groupSeparators);
            for (const { record, line } of rows) {
                const info = rowInfo.get(line);
                if (info === undefined)
                    continue;
                if (!belongs(record, info, key, id, own, companyGroups))
                    continue;
                const indexes = keys.map((k) => {
                    const mine = own.get(k);
                    if (mine !== undefined && cleanCell(record[mine] ?? "") !== "")
                        return mine;
                    return layout.common.get(k) ?? mine ?? -1;
                });
                origin.set(line, indexes);
                builder.record(indexes.map((i) => (i < 0 ? "" : (record[i] ?? ""))), line);
                resolved.set(line, vendorGroups(record, info, key, id, own.get("groups"), companyGroups, splitVendor, target.named));
            }
            const state = builder.finish();
            diagnostics.push(
            // The header was checked once, by the common builder above.
            ...state.diagnostics
                .filter((d) => d.line !== first.line)
                .map((d) => {
                if (d.column === undefined)
                    return d;
                const i = origin.get(d.line)?.[d.column - 1];
                return i === undefined || i < 0 ? d : { ...d, column: i + 1 };
            }));
            const groupsColumn = own.get("groups") ?? layout.groupsIndex;
            for (const user of state.users) {
                const groups = resolved.get(user.line);
                const resolvedUser = groups === undefined ? user : { ...user, groups };
                // Every row rule of the vendor (vendorCsvOptions) meets the row as the vendor will: with the
                // groups its company groups resolve to, at the columns this row was read from. An error
                // keeps the user out, as the single-vendor reader does.
                if (validateUser !== undefined) {
                    const columns = {};
                    const indexes = origin.get(user.line) ?? [];
                    for (const [j, k] of keys.entries())
                        if ((indexes[j] ?? -1) >= 0)
                            columns[k] = (indexes[j] ?? 0) + 1;
                    if (groupsColumn !== undefined)
                        columns.groups = groupsColumn + 1;
                    const found = validateUser(resolvedUser, file, columns);
                    diagnostics.push(...found);
                    if (found.some((d) => d.severity === "error"))
                        continue;
                }
                target.users.push(files.length > 1 ? { ...resolvedUser, file, line: fileIndex * LINE_STRIDE + user.line } : resolvedUser);
            }
        }
    }
    const all = sortDiagnostics(dedupe(diagnostics));
    const label = filesLabel(files.map((f) => f.file));
    const byTarget = new Map();
    for (const { key } of targets) {
        const target = perVendor.get(key);
        if (target === undefined)
            continue;
        byTarget.set(key, {
            file: label,
            users: target.users,
            headerLine,
            columns: target.columns,
            attributeColumns: target.attributeColumns,
            groupsNamed: [...target.named.values()],
            diagnostics: all,
        });
    }
    return { byTarget, diagnostics: all, files: files.map((f) => f.file) };
}
/** A site's own mapping (`periscope.<site>`) replaces the vendor's for that site. */
function mappedNames(group, key, id) {
    if (group === undefined)
        return [];
    return group.vendors[key] ?? group.vendors[id] ?? [];
}
function belongs(record, info, key, id, own, companyGroups) {
    if (info.vendors !== undefined)
        return info.vendors.has(id) || info.vendors.has(key);
    for (const name of info.companyGroups ?? []) {
        if (mappedNames(companyGroups.get(name.toLowerCase()), key, id).length > 0)
            return true;
    }
    for (const index of own.values())
        if (cleanCell(record[index] ?? "") !== "")
            return true;
    return false;
}
/** The vendor's groups for a row: its company groups mapped, plus `V.groups`; undefined when both are blank. */
function vendorGroups(record, info, key, id, ownGroupsIndex, companyGroups, split, named) {
    const ownCell = ownGroupsIndex === undefined ? "" : cleanCell(record[ownGroupsIndex] ?? "");
    if (info.companyGroups === undefined && ownCell === "")
        return undefined;
    const out = [];
    const have = new Set();
    const add = (name) => {
        const key = name.toLowerCase();
        if (have.has(key))
            return;
        have.add(key);
        out.push(name);
    };
    for (const company of info.companyGroups ?? [])
        for (const name of mappedNames(companyGroups.get(company.toLowerCase()), key, id))
            add(name);
    if (ownCell !== "" && ownCell !== EMPTY_MARKER) {
        for (const name of parseGroups(ownCell, split)) {
            add(name);
            if (!named.has(name.toLowerCase()))
                named.set(name.toLowerCase(), name);
        }
    }
    return out;
}
function analyseMultiHeader(cells, line, configured, siteKeys, report) {
    const common = new Map();
    const commonIndexes = [];
    const vendorColumns = new Map();
    let vendorsIndex;
    for (let i = 0; i < cells.length; i++) {
        const header = (cells[i] ?? "").trim().normalize("NFC");
        if (headerKey(header) === "vendors") {
            if (vendorsIndex === undefined)
                vendorsIndex = i;
            else
                report(line, "CSV_DUPLICATE_COLUMN", `column \`vendors\` repeats column ${vendorsIndex + 1}`, i + 1);
            continue;
        }
        const dot = header.indexOf(".");
        const prefix = dot > 0 ? header.slice(0, dot).trim().toLowerCase() : "";
        if (dot > 0 && !header.slice(0, dot).includes("@") && !prefix.startsWith("attr:")) {
            let rest = header.slice(dot + 1).trim();
            // `periscope.<site>.<column>`: a column of one listed site.
            let target = prefix;
            const secondDot = rest.indexOf(".");
            const site = secondDot > 0 ? siteKeys.get(`${prefix}.${rest.slice(0, secondDot)}`.toLowerCase()) : undefined;
            if (site !== undefined) {
                target = site;
                rest = rest.slice(secondDot + 1).trim();
            }
            if (!VENDOR_IDS.includes(prefix)) {
                report(line, "CSV_UNKNOWN_VENDOR", `column \`${header}\`: \`${prefix}\` is not a vendor${didYouMean(prefix, [...VENDOR_IDS])}; vendor columns are \`<vendor>.<column>\`, e.g. \`sigma.role\``, i + 1);
                continue;
            }
            const id = prefix;
            if (!configured.has(id)) {
                report(line, "CSV_UNKNOWN_VENDOR", `column \`${header}\`: ${id} is not under \`vendors:\` in roster.yml; add it there or remove the column`, i + 1);
                continue;
            }
            const resolved = resolveColumn(rest);
            if (resolved === undefined || resolved === "email") {
                const suggestion = resolved === "email" ? undefined : suggestColumn(rest);
                const why = resolved === "email"
                    ? "`email` is the key of the row and is the same for every vendor"
                    : suggestion === undefined
                        ? "unknown column"
                        : `did you mean \`${id}.${suggestion}\`?`;
                report(line, "CSV_UNKNOWN_COLUMN", `unknown column \`${header}\`; ${why}`, i + 1);
                continue;
            }
            const key = typeof resolved === "object" ? `${ATTRIBUTE_PREFIX}${resolved.attribute}` : resolved;
            const own = vendorColumns.get(target) ?? new Map();
            vendorColumns.set(target, own);
            if (own.has(key))
                report(line, "CSV_DUPLICATE_COLUMN", `column \`${header}\` repeats column ${(own.get(key) ?? 0) + 1}`, i + 1);
            else
                own.set(key, i);
            continue;
        }
        commonIndexes.push(i);
        const resolved = resolveColumn(header);
        if (resolved === undefined)
            continue; // the common builder reports it, with its "did you mean"
        const key = typeof resolved === "object" ? `${ATTRIBUTE_PREFIX}${resolved.attribute}` : resolved;
        if (!common.has(key))
            common.set(key, i);
    }
    return { header: cells, common, commonIndexes, vendorColumns, vendorsIndex, groupsIndex: common.get("groups") };
}
function didYouMean(name, known) {
    if (known.length === 0)
        return "";
    const match = (0,mod/* closest */.kp)(name.toLowerCase(), known.map((k) => k.toLowerCase()));
    const limit = Math.max(2, Math.floor(name.length * 0.4));
    const original = known.find((k) => k.toLowerCase() === match);
    return (0,mod/* distance */.Io)(name.toLowerCase(), match) <= limit && original !== undefined
        ? `; did you mean \`${original}\`?`
        : "";
}
function multi_vendor_error(file, line, code, message, column) {
    return column === undefined
        ? { severity: "error", code, message, file, line }
        : { severity: "error", code, message, file, line, column };
}
function remap(diagnostics, column) {
    return diagnostics.map((d) => (d.column === undefined ? d : { ...d, column: column(d.column) }));
}
function dedupe(diagnostics) {
    const seen = new Set();
    return diagnostics.filter((d) => {
        const key = `${d.code}\u0000${d.file}\u0000${d.line}\u0000${d.column ?? ""}\u0000${d.message}`;
        if (seen.has(key))
            return false;
        seen.add(key);
        return true;
    });
}
//# sourceMappingURL=multi-vendor.js.map
;// CONCATENATED MODULE: ../core/dist/csv/multi-vendor-lines.js

/**
 * A plan made from several users files read as one (`LINE_STRIDE` lines), with every change and
 * diagnostic pointing at its own file and line again. The checksum is the engine's, untouched: it
 * leaves lines out, and the same files always give the same mapping.
 */
function localisePlan(plan, files) {
    if (files.length <= 1)
        return plan;
    return {
        ...plan,
        changes: plan.changes.map((change) => localiseChange(change, files)),
        diagnostics: plan.diagnostics.map((d) => localiseDiagnostic(d, plan.file, files)),
    };
}
function localiseApplyResult(result, files) {
    if (files.length <= 1)
        return result;
    return {
        ...result,
        plan: localisePlan(result.plan, files),
        results: result.results.map((entry) => ({ ...entry, change: localiseChange(entry.change, files) })),
    };
}
function split(line, files) {
    return { file: files[Math.floor(line / LINE_STRIDE)], line: line % LINE_STRIDE };
}
function localiseChange(change, files) {
    if (change.line === null || change.line === 0)
        return change;
    const where = split(change.line, files);
    return where.file === undefined ? change : { ...change, file: where.file, line: where.line };
}
function localiseDiagnostic(d, label, files) {
    if (d.file !== label || d.line === 0)
        return d;
    const where = split(d.line, files);
    return where.file === undefined ? d : { ...d, file: where.file, line: where.line };
}
//# sourceMappingURL=multi-vendor-lines.js.map
;// CONCATENATED MODULE: ../core/dist/csv/index.js




//# sourceMappingURL=index.js.map
;// CONCATENATED MODULE: ../core/dist/engine/apply-plan.js

const STOPPED_REASON = "stopped after an earlier failure";
const CANCELLED_REASON = "cancelled";
const NOT_ATTEMPTED_REASON = "not attempted";
/** Worst first: a change reported several times keeps the worst report. */
const SEVERITY = { applied: 0, skipped: 1, unknown: 2, failed: 3 };
/**
 * Applies a plan through a vendor, and keeps the books of it once for every vendor (issue 12
 * item 8): the vendor sends requests in the plan's order and reports an outcome per change; the
 * engine decides when to stop (cancellation through `context.signal`, the first failure with
 * `stopOnError`, or a vendor's `halt`), marks what was never reported as skipped with the reason,
 * and does the counts, progress and timing.
 *
 * A vendor answer that cannot be read (a `CoreError` escaping the vendor, e.g. VENDOR_PROTOCOL or
 * a transport failure) never loses the report of what was already applied: the apply stops, and
 * each change without an outcome is `unknown`, since it may have been in flight. Only bugs, the
 * plan-mode write guard and INTERNAL errors are thrown.
 */
async function applyPlan(vendor, plan, directory, options, context) {
    const now = options.now ?? Date.now;
    const started = now();
    const total = plan.changes.length;
    const outcomes = plan.changes.map(() => undefined);
    let done = 0;
    let stopReason;
    let finished = false;
    const stopped = () => {
        if (stopReason === undefined && context.signal?.aborted === true)
            stopReason = CANCELLED_REASON;
        return stopReason !== undefined;
    };
    const session = {
        logger: context.logger,
        ...(context.onWait === undefined ? {} : { onWait: context.onWait }),
        sequential: options.stopOnError,
        get stopped() {
            return stopped();
        },
        settle(indexes, outcome) {
            if (finished)
                return;
            for (const index of indexes) {
                if (index < 0 || index >= total)
                    continue;
                const current = outcomes[index];
                if (current === undefined)
                    done += 1;
                else if (SEVERITY[current.status] >= SEVERITY[outcome.status])
                    continue;
                outcomes[index] = outcome;
            }
            if (options.stopOnError && (outcome.status === "failed" || outcome.status === "unknown")) {
                stopReason ??= STOPPED_REASON;
            }
            context.onProgress?.({ phase: "apply", done, total });
        },
        halt(reason) {
            stopReason ??= reason;
        },
    };
    let interrupted;
    try {
        await vendor.apply(plan, directory, session);
    }
    catch (error) {
        if (!isCoreError(error) || error.code === "READ_ONLY_VIOLATION" || error.code === "INTERNAL")
            throw error;
        // Requests still in flight start nothing new; what they report from now on is not counted.
        stopReason ??= `the apply stopped: ${error.message}`;
        interrupted = error.message;
    }
    finally {
        finished = true;
    }
    const results = plan.changes.map((change, index) => ({
        change,
        outcome: outcomes[index] ??
            (interrupted !== undefined
                ? {
                    status: "unknown",
                    message: `the apply stopped on an error before this change's outcome was known (${interrupted}); the next plan reads it back`,
                }
                : { status: "skipped", reason: stopReason ?? NOT_ATTEMPTED_REASON }),
    }));
    const tally = { applied: 0, failed: 0, skipped: 0, unknown: 0 };
    for (const result of results)
        tally[result.outcome.status] += 1;
    const { unknown, ...counts } = tally;
    return {
        plan,
        results,
        counts: unknown > 0 ? { ...counts, unknown } : counts,
        durationMs: Math.max(0, now() - started),
    };
}
//# sourceMappingURL=apply-plan.js.map
;// CONCATENATED MODULE: ../core/dist/vendors/adobe/mapping.js
/** Group kinds Roster may add users to and remove them from; the admin kinds are roles (docs/vendors/adobe.md#reading-users-and-groups). */
const MANAGEABLE_KINDS = new Set(["USER_GROUP", "PRODUCT_PROFILE"]);
/** Fixed admin role groups (UM-DOC ActionsCmds, Add/Remove Attributes). */
const ADMIN_ROLES = new Set(["_org_admin", "_support_admin", "_deployment_admin"]);
/**
 * Adobe's reserved groups: the admin roles and the admin/developer groups that UMAPI lists among a
 * user's groups (`_org_admin`, `_admin_<x>`, `_product_admin_<x>`, `_developer_<x>`;
 * docs/vendors/adobe.md#reading-users-and-groups). `_org_admin` cannot be granted or removed through the API at all.
 */
function isReservedGroupName(name) {
    return (ADMIN_ROLES.has(name) ||
        name.startsWith("_admin_") ||
        name.startsWith("_product_admin_") ||
        name.startsWith("_developer_"));
}
/**
 * Why a user counts as an administrator, or undefined: an admin role among its groups (`_org_admin`,
 * `_support_admin`, `_deployment_admin`, `_admin_<group>`, `_product_admin_<profile>`) or in the
 * `adminRoles` UMAPI reports. Such a user is never removed by the absent-users policy.
 */
function adminReason(user) {
    const group = (user.groups ?? []).find((name) => ADMIN_ROLES.has(name) || name.startsWith("_admin_") || name.startsWith("_product_admin_"));
    if (group !== undefined)
        return `it holds the Adobe admin role ${group}`;
    const role = user.adminRoles?.[0];
    return role === undefined ? undefined : `it holds the Adobe admin role ${role}`;
}
function toCurrentGroup(group) {
    const reserved = isReservedGroupName(group.groupName) || !MANAGEABLE_KINDS.has(group.type);
    return {
        id: group.groupId !== undefined ? String(group.groupId) : group.groupName,
        name: group.groupName,
        kind: group.type,
        ...(reserved ? { reserved: true } : {}),
    };
}
/**
 * The user's id is what the action API takes as `user`: the username (federated users may log in
 * with a non-email username plus `domain`), else the email. `lists`, when given, shares equal group
 * lists between the users of one read.
 */
function toCurrentUser(user, lists) {
    const admin = adminReason(user);
    return {
        id: user.username ?? user.email,
        email: user.email,
        // Only active users are listed (docs/vendors/adobe.md#reading-users-and-groups); removed users are simply absent.
        status: "active",
        groups: lists === undefined ? [...(user.groups ?? [])] : lists.share(user.groups ?? []),
        ...(user.firstname !== undefined ? { firstName: user.firstname } : {}),
        ...(user.lastname !== undefined ? { lastName: user.lastname } : {}),
        ...(user.country !== undefined ? { country: user.country } : {}),
        ...(user.type !== undefined ? { type: user.type } : {}),
        ...(user.username !== undefined ? { username: user.username } : {}),
        ...(user.domain !== undefined ? { domain: user.domain } : {}),
        ...(admin !== undefined ? { admin } : {}),
    };
}
//# sourceMappingURL=mapping.js.map
;// CONCATENATED MODULE: ../core/dist/vendors/adobe/capabilities.js

const NONE = [];
const ENTERPRISE = ["firstName", "lastName"];
const FEDERATED = ["firstName", "lastName", "username"];
/**
 * What UMAPI can do, for the planner (docs/vendors/adobe.md#action-api, UM-DOC ActionsCmds):
 * - groups: user groups and product profiles, `;` or `,` separated (User Sync Tool users files put
 *   comma-separated groups in one quoted cell, docs/vendors/adobe.md#user-sync-tool); only user groups can be created.
 * - no account types and no user attributes.
 * - email rename through `update {email}`; not for Adobe IDs, which their owners manage.
 * - deactivate = `removeFromOrg {deleteAccount:false}`; delete = `deleteAccount:true`. No
 *   reactivation: a removed user comes back by being created again.
 * - absent users, against the User Sync Tool's `adobe_only_user_action`: `preserve`/`exclude` ->
 *   ignore, `remove-adobe-groups` -> remove-groups, `remove` -> deactivate, `delete` -> delete.
 * - updatable fields: names for Enterprise and Federated IDs, username for Federated IDs only
 *   (Enterprise usernames always equal the email); nothing for Adobe IDs; country never.
 */
const adobeCapabilities = {
    groupNoun: "group or product profile",
    groupSeparators: [";", ","],
    createGroup: true,
    roles: false,
    attributes: false,
    renameEmail: true,
    deactivate: true,
    reactivate: false,
    deleteUser: true,
    absentUserActions: ["ignore", "remove-groups", "deactivate", "delete"],
    updatableFields: (user) => user.type === "adobeID" ? NONE : user.type === "federatedID" ? FEDERATED : ENTERPRISE,
    isReservedGroup: isReservedGroupName,
    serverCheck: true,
};
//# sourceMappingURL=capabilities.js.map
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(77598);
// EXTERNAL MODULE: external "node:http"
var external_node_http_ = __webpack_require__(37067);
;// CONCATENATED MODULE: ../core/dist/http/http-error.js

/**
 * A request that failed for good. Message format follows ofetch (docs/style.md#http-clients):
 * `[PATCH] "https://host/v2/members/abc": 404 Not Found – Member type name is not found`.
 * Branch on `code`, `status` and `ambiguous`, not on `instanceof`.
 */
class HttpError extends CoreError {
    code;
    method;
    /** Already redacted. */
    url;
    /** 0 when no response arrived (network failure, timeout). */
    status;
    statusText;
    details;
    /** Already redacted. */
    body;
    attempts;
    /**
     * True when the server may have acted on the request even though no success came back
     * (dropped connection or timeout after sending, or a retryable status on a non-idempotent
     * request). Look up the resource before trying again.
     */
    ambiguous;
    /** The Retry-After the server asked for, when it had one. */
    retryAfterMs;
    constructor(init) {
        super(init.code, formatHttpErrorMessage(init), init.cause === undefined ? undefined : { cause: init.cause });
        this.name = "HttpError";
        this.code = init.code;
        this.method = init.method;
        this.url = init.url;
        this.status = init.status;
        this.statusText = init.statusText;
        this.details = init.details;
        this.body = init.body;
        this.attempts = init.attempts;
        this.ambiguous = init.ambiguous;
        this.retryAfterMs = init.retryAfterMs;
    }
}
function formatHttpErrorMessage(init) {
    const head = `[${init.method}] "${init.url}"`;
    const status = init.status === 0 ? "no response" : `${init.status} ${init.statusText}`.trim();
    const vendor = init.details.message ?? init.details.code;
    const parts = [init.reason, vendor].filter((part) => Boolean(part));
    const suffix = parts.length > 0 ? ` – ${parts.join(" – ")}` : "";
    const attempts = init.attempts > 1 ? ` (after ${init.attempts} attempts)` : "";
    return `${head}: ${status}${suffix}${attempts}`;
}
function isHttpError(error) {
    return (typeof error === "object" &&
        error !== null &&
        error.name === "HttpError" &&
        typeof error.status === "number");
}
function pickString(record, ...keys) {
    for (const key of keys) {
        const value = record[key];
        if (typeof value === "string" && value.length > 0)
            return value;
        if (typeof value === "number")
            return String(value);
    }
    return undefined;
}
/**
 * The default vendor envelope reader. Covers the shapes our vendors use: Sigma
 * `{code, message, requestId}`, Adobe `{error_code, message}` and `{result, message}`
 * (docs/vendors/adobe.md#action-api), OAuth `{error, error_description}`, and plain-text bodies.
 */
function parseVendorError(_status, body) {
    if (typeof body === "string") {
        const text = body.trim();
        return text.length > 0 ? { message: text.length > 300 ? `${text.slice(0, 300)}…` : text } : {};
    }
    if (body === null || typeof body !== "object" || Array.isArray(body))
        return {};
    const record = body;
    const nested = record.error !== null && typeof record.error === "object" ? record.error : undefined;
    const errorText = typeof record.error === "string" ? record.error : undefined;
    const explicitMessage = pickString(record, "message", "error_description", "errorMessage", "detail") ??
        (nested ? pickString(nested, "message", "description") : undefined);
    const result = typeof record.result === "string" && record.result !== "success" ? record.result : undefined;
    const code = pickString(record, "code", "error_code", "errorCode") ??
        (nested ? pickString(nested, "code") : undefined) ??
        (explicitMessage !== undefined ? errorText : undefined) ??
        result;
    const message = explicitMessage ?? errorText;
    const requestId = pickString(record, "requestId", "request_id", "requestID");
    return {
        ...(message !== undefined && { message }),
        ...(code !== undefined && { code }),
        ...(requestId !== undefined && { requestId }),
    };
}
//# sourceMappingURL=http-error.js.map
;// CONCATENATED MODULE: ../core/dist/http/read-only-guard.js

const SAFE_METHODS = new Set(["GET", "HEAD"]);
/**
 * Allows a write when the final URL carries `<param>=true`: the vendor's own server-side test
 * mode, which validates without changing anything (Periscope `test_mode=true`, Adobe
 * `testOnly=true`; README.md#safety).
 */
function allowTestModeQuery(param) {
    // Every occurrence must say true: `?test_mode=true&test_mode=false` passes a check of the first
    // value, while a Rails-style server reads the last one and writes for real (test "Periscope plan mode refuses every mutating route unless test_mode=true", reliability/read-only.test.ts).
    return (_request, url) => {
        const values = url.searchParams.getAll(param);
        return values.length > 0 && values.every((value) => value === "true");
    };
}
/** Allows writes to exact paths (the token exchange), matched on the final URL's pathname. */
function allowPaths(...paths) {
    return (_request, url) => paths.some((path) => (typeof path === "string" ? url.pathname === path : path.test(url.pathname)));
}
/** Allows a write when any of the given allowances does. */
function allowAny(...allowances) {
    return (request, url) => allowances.some((allow) => allow(request, url));
}
/** Throws READ_ONLY_VIOLATION unless the request is a read or explicitly allowed. */
function assertReadOnlyAllowed(request, url, displayUrl, allow) {
    if (SAFE_METHODS.has(request.method))
        return;
    if (allow?.(request, url))
        return;
    throw new CoreError("READ_ONLY_VIOLATION", `Refused [${request.method}] "${displayUrl}": the client is read-only (plan mode) and this request would change data`);
}
//# sourceMappingURL=read-only-guard.js.map
;// CONCATENATED MODULE: ../core/dist/http/redact.js
/**
 * Secret redaction for every message, error and log line the HTTP layer produces.
 * Known secret values are replaced verbatim (plus their URL-encoded and Basic `id:secret` forms);
 * generic patterns catch credentials we were not told about (a token echoed back by a vendor).
 */
const REDACTED = "[REDACTED]";
/** Query parameters whose values are always secrets, whatever their value. */
const SECRET_QUERY_PARAMS = new Set([
    "access_token",
    "api_key",
    "apikey",
    "client_secret",
    "password",
    "refresh_token",
    "secret",
    "signature",
    "token",
]);
// Generic credential shapes. Each keeps its label and replaces the value only.
const GENERIC_PATTERNS = [
    // At least 6 characters, so prose such as "Bearer token required" survives.
    /(\bBearer\s+)[A-Za-z0-9\-._~+/]{6,}=*/gi,
    /(\bBasic\s+)[A-Za-z0-9+/]{6,}=*/gi,
    // `client_secret=...` in a form or query, `"client_secret": "..."` in JSON. Not after `/`: a URL
    // path such as `"https://…/v2/auth/token": no response` names an endpoint, not a credential.
    /((?<!\/)\b(?:client_secret|refresh_token|access_token|id_token|token|api_key|apikey|password)\b["']?\s*[:=]\s*["']?)[^"'&\s,}]+/gi,
    // Periscope's header, in logs of header maps: `HTTP-X-PARTNER-AUTH: site:key`.
    /(\bHTTP-X-PARTNER-AUTH\b["']?\s*[:=]\s*["']?)[^"'&\s,}]+/gi,
    /(\bx-api-key\b["']?\s*[:=]\s*["']?)[^"'&\s,}]+/gi,
];
function redact_escapeRegExp(value) {
    return value.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
function variantsOf(secret) {
    const variants = new Set([secret]);
    variants.add(encodeURIComponent(secret));
    // URLSearchParams encodes spaces as "+", unlike encodeURIComponent.
    variants.add(new URLSearchParams({ s: secret }).toString().slice(2));
    variants.add(Buffer.from(secret).toString("base64"));
    return [...variants].filter((variant) => variant.length > 0);
}
/**
 * Builds a redactor for the given secret values. Secrets shorter than 4 characters are ignored:
 * redacting "a" would shred every message and protects nothing.
 * Pairs of secrets also yield their Basic form `base64(id:secret)` (Sigma's token endpoint
 * accepts Basic auth, docs/vendors/sigma.md#simulator).
 */
function createRedactor(secrets) {
    // Settings read from the environment may be missing at runtime whatever the type says.
    const usable = [...new Set(secrets)].filter((secret) => typeof secret === "string" && secret.length >= 4);
    const literals = new Set();
    for (const secret of usable) {
        for (const variant of variantsOf(secret))
            literals.add(variant);
    }
    for (const first of usable) {
        for (const second of usable) {
            if (first !== second)
                literals.add(Buffer.from(`${first}:${second}`).toString("base64"));
        }
    }
    // Longest first, so a secret that contains another is replaced whole.
    const ordered = [...literals].sort((a, b) => b.length - a.length);
    const literalPattern = ordered.length > 0 ? new RegExp(ordered.map(redact_escapeRegExp).join("|"), "g") : undefined;
    return (text) => {
        let result = literalPattern ? text.replace(literalPattern, REDACTED) : text;
        for (const pattern of GENERIC_PATTERNS) {
            result = result.replace(pattern, (_match, label) => `${label}${REDACTED}`);
        }
        return result;
    };
}
/** Redacts every string inside a parsed JSON value (error bodies kept on HttpError). */
function redactValue(value, redact) {
    if (typeof value === "string")
        return redact(value);
    if (Array.isArray(value))
        return value.map((item) => redactValue(item, redact));
    if (value !== null && typeof value === "object") {
        const out = {};
        for (const [key, item] of Object.entries(value)) {
            out[key] = SECRET_QUERY_PARAMS.has(key.toLowerCase()) ? REDACTED : redactValue(item, redact);
        }
        return out;
    }
    return value;
}
/** The URL as it may be shown: secret query parameters blanked, then the redactor applied. */
function redactUrl(url, redact) {
    const copy = new URL(url);
    for (const key of [...copy.searchParams.keys()]) {
        if (SECRET_QUERY_PARAMS.has(key.toLowerCase()))
            copy.searchParams.set(key, REDACTED);
    }
    copy.username = "";
    copy.password = "";
    return redact(copy.toString().replaceAll(encodeURIComponent(REDACTED), REDACTED));
}
//# sourceMappingURL=redact.js.map
;// CONCATENATED MODULE: ../core/dist/http/retry-policy.js
/**
 * Statuses retried by default (docs/style.md#http-clients; ofetch keeps the same kind of set):
 * - 429 Too Many Requests: every vendor throttles this way; Adobe requires backoff + jitter
 *   and sends `Retry-After` (docs/vendors/adobe.md#action-api).
 * - 502 Bad Gateway, 504 Gateway Timeout: a proxy in front of the vendor failed.
 * - 503 Service Unavailable: the vendor is overloaded or in maintenance.
 * 500 is NOT retried: it usually means the request itself broke the server, and a write may have
 * happened (umapi-client treats it as a ServerError without retry, docs/vendors/adobe.md#umapi-client).
 */
const DEFAULT_RETRY_STATUSES = new Set([429, 502, 503, 504]);
/**
 * Statuses retried for reads only (GET/HEAD). A read cannot have changed anything, so the reason
 * 500 is not retried for writes does not apply; and one transient 500 among the dozens of paged
 * reads a vendor listing takes would otherwise abort the whole plan (test "retries 500 on a read, which cannot have changed anything", http/http-retry.test.ts).
 * Writes keep the rule above, even those marked idempotent (Adobe treats 500 as final, docs/vendors/adobe.md#umapi-client).
 */
const READ_RETRY_STATUSES = new Set([500]);
/** Whether a status is retried for this request under the policy. */
function isRetryableStatus(status, request, policy) {
    if (policy.retryStatuses.has(status))
        return true;
    return (request.method === "GET" || request.method === "HEAD") && READ_RETRY_STATUSES.has(status);
}
/**
 * Statuses that prove the server did not act, so even a POST may be repeated:
 * 429 (rejected by the throttle before processing) and 503 (not accepted for processing).
 */
const NOT_PROCESSED_STATUSES = new Set([429, 503]);
const DEFAULT_RETRY_POLICY = {
    maxAttempts: 5,
    baseDelayMs: 500,
    maxDelayMs: 30_000,
    retryStatuses: DEFAULT_RETRY_STATUSES,
    maxRetryAfterMs: 120_000,
};
function resolveRetryPolicy(partial) {
    const policy = { ...DEFAULT_RETRY_POLICY, ...partial };
    return { ...policy, maxAttempts: Math.max(1, Math.floor(policy.maxAttempts)) };
}
/** GET/HEAD/PUT/DELETE/PATCH are treated as repeatable; POST is not (HttpRequest.idempotent). */
function isIdempotentByDefault(method) {
    return method !== "POST";
}
/** Exponential backoff with full jitter: random(0, min(max, base * 2^(retry-1))). */
function backoffDelay(retry, policy, random) {
    const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, retry - 1));
    return Math.round(random() * ceiling);
}
/**
 * `Retry-After` as delta-seconds or an HTTP-date (RFC 9110 §10.2.3); umapi-client accepts both
 * (docs/vendors/adobe.md#umapi-client). Returns milliseconds, or undefined when absent or unreadable.
 */
function parseRetryAfter(value, now) {
    if (value === undefined)
        return undefined;
    const text = value.trim();
    if (text === "")
        return undefined;
    if (/^\d+(\.\d+)?$/.test(text))
        return Math.round(Number(text) * 1000);
    const date = Date.parse(text);
    if (Number.isNaN(date))
        return undefined;
    return Math.max(0, date - now);
}
//# sourceMappingURL=retry-policy.js.map
// EXTERNAL MODULE: ../../node_modules/.pnpm/undici@8.12.4/node_modules/undici/index.js
var undici = __webpack_require__(88762);
;// CONCATENATED MODULE: ../core/dist/http/send-attempt.js

/**
 * A transport failure classified for the retry decision. `ambiguous` is false only when the
 * connection was never established, so the server cannot have seen the request.
 */
class TransportFailure extends Error {
    kind;
    ambiguous;
    constructor(kind, ambiguous, message, cause) {
        super(message, { cause });
        this.name = "TransportFailure";
        this.kind = kind;
        this.ambiguous = ambiguous;
    }
}
// Errors raised before a connection exists: the request never left this machine.
const NOT_CONNECTED_CODES = new Set([
    "ECONNREFUSED",
    "ENOTFOUND",
    "EAI_AGAIN",
    "EHOSTUNREACH",
    "ENETUNREACH",
    "UND_ERR_CONNECT_TIMEOUT",
]);
const TIMEOUT_CODES = new Set([
    "UND_ERR_HEADERS_TIMEOUT",
    "UND_ERR_BODY_TIMEOUT",
    "UND_ERR_CONNECT_TIMEOUT",
    "ETIMEDOUT",
]);
function errorCodes(error) {
    const codes = [];
    let current = error;
    for (let depth = 0; depth < 4 && typeof current === "object" && current !== null; depth++) {
        const code = current.code;
        if (typeof code === "string")
            codes.push(code);
        // Happy-eyeballs connects fail with an AggregateError holding one error per address.
        const inner = current.errors;
        if (Array.isArray(inner))
            codes.push(...inner.flatMap((item) => errorCodes(item)));
        current = current.cause;
    }
    return codes;
}
function classifyTransportError(error) {
    const codes = errorCodes(error);
    const name = typeof error === "object" && error !== null ? error.name : undefined;
    const timedOut = name === "TimeoutError" || codes.some((code) => TIMEOUT_CODES.has(code));
    const notConnected = codes.length > 0 && codes.every((code) => NOT_CONNECTED_CODES.has(code));
    const code = codes[0] ?? (typeof name === "string" ? name : "unknown");
    const detail = error instanceof Error && error.message ? `${code}: ${error.message}` : code;
    const description = timedOut ? `timed out (${detail})` : notConnected ? `connection failed (${detail})` : detail;
    return new TransportFailure(timedOut ? "timeout" : "network", !notConnected, description, error);
}
function flattenHeaders(headers) {
    const out = {};
    for (const [key, value] of Object.entries(headers)) {
        if (value !== undefined)
            out[key.toLowerCase()] = Array.isArray(value) ? value.join(", ") : value;
    }
    return out;
}
function parseBody(text, contentType) {
    if (text.length === 0)
        return undefined;
    if (contentType?.toLowerCase().includes("json")) {
        try {
            return JSON.parse(text);
        }
        catch {
            // A vendor that labels an HTML error page as JSON: keep the text for the error message.
            return text;
        }
    }
    return text;
}
/**
 * A body gathered from its chunks and read as `body.text()` and the whole-body path do: a leading
 * byte order mark skipped, UTF-8 decoded with invalid bytes replaced, then `parseBody`. For a
 * `BodyReader` that meets an answer it cannot stream (not labelled JSON).
 */
async function readWholeBody(chunks, contentType) {
    const parts = [];
    for await (const chunk of chunks)
        parts.push(Buffer.from(chunk));
    const bytes = Buffer.concat(parts);
    const bom = bytes.length > 2 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
    return parseBody(bytes.toString("utf8", bom ? 3 : 0), contentType);
}
/**
 * The body's chunks as they arrive; a failure of the connection or the timeout while they do is a
 * TransportFailure, as it is for a body read whole, so the client retries the attempt.
 */
async function* transportChunks(body) {
    try {
        for await (const chunk of body)
            yield chunk;
    }
    catch (error) {
        throw classifyTransportError(error);
    }
}
/**
 * Sends one attempt and reads the whole response, or hands a 2xx body to `read` as it streams in
 * (any other status is read whole, for the retry decision and the error report). Throws
 * TransportFailure for the transport, and whatever `read` throws of its own unchanged.
 */
async function sendAttempt(input, read) {
    let response;
    try {
        response = await (0,undici/* request */.Em)(input.url, {
            dispatcher: input.dispatcher,
            method: input.method,
            headers: input.headers,
            body: input.body ?? null,
            headersTimeout: input.timeoutMs,
            bodyTimeout: input.timeoutMs,
            // undici's own timers tick coarsely (about a second); the signal makes short timeouts exact.
            signal: AbortSignal.timeout(input.timeoutMs),
        });
    }
    catch (error) {
        throw classifyTransportError(error);
    }
    const headers = flattenHeaders(response.headers);
    const status = response.statusCode;
    if (read !== undefined && status >= 200 && status <= 299) {
        try {
            const value = await read({ status, headers, chunks: transportChunks(response.body) });
            return { status, headers, body: undefined, read: { value } };
        }
        finally {
            // A reader that stopped early (a malformed body) leaves the rest unread: drop the connection.
            if (!response.body.readableEnded)
                response.body.destroy();
        }
    }
    let text;
    try {
        text = await response.body.text();
    }
    catch (error) {
        throw classifyTransportError(error);
    }
    return { status, headers, body: parseBody(text, headers["content-type"]) };
}
//# sourceMappingURL=send-attempt.js.map
;// CONCATENATED MODULE: ../core/dist/http/shared-agent.js

/**
 * One keep-alive dispatcher shared by every client that was not given one, so the three vendors'
 * clients reuse connections. Reference-counted: the last `close()` closes it, so a CLI run or a
 * test file does not keep idle sockets open.
 *
 * Corporate networks: undici's EnvHttpProxyAgent honours HTTP_PROXY / HTTPS_PROXY / NO_PROXY (and
 * their lowercase forms) from the process environment, read when the dispatcher is first made; with
 * none set it is a plain Agent. https requests go through the proxy in a CONNECT tunnel, http ones
 * are forwarded. A proxy that re-signs TLS needs its CA in NODE_EXTRA_CA_CERTS (README,
 * "Corporate networks"). https://undici.nodejs.org/#/docs/api/EnvHttpProxyAgent
 */
let shared;
function acquireSharedAgent() {
    if (!shared) {
        // Vendors throttle far below 8 parallel connections per origin (docs/vendors/adobe.md#action-api).
        const agent = new undici/* EnvHttpProxyAgent */.J2({ connections: 8, keepAliveTimeout: 10_000, keepAliveMaxTimeout: 60_000 });
        shared = { agent, users: 0 };
    }
    const current = shared;
    current.users++;
    let released = false;
    return {
        agent: current.agent,
        async release() {
            if (released)
                return;
            released = true;
            current.users--;
            if (current.users === 0) {
                if (shared === current)
                    shared = undefined;
                await current.agent.close();
            }
        },
    };
}
//# sourceMappingURL=shared-agent.js.map
;// CONCATENATED MODULE: ../core/dist/http/http-client.js








const DEFAULT_TIMEOUT_MS = 60_000;
const LOST_EARLIER = "an earlier attempt was sent and its answer lost, so the server may have acted on it";
function buildUrl(baseUrl, request) {
    const base = new URL(baseUrl);
    let url;
    if (/^https?:\/\//i.test(request.path)) {
        url = new URL(request.path);
        // Next-page links are absolute; never send credentials to another origin.
        if (url.origin !== base.origin) {
            throw new HttpError({
                code: "HTTP_ERROR",
                method: request.method,
                url: `${url.origin}${url.pathname}`,
                status: 0,
                statusText: "",
                details: {},
                body: undefined,
                attempts: 0,
                ambiguous: false,
                reason: `refused: the URL is outside the client's base URL ${base.origin}`,
            });
        }
    }
    else {
        const prefix = base.pathname.endsWith("/") ? base.pathname : `${base.pathname}/`;
        url = new URL(`${prefix}${request.path.replace(/^\/+/, "")}`, base.origin);
    }
    for (const [key, value] of Object.entries(request.query ?? {})) {
        if (value !== undefined)
            url.searchParams.append(key, String(value));
    }
    return url;
}
function encodeBody(request) {
    if (request.json !== undefined)
        return { body: JSON.stringify(request.json), contentType: "application/json" };
    if (request.form !== undefined) {
        return { body: new URLSearchParams(request.form).toString(), contentType: "application/x-www-form-urlencoded" };
    }
    return { body: undefined, contentType: undefined };
}
function formatWait(ms) {
    return ms >= 1000 ? `${(ms / 1000).toFixed(1)} s` : `${ms} ms`;
}
function createHttpClient(options) {
    const policy = resolveRetryPolicy(options.retry);
    const secrets = [...(options.secrets ?? [])];
    let redactor = createRedactor(secrets);
    const redact = (text) => redactor(text);
    const sleep = options.sleep ?? ((ms) => (0,external_node_timers_promises_.setTimeout)(ms).then(() => undefined));
    const random = options.random ?? Math.random;
    const now = options.now ?? Date.now;
    const parseError = options.parseError ?? parseVendorError;
    const shared = options.dispatcher ? undefined : acquireSharedAgent();
    const dispatcher = options.dispatcher ?? shared.agent;
    const stats = { requests: 0, retries: 0 };
    let closed = false;
    async function headersFor(request, contentType) {
        const headers = { accept: "application/json" };
        if (options.userAgent)
            headers["user-agent"] = options.userAgent;
        if (contentType)
            headers["content-type"] = contentType;
        const auth = options.auth ? await options.auth.headers() : {};
        for (const [key, value] of Object.entries({ ...auth, ...request.headers }))
            headers[key.toLowerCase()] = value;
        return headers;
    }
    async function execute(request, read) {
        const url = buildUrl(options.baseUrl, request);
        const shown = redactUrl(url, redact);
        if (options.mode === "read-only")
            assertReadOnlyAllowed(request, url, shown, options.allowInReadOnly);
        const idempotent = request.idempotent ?? isIdempotentByDefault(request.method);
        const { body, contentType } = encodeBody(request);
        const timeoutMs = request.timeoutMs ?? options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
        const label = `[${request.method}] "${shown}"`;
        let refreshedAuth = false;
        let attempt = 0;
        let lostEarlier = false;
        const scheduleRetry = async (what, waitMs, why) => {
            options.logger?.warn(redact(`${label}: ${what}; attempt ${attempt}/${policy.maxAttempts} failed, retrying in ${formatWait(waitMs)}${why}`));
            stats.retries++;
            await sleep(waitMs);
        };
        for (;;) {
            if (closed)
                throw new HttpError(clientClosed(request, shown, attempt));
            attempt++;
            await options.pacer?.acquire(request);
            const headers = await headersFor(request, contentType);
            stats.requests++;
            let response;
            try {
                response = await sendAttempt({ dispatcher, url, method: request.method, headers, body, timeoutMs }, read);
            }
            catch (error) {
                if (!(error instanceof TransportFailure))
                    throw error;
                // Closed by its owner meanwhile (a CLI run dropping the read of an unusable users.csv):
                // the request is abandoned on purpose, without retry warnings.
                if (closed)
                    throw new HttpError(clientClosed(request, shown, attempt));
                // A non-idempotent request is repeated only when it provably never reached the server.
                if ((idempotent || !error.ambiguous) && attempt < policy.maxAttempts) {
                    lostEarlier ||= error.ambiguous && !isSafeMethod(request.method);
                    await scheduleRetry(redact(error.message), backoffDelay(attempt, policy, random), "");
                    continue;
                }
                throw new HttpError({
                    code: error.kind === "timeout" ? "HTTP_TIMEOUT" : "HTTP_NETWORK",
                    method: request.method,
                    url: shown,
                    status: 0,
                    statusText: "",
                    details: {},
                    body: undefined,
                    attempts: attempt,
                    ambiguous: error.ambiguous || lostEarlier,
                    reason: redact(lostEarlier ? `${error.message} – ${LOST_EARLIER}` : error.message),
                    cause: error.cause,
                });
            }
            options.logger?.debug(redact(`${label}: ${response.status} (attempt ${attempt})`));
            if (response.status === 401 && options.auth?.onUnauthorized && !refreshedAuth) {
                refreshedAuth = true;
                if (await options.auth.onUnauthorized()) {
                    // The repeat with fresh credentials does not count against the retry budget.
                    attempt--;
                    continue;
                }
            }
            if (!isRetryableStatus(response.status, request, policy)) {
                return { response, attempts: attempt, ...(lostEarlier && { lostEarlier }) };
            }
            const waitFromServer = parseRetryAfter(response.headers["retry-after"], now());
            if (response.status === 429)
                options.pacer?.onThrottled?.(request, waitFromServer);
            const maySend = idempotent || NOT_PROCESSED_STATUSES.has(response.status);
            if (!maySend || attempt >= policy.maxAttempts) {
                return {
                    response,
                    attempts: attempt,
                    ...(waitFromServer !== undefined && { retryAfterMs: waitFromServer }),
                    ...(lostEarlier && { lostEarlier }),
                };
            }
            if (waitFromServer !== undefined && waitFromServer > policy.maxRetryAfterMs) {
                return {
                    response,
                    attempts: attempt,
                    retryAfterMs: waitFromServer,
                    ...(lostEarlier && { lostEarlier }),
                    reason: `the server asked to wait ${formatWait(waitFromServer)} (Retry-After), more than the ${formatWait(policy.maxRetryAfterMs)} this client waits; try again later`,
                };
            }
            // A write answered by a gateway error (502/504) may have reached the vendor behind it.
            if (!isSafeMethod(request.method) && !NOT_PROCESSED_STATUSES.has(response.status))
                lostEarlier = true;
            const useServerWait = waitFromServer !== undefined && waitFromServer > 0;
            const waitMs = useServerWait ? waitFromServer : backoffDelay(attempt, policy, random);
            await scheduleRetry(statusLine(response.status), waitMs, useServerWait ? " (Retry-After)" : "");
        }
    }
    function toHttpError(request, outcome) {
        const { response, attempts } = outcome;
        const url = redactUrl(buildUrl(options.baseUrl, request), redact);
        const body = redactValue(response.body, redact);
        const parsed = parseError(response.status, body);
        const requestId = parsed.requestId ?? response.headers["x-request-id"];
        const details = {
            ...(parsed.message !== undefined && { message: redact(parsed.message) }),
            ...(parsed.code !== undefined && { code: redact(parsed.code) }),
            // A header is vendor text like any other: one that echoes a credential is redacted too.
            ...(requestId !== undefined && { requestId: redact(requestId) }),
        };
        const retryable = isRetryableStatus(response.status, request, policy);
        const reasons = [outcome.reason, outcome.lostEarlier === true ? LOST_EARLIER : undefined].filter((part) => part !== undefined);
        const reason = reasons.length > 0 ? reasons.join(" – ") : undefined;
        const idempotent = request.idempotent ?? isIdempotentByDefault(request.method);
        return new HttpError({
            code: retryable && attempts > 1 && outcome.reason === undefined ? "HTTP_RETRIES_EXHAUSTED" : "HTTP_ERROR",
            method: request.method,
            url,
            status: response.status,
            statusText: external_node_http_.STATUS_CODES[response.status] ?? "",
            details,
            body,
            attempts,
            // A 5xx other than 503 may come after the server acted; 503 and 4xx mean it did not.
            ambiguous: outcome.lostEarlier === true || (!idempotent && response.status >= 500 && response.status !== 503),
            ...(reason !== undefined && { reason }),
            ...(outcome.retryAfterMs !== undefined && { retryAfterMs: outcome.retryAfterMs }),
        });
    }
    return {
        async request(request) {
            const outcome = await execute(request);
            const { status, headers, body } = outcome.response;
            if (status < 200 || status > 299)
                throw toHttpError(request, outcome);
            return { status, headers, body: body };
        },
        async requestStreamed(request, read) {
            const outcome = await execute(request, read);
            const { status, headers, read: streamed } = outcome.response;
            if (status < 200 || status > 299 || streamed === undefined)
                throw toHttpError(request, outcome);
            return { status, headers, body: streamed.value };
        },
        async requestRaw(request) {
            const { status, headers, body } = (await execute(request)).response;
            return { status, headers, body: body };
        },
        get stats() {
            return { requests: stats.requests, retries: stats.retries };
        },
        redact,
        addSecret(value) {
            if (secrets.includes(value))
                return;
            secrets.push(value);
            redactor = createRedactor(secrets);
        },
        async close() {
            if (closed)
                return;
            closed = true;
            await shared?.release();
        },
    };
}
function isSafeMethod(method) {
    return method === "GET" || method === "HEAD";
}
function statusLine(status) {
    return `${status} ${external_node_http_.STATUS_CODES[status] ?? ""}`.trim();
}
function clientClosed(request, url, attempts) {
    return {
        code: "HTTP_NETWORK",
        method: request.method,
        url,
        status: 0,
        statusText: "",
        details: {},
        body: undefined,
        attempts,
        ambiguous: false,
        reason: "the HTTP client was closed",
    };
}
//# sourceMappingURL=http-client.js.map
;// CONCATENATED MODULE: ../core/dist/http/json-listing-splitter.js
/**
 * Splits a JSON listing body into its items while the bytes stream in, so a listing of 100,000
 * users never exists whole: not as bytes, not as one string, not as 100,000 raw objects at once.
 *
 * Why hand-written: the streaming JSON parsers on npm either build every value themselves in
 * JavaScript, token by token (@streamparser/json measured about 7 times slower than JSON.parse on a
 * 16 MB listing; stream-json 3.8 with `pick` and `streamArray` 18 to 29 times slower in CPU on a
 * 100,000-user listing), or build the whole value at the end (@discoveryjs/json-ext
 * `parseChunked`), which keeps all items at once. Here only the structure is tracked, byte by byte
 * in one tight loop (strings with their escapes, nesting depth), and each run of complete items in
 * a chunk is handed to the native JSON.parse as one small array, which also checks every item's
 * syntax: about 1.1 to 1.3 times the CPU of undici's `text()` and one JSON.parse on the same body.
 *
 * What it accepts is what JSON.parse accepts: the separators between items and in the envelope
 * around the list are checked here, the items and every envelope value by JSON.parse. Cuts fall
 * only on ASCII structural bytes (`,` `]` `"` `:`), never inside a multi-byte UTF-8 character,
 * and each piece is decoded as the whole body would be (Buffer's UTF-8 decoding, the `utf8Slice`
 * undici's `body.text()` uses: invalid bytes become U+FFFD, a leading byte order mark is skipped).
 *
 * The list streamed is the first array met at one of `listAt`'s places (`[]` for a bare array,
 * `["users"]`, `["data", "users"]`...); every other value of the envelope is parsed whole and given
 * back by `end()`, with an empty array where the list was, so the caller checks the envelope as it
 * would the whole body. A key on the list's path that repeats in its object (`{"users": [...],
 * "users": ...}`, which JSON.parse would read as its last value) is refused (`TwoListsError`), since
 * the first list's items are already handed on.
 */
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const BOM = Buffer.from([0xef, 0xbb, 0xbf]);
function isSpace(byte) {
    return byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09;
}
/** The body is not JSON (cut short, a stray byte, trailing garbage); `offset` is the byte where it shows. */
class MalformedJsonError extends Error {
    offset;
    /** No byte at all (a byte order mark aside): what undici's `text()` reads as an empty string. */
    empty;
    constructor(offset, detail, empty = false) {
        super(empty ? "an empty body" : `${detail} at byte ${offset}`);
        this.name = "MalformedJsonError";
        this.offset = offset;
        this.empty = empty;
    }
}
/** The body holds the list's key twice, so which list it means cannot be told before its items are used. */
class TwoListsError extends Error {
    path;
    constructor(path) {
        super(`the key ${path.join(".")} appears twice on the way to the list`);
        this.name = "TwoListsError";
        this.path = path;
    }
}
function asBuffer(bytes) {
    return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
function samePath(a, b) {
    return a.length === b.length && a.every((part, index) => part === b[index]);
}
function isPrefix(prefix, path) {
    return prefix.length <= path.length && prefix.every((part, index) => part === path[index]);
}
function setMember(object, key, value) {
    // As JSON.parse does: `__proto__` is an own member, and a repeated key keeps its first place.
    Object.defineProperty(object, key, { value, writable: true, enumerable: true, configurable: true });
}
const UNEXPECTED_CLOSE = -2;
/**
 * The tight loop, on locals, in a function of its own so V8 optimises it whole (inlined into a
 * larger function, its OSR code deoptimised on every chunk for want of type feedback after the
 * loop): strings skipped to their closing quote with their escapes, depth counted, commas at the
 * list's own level noted. A backslash ending the chunk escapes the next one's first byte. Returns
 * where the list's `]` is, -1 when the chunk ends first, or UNEXPECTED_CLOSE (a `}` at `state.cut`).
 */
function scanItems(chunk, from, state) {
    const length = chunk.length;
    let cut = -1;
    let close = -1;
    let i = from;
    let level = state.depth;
    let quoted = state.inString;
    let escaped = false;
    if (state.escaped)
        i++;
    outer: while (i < length) {
        if (quoted) {
            for (;;) {
                if (i >= length)
                    break outer;
                const byte = chunk[i++];
                // Lower-case letters and every byte of a multi-byte character: most of a string, one test.
                if (byte > BACKSLASH)
                    continue;
                if (byte === QUOTE)
                    break;
                if (byte === BACKSLASH) {
                    if (i >= length) {
                        escaped = true;
                        break outer;
                    }
                    i++;
                }
            }
            quoted = false;
            continue;
        }
        const byte = chunk[i++];
        if (byte === QUOTE)
            quoted = true;
        else if (byte === COMMA) {
            if (level === 0)
                cut = i - 1;
        }
        else if (byte === OPEN_OBJECT || byte === OPEN_ARRAY)
            level++;
        else if (byte === CLOSE_OBJECT || byte === CLOSE_ARRAY) {
            if (level > 0)
                level--;
            else if (byte === CLOSE_ARRAY) {
                close = i - 1;
                break;
            }
            else {
                cut = i - 1;
                close = UNEXPECTED_CLOSE;
                break;
            }
        }
    }
    state.depth = level;
    state.inString = quoted;
    state.escaped = escaped;
    state.cut = cut;
    return close;
}
function createListingSplitter(options) {
    const { listAt, onItems } = options;
    const frames = [];
    let mode = "value";
    /** Bytes before the current chunk. */
    let base = 0;
    let envelope;
    let streamedAt;
    let count = 0;
    // Bytes of the piece being collected (a key, a captured value, a run of items) from earlier chunks.
    let held = [];
    let heldBytes = 0;
    // Structure inside a captured value or the list.
    let depth = 0;
    let inString = false;
    let escaped = false;
    let captureKind = "scalar";
    /** In the list: a `,` was met since the last item, so an item must follow. */
    let itemDue = false;
    const list = { depth: 0, inString: false, escaped: false, cut: -1 };
    /** Nothing but a byte order mark yet: the body is empty to undici's `text()`. */
    let empty = true;
    const malformed = (offset, detail, isEmpty = false) => new MalformedJsonError(offset, detail, isEmpty);
    function pathOfValue() {
        const frame = frames.at(-1);
        return frame === undefined ? [] : [...frame.path, frame.key];
    }
    function take(chunk, from, to) {
        if (heldBytes === 0)
            return chunk.toString("utf8", from, to);
        held.push(chunk.subarray(from, to));
        const text = Buffer.concat(held, heldBytes + to - from).toString("utf8");
        held = [];
        heldBytes = 0;
        return text;
    }
    function hold(chunk, from) {
        if (from >= chunk.length)
            return;
        // A copy: the rest of a chunk is usually a few bytes, and the chunk itself can then go.
        const rest = Buffer.from(chunk.subarray(from));
        held.push(rest);
        heldBytes += rest.length;
    }
    function parseAt(text, offset) {
        try {
            return JSON.parse(text);
        }
        catch {
            // JSON.parse's own message quotes the text around the fault, and an answer can echo a
            // credential or a user's address: only where it failed is said (http/wire-schema.ts `describeBody`).
            throw malformed(offset, "not valid JSON");
        }
    }
    /** A value is complete: it goes to its object, or it is the body. */
    function placeValue(value) {
        const frame = frames.at(-1);
        if (frame === undefined) {
            envelope = value;
            mode = "end";
        }
        else {
            setMember(frame.object, frame.key, value);
            mode = "after-member";
        }
    }
    function flushItems(text, offset, closing) {
        const items = parseAt(`[${text}]`, offset);
        if (items.length === 0) {
            // `[1,]`, `[,1]`, `[1,,2]`: JSON.parse never sees the commas that ended the earlier runs.
            if (itemDue || !closing)
                throw malformed(offset, "an item is missing between commas");
            return;
        }
        itemDue = !closing;
        onItems(items, count);
        count += items.length;
    }
    /** The streamed list from `from`; returns where it stopped (the chunk's end, or after `]`). */
    function scanList(chunk, from) {
        list.depth = depth;
        list.inString = inString;
        list.escaped = escaped;
        const close = scanItems(chunk, from, list);
        depth = list.depth;
        inString = list.inString;
        escaped = list.escaped;
        if (close === UNEXPECTED_CLOSE)
            throw malformed(base + list.cut, "an unexpected }");
        if (close >= 0) {
            // The list ends at `]`: its last run of items, then the placeholder in the envelope.
            flushItems(take(chunk, from, close), base + close, true);
            placeValue([]);
            return close + 1;
        }
        const cut = list.cut;
        if (cut >= 0) {
            flushItems(take(chunk, from, cut), base + cut, false);
            hold(chunk, cut + 1);
        }
        else {
            hold(chunk, from);
        }
        return chunk.length;
    }
    /** A value read whole (a key's text included); returns where it stopped, or -1 at the chunk's end. */
    function scanCapture(chunk, from) {
        const length = chunk.length;
        for (let i = from; i < length; i++) {
            const byte = chunk[i];
            if (inString) {
                if (escaped)
                    escaped = false;
                else if (byte === BACKSLASH)
                    escaped = true;
                else if (byte === QUOTE) {
                    inString = false;
                    if (depth === 0)
                        return i + 1;
                }
                continue;
            }
            if (captureKind === "scalar") {
                if (isSpace(byte) ||
                    byte === COMMA ||
                    byte === CLOSE_OBJECT ||
                    byte === CLOSE_ARRAY ||
                    byte === COLON ||
                    byte === QUOTE ||
                    byte === OPEN_OBJECT ||
                    byte === OPEN_ARRAY)
                    return i;
                continue;
            }
            if (byte === QUOTE)
                inString = true;
            else if (byte === OPEN_OBJECT || byte === OPEN_ARRAY)
                depth++;
            else if (byte === CLOSE_OBJECT || byte === CLOSE_ARRAY) {
                depth--;
                if (depth === 0)
                    return i + 1;
            }
        }
        return -1;
    }
    /** A key starts inside its string (its quote is held already); a value at its first byte. */
    function startCapture(byte, kind) {
        depth = 0;
        escaped = false;
        inString = kind === "key";
        captureKind =
            kind === "key" || byte === QUOTE
                ? "string"
                : byte === OPEN_OBJECT || byte === OPEN_ARRAY
                    ? "container"
                    : "scalar";
    }
    function startValue(byte, offset) {
        const path = pathOfValue();
        if (byte === OPEN_ARRAY && streamedAt === undefined && listAt.some((place) => samePath(place, path))) {
            streamedAt = path;
            mode = "list";
            depth = 0;
            inString = false;
            escaped = false;
            itemDue = false;
            return;
        }
        if (byte === OPEN_OBJECT && listAt.some((place) => place.length > path.length && isPrefix(path, place))) {
            frames.push({ path, object: {}, keys: new Set(), key: "" });
            mode = "first-key";
            return;
        }
        if (byte === CLOSE_ARRAY || byte === CLOSE_OBJECT || byte === COMMA || byte === COLON) {
            throw malformed(offset, `an unexpected ${String.fromCharCode(byte)} where a value belongs`);
        }
        startCapture(byte, "value");
        mode = "capture";
    }
    function closeFrame() {
        const frame = frames.pop();
        placeValue(frame.object);
    }
    /** The body's first bytes while they could still be a byte order mark; `undefined` once decided. */
    let start = Buffer.alloc(0);
    function push(input) {
        let chunk = asBuffer(input);
        if (start !== undefined) {
            // undici's `text()` skips a byte order mark at the body's start, wherever the chunks are cut.
            const joined = start.length === 0 ? chunk : Buffer.concat([start, chunk]);
            if (joined.length < 3 && BOM.subarray(0, joined.length).equals(joined)) {
                start = Buffer.from(joined);
                return;
            }
            start = undefined;
            chunk = joined;
            if (BOM.equals(chunk.subarray(0, 3))) {
                scan(chunk, 3);
                return;
            }
        }
        scan(chunk, 0);
    }
    function scan(chunk, from) {
        const length = chunk.length;
        let i = from;
        if (i < length)
            empty = false;
        while (i < length) {
            if (mode === "list") {
                const from = i;
                i = scanList(chunk, from);
                continue;
            }
            if (mode === "capture" || mode === "key") {
                const start = i;
                const stop = scanCapture(chunk, start);
                if (stop < 0) {
                    hold(chunk, start);
                    break;
                }
                const text = take(chunk, start, stop);
                const value = parseAt(text, base + stop);
                if (mode === "key") {
                    const frame = frames.at(-1);
                    const key = value;
                    if (frame.keys.has(key) && streamedAt !== undefined && isPrefix([...frame.path, key], streamedAt)) {
                        throw new TwoListsError([...frame.path, key]);
                    }
                    frame.keys.add(key);
                    frame.key = key;
                    mode = "colon";
                }
                else {
                    placeValue(value);
                }
                i = stop;
                continue;
            }
            const byte = chunk[i];
            if (isSpace(byte)) {
                i++;
                continue;
            }
            const offset = base + i;
            switch (mode) {
                case "value":
                    startValue(byte, offset);
                    // A captured value and its first byte are read by scanCapture.
                    if (mode !== "capture")
                        i++;
                    break;
                case "first-key":
                case "key-start":
                    if (byte === CLOSE_OBJECT && mode === "first-key") {
                        closeFrame();
                    }
                    else if (byte === QUOTE) {
                        startCapture(byte, "key");
                        mode = "key";
                        // The opening quote is the key's first byte; scanCapture starts inside the string.
                        hold(chunk.subarray(i, i + 1), 0);
                    }
                    else {
                        throw malformed(offset, "a key expected");
                    }
                    i++;
                    break;
                case "colon":
                    if (byte !== COLON)
                        throw malformed(offset, "a : expected after a key");
                    mode = "value";
                    i++;
                    break;
                case "after-member":
                    if (byte === COMMA)
                        mode = "key-start";
                    else if (byte === CLOSE_OBJECT)
                        closeFrame();
                    else
                        throw malformed(offset, "a , or } expected");
                    i++;
                    break;
                case "end":
                    throw malformed(offset, "more after the end of the JSON value");
            }
        }
        base += length;
    }
    function end() {
        if (start !== undefined) {
            // Fewer than three bytes, all the start of a byte order mark: not one, so not skipped.
            const bytes = start;
            start = undefined;
            scan(bytes, 0);
        }
        if (mode === "capture" && captureKind === "scalar" && frames.length === 0 && heldBytes > 0) {
            // A bare number or literal ends with the body.
            const text = Buffer.concat(held, heldBytes).toString("utf8");
            held = [];
            heldBytes = 0;
            placeValue(parseAt(text, base));
        }
        if (mode !== "end") {
            throw malformed(base, "the body ends before the JSON value does", empty);
        }
        return { envelope, at: streamedAt, count, bytes: base };
    }
    return { push, end };
}
//# sourceMappingURL=json-listing-splitter.js.map
;// CONCATENATED MODULE: ../core/dist/http/pacer.js

const DEFAULT_MARGIN_MS = 250;
/**
 * Client-side pacing against sliding-window limits, e.g. Adobe UMAPI's action endpoint:
 * 10 requests/min per client and 100/min global (docs/vendors/adobe.md#action-api). A request waits until every
 * window it matches has room, so we stay under the limit instead of collecting 429s.
 * Requests that match the same windows are served in call order.
 */
function createSlidingWindowPacer(windows, options = {}) {
    const now = options.now ?? Date.now;
    const marginMs = options.marginMs ?? DEFAULT_MARGIN_MS;
    const sleep = options.sleep ?? ((ms) => (0,external_node_timers_promises_.setTimeout)(ms).then(() => undefined));
    const states = windows.map((window) => ({ window, sent: [], blockedUntil: 0 }));
    // One FIFO queue per set of matched windows: order is kept without head-of-line blocking
    // between unrelated routes.
    const queues = new Map();
    let waits = 0;
    let waitedMs = 0;
    function matching(request) {
        return states.filter((state) => state.window.matches(request));
    }
    function waitNeeded(matched, at) {
        let wait = 0;
        for (const state of matched) {
            const { limit, windowMs } = state.window;
            while (state.sent.length > 0 && state.sent[0] <= at - windowMs)
                state.sent.shift();
            if (state.blockedUntil > at)
                wait = Math.max(wait, state.blockedUntil - at);
            if (state.sent.length >= limit) {
                const oldest = state.sent[state.sent.length - limit];
                wait = Math.max(wait, oldest + windowMs + marginMs - at);
            }
        }
        return wait;
    }
    async function admit(matched) {
        for (;;) {
            const at = now();
            const wait = waitNeeded(matched, at);
            if (wait <= 0) {
                for (const state of matched)
                    state.sent.push(at);
                return;
            }
            waits++;
            waitedMs += wait;
            await sleep(wait);
        }
    }
    return {
        acquire(request) {
            const matched = matching(request);
            if (matched.length === 0)
                return Promise.resolve();
            const key = matched.map((state) => state.window.name).join("\u0000");
            const previous = queues.get(key) ?? Promise.resolve();
            const turn = previous.then(() => admit(matched));
            // The queue continues even if a caller's sleep rejects.
            const tail = turn.catch(() => undefined);
            queues.set(key, tail);
            void tail.then(() => {
                if (queues.get(key) === tail)
                    queues.delete(key);
            });
            return turn;
        },
        onThrottled(request, retryAfterMs) {
            const at = now();
            for (const state of matching(request)) {
                // Without Retry-After, assume the window is full for one slot's worth of time.
                const blockMs = retryAfterMs ?? Math.ceil(state.window.windowMs / Math.max(1, state.window.limit));
                state.blockedUntil = Math.max(state.blockedUntil, at + blockMs);
            }
        },
        get waits() {
            return waits;
        },
        get waitedMs() {
            return waitedMs;
        },
    };
}
//# sourceMappingURL=pacer.js.map
// EXTERNAL MODULE: ../../node_modules/.pnpm/zod@4.6.7/node_modules/zod/v4/classic/schemas.js + 17 modules
var schemas = __webpack_require__(46585);
;// CONCATENATED MODULE: ../core/dist/http/wire-schema.js


/** `GET /v2/members`: method and path only; a query (cursors, filters by email) is never shown. */
function requestName(request) {
    let path = request.path;
    if (/^https?:\/\//i.test(path))
        path = new URL(path).pathname;
    path = path.split(/[?#]/, 1)[0] ?? "";
    return `${request.method.toUpperCase()} ${path.startsWith("/") ? path : `/${path}`}`;
}
/**
 * What came back, in words, without quoting it: an answer can echo a credential, and a page can be
 * long. The HTTP layer hands text over when the content type is not JSON or the JSON does not parse.
 */
function describeBody(body) {
    if (body === undefined || body === null || body === "")
        return "an empty body where JSON was expected";
    if (typeof body === "string") {
        const text = body.trimStart();
        if (text.startsWith("<"))
            return `an HTML page (${body.length} characters) where JSON was expected`;
        if (text.startsWith("{") || text.startsWith("[")) {
            return `JSON that is cut short or malformed (${body.length} characters)`;
        }
        return `text that is not JSON (${body.length} characters, or a content type other than JSON)`;
    }
    if (Array.isArray(body))
        return `a JSON array of ${body.length} items`;
    if (typeof body === "object") {
        const keys = Object.keys(body).slice(0, 6);
        return keys.length === 0 ? "an empty JSON object" : `a JSON object with keys ${keys.join(", ")}`;
    }
    return `a JSON ${typeof body}`;
}
/** Where in the body a value sits: `users.3.email`; `at` is where the schema's input sits. */
function describeIssues(issues, at) {
    const shown = issues.slice(0, 3).map((issue) => {
        const path = [...at, ...issue.path];
        const where = path.length > 0 ? path.map(String).join(".") : "(the body)";
        return `${where}: ${issue.message}`;
    });
    const more = issues.length > shown.length ? `; and ${issues.length - shown.length} more` : "";
    return `${shown.join("; ")}${more}`;
}
function notExpected(vendor, request, body, issues, at, options) {
    const shape = describeBody(body);
    const detail = typeof body === "object" && body !== null ? ` (${describeIssues(issues, at)})` : "";
    return new VendorProtocolError(vendor, requestName(request), `${shape}, not the expected answer${detail}`, options);
}
/** The body as the schema's output, or `VendorProtocolError` naming the request and what was wrong. */
function parseWire(vendor, request, schema, body, options = {}) {
    const result = schema.safeParse(body);
    if (result.success)
        return result.data;
    throw notExpected(vendor, request, body, result.error.issues, [], options);
}
/**
 * One value inside a body whose surroundings were checked apart, such as one item of a listing
 * read item by item so a large page is never copied whole: the value as the schema's output, or
 * the `VendorProtocolError` `parseWire` throws, describing the whole body and naming the value's
 * place in it (`users.3.email: ...`, `at` being `["users", 3]`).
 */
function parseWireAt(vendor, request, schema, body, at, value) {
    const result = schema.safeParse(value);
    if (result.success)
        return result.data;
    throw notExpected(vendor, request, body, result.error.issues, at, {});
}
/**
 * A body read as it streamed in (http/json-listing-splitter.ts) that is not JSON: cut short, a stray
 * byte, trailing garbage. The same words `describeBody` has for JSON that does not parse; `detail`
 * says what and at which byte, never quoting the body.
 */
function malformedJson(vendor, request, detail) {
    return new VendorProtocolError(vendor, requestName(request), `JSON that is cut short or malformed (${detail}), not the expected answer`);
}
/** A listing that is well formed but cannot be whole: `problem` says why. */
function incompleteListing(vendor, request, problem) {
    return new VendorProtocolError(vendor, requestName(request), `a listing that cannot be complete: ${problem}`);
}
function trackListing(vendor, request) {
    let count = 0;
    let claimed;
    const cursors = new Set();
    return {
        page(items, total, next) {
            count += items;
            if (total !== undefined) {
                if (claimed !== undefined && claimed !== total) {
                    throw incompleteListing(vendor, request, `one page claims ${claimed} items in all, a later one ${total}`);
                }
                claimed = total;
                if (count > total) {
                    throw incompleteListing(vendor, request, `${count} items arrived, more than the ${total} the pages claim`);
                }
            }
            if (next !== undefined) {
                if (cursors.has(next))
                    throw incompleteListing(vendor, request, "a page cursor repeats, so the pages loop");
                cursors.add(next);
            }
        },
        finish() {
            if (claimed !== undefined && count !== claimed) {
                throw incompleteListing(vendor, request, `the pages claim ${claimed} items in all, but ${count} arrived`);
            }
        },
        get count() {
            return count;
        },
    };
}
/**
 * The answer to a write whose body Roster does not use: any JSON object. An HTML page, text or an
 * empty body is not what a JSON API answers to a write it performed, so it is not read as success.
 */
const anyJsonObject = schemas/* looseObject */._H3({});
//# sourceMappingURL=wire-schema.js.map
;// CONCATENATED MODULE: ../core/dist/http/index.js
// @roster/core HTTP layer: the client every vendor uses, its errors, redaction and pacing.









//# sourceMappingURL=index.js.map
;// CONCATENATED MODULE: ../core/dist/http/client-credentials.js
// The OAuth client-credentials grant, as Sigma (docs/vendors/sigma.md#auth) and Adobe IMS
// (docs/vendors/adobe.md#auth) both use it: what their token providers share.
/** Renew a token this long before it expires, so it never dies between the check and the request. */
const TOKEN_EXPIRY_MARGIN_MS = 60_000;
//# sourceMappingURL=client-credentials.js.map
;// CONCATENATED MODULE: ../core/dist/vendors/adobe/wire-schemas.js

/**
 * zod schemas for the UMAPI answers Roster reads, beside the wire types they check
 * (wire-types.ts). Field names and shapes from Adobe's User Management API reference:
 * https://adobe-apiplatform.github.io/umapi-documentation/en/api/getUsersWithPage.html (users pages),
 * https://adobe-apiplatform.github.io/umapi-documentation/en/api/getUserGroupsAndProfiles.html (groups),
 * https://adobe-apiplatform.github.io/umapi-documentation/en/api/ActionsRef.html (action responses).
 */
/**
 * The IMS OAuth Server-to-Server token answer; `expires_in` in seconds
 * (https://developer.adobe.com/developer-console/docs/guides/authentication/ServerToServerAuthentication/implementation/).
 */
const imsTokenSchema = schemas/* object */.Ikc({
    access_token: schemas/* string */.YjP().min(1),
    token_type: schemas/* string */.YjP().optional(),
    expires_in: schemas/* number */.aig().positive(),
});
const IDENTITY_TYPES = ["adobeID", "enterpriseID", "federatedID", "unknown"];
/**
 * A listed user. `email` is the key Roster matches on, so it must be there; the other fields are
 * omitted by the API when empty. An identity type Roster does not know reads as "unknown".
 */
const umapiUserSchema = schemas/* object */.Ikc({
    id: schemas/* string */.YjP().optional(),
    email: schemas/* string */.YjP().min(1),
    status: schemas/* string */.YjP().optional(),
    username: schemas/* string */.YjP().optional(),
    domain: schemas/* string */.YjP().optional(),
    firstname: schemas/* string */.YjP().optional(),
    lastname: schemas/* string */.YjP().optional(),
    country: schemas/* string */.YjP().optional(),
    type: schemas/* enum */.k5n(IDENTITY_TYPES).catch("unknown").optional(),
    groups: schemas/* array */.YOg(schemas/* string */.YjP()).optional(),
    // The admin roles UMAPI lists for an administrator ("org", "support", "deployment", "productAdmin",
    // …; getUsersWithPage.html above): the safety rule that never removes an admin reads them.
    adminRoles: schemas/* array */.YOg(schemas/* string */.YjP()).optional(),
});
/** `GET /users/{orgId}/{page}`: `lastPage`, `result` and the page's `users`, all required. */
const umapiUsersPageSchema = schemas/* object */.Ikc({
    lastPage: schemas/* boolean */.zMY(),
    result: schemas/* string */.YjP(),
    users: schemas/* array */.YOg(umapiUserSchema),
});
const umapiGroupSchema = schemas/* object */.Ikc({
    groupName: schemas/* string */.YjP().min(1),
    type: schemas/* string */.YjP().min(1),
    groupId: schemas/* union */.KCZ([schemas/* number */.aig(), schemas/* string */.YjP()]).optional(),
    memberCount: schemas/* number */.aig().int().nonnegative().optional(),
});
/** `GET /groups/{orgId}/{page}`. */
const umapiGroupsPageSchema = schemas/* object */.Ikc({
    lastPage: schemas/* boolean */.zMY(),
    result: schemas/* string */.YjP(),
    groups: schemas/* array */.YOg(umapiGroupSchema),
});
/** The statuses of a 200 action body that describe entries; any other is a request-level key. */
const ENTRY_RESULTS = new Set(["success", "partial", "error"]);
const count = schemas/* number */.aig().int().nonnegative();
/**
 * `POST /action/{orgId}`: `result` always; the per-entry counts whenever `result` describes entries
 * (ActionsRef: "completed", "notCompleted", "completedInTestMode"); `errors` and `warnings` only when
 * not empty. A request-level key (`error.command.malformed`) comes with a `message` instead.
 */
const actionResponseSchema = schemas/* object */.Ikc({
    completed: count.optional(),
    notCompleted: count.optional(),
    completedInTestMode: count.optional(),
    result: schemas/* string */.YjP().min(1),
    message: schemas/* string */.YjP().optional(),
    errors: schemas/* array */.YOg(schemas/* object */.Ikc({
        index: count,
        step: count,
        requestID: schemas/* string */.YjP().optional(),
        message: schemas/* string */.YjP(),
        user: schemas/* string */.YjP().optional(),
        usergroup: schemas/* string */.YjP().optional(),
        errorCode: schemas/* string */.YjP(),
    }))
        .optional(),
    warnings: schemas/* array */.YOg(schemas/* object */.Ikc({
        index: count,
        step: count,
        message: schemas/* string */.YjP(),
        user: schemas/* string */.YjP().optional(),
        warningCode: schemas/* string */.YjP(),
    }))
        .optional(),
})
    .refine((body) => !ENTRY_RESULTS.has(body.result) || (body.completed !== undefined && body.notCompleted !== undefined), {
    message: "completed and notCompleted are required when result describes the entries",
    path: ["completed"],
});
//# sourceMappingURL=wire-schemas.js.map
;// CONCATENATED MODULE: ../core/dist/vendors/adobe/ims-auth.js





/** IMS token path for OAuth Server-to-Server (docs/vendors/adobe.md#auth; Adobe's current guides use v3, same grant as v2). */
const IMS_TOKEN_PATH = "/ims/token/v3";
/** The scopes UMAPI needs (UM-DOC UM_Authentication). */
const UMAPI_SCOPE = "openid,AdobeID,user_management_sdk";
/**
 * OAuth Server-to-Server: exchange client id + secret for a bearer token, cache it for
 * `expires_in` seconds (24 h; older tokens stay valid when new ones are minted, UM-DOC RefOverview),
 * and send `Authorization: Bearer` and `X-Api-Key: <client id>` on every UMAPI call.
 */
function createImsAuth(options) {
    const now = options.now ?? Date.now;
    let token;
    let pending;
    let exchanges = 0;
    async function exchange() {
        exchanges += 1;
        const response = await options.ims
            .request({
            method: "POST",
            path: IMS_TOKEN_PATH,
            form: {
                grant_type: "client_credentials",
                client_id: options.clientId,
                client_secret: options.clientSecret,
                scope: UMAPI_SCOPE,
            },
            // Minting a token has no side effect worth guarding: repeat it freely.
            idempotent: true,
            label: "ims.token",
        })
            .catch((error) => {
            // IMS answers bad credentials with 400/401 {"error":"invalid_client"}: a configuration problem.
            if (isHttpError(error) && (error.status === 400 || error.status === 401)) {
                throw new errors_ConfigError("ADOBE_CLIENT_SECRET", `Adobe IMS refused the OAuth Server-to-Server credentials in ADOBE_CLIENT_ID / ADOBE_CLIENT_SECRET: ${error.message}`);
            }
            throw error;
        });
        const body = parseWire("Adobe IMS", { method: "POST", path: IMS_TOKEN_PATH }, imsTokenSchema, response.body, {
            write: false,
        });
        // A token echoed back bare (no `Bearer` label) would escape the generic patterns (test "redacts a token added after the client was made, even echoed bare by the vendor", reliability/http-regressions.test.ts).
        options.onToken?.(body.access_token);
        token = { value: body.access_token, expiresAt: now() + body.expires_in * 1000 - TOKEN_EXPIRY_MARGIN_MS };
        return body.access_token;
    }
    async function current() {
        if (token !== undefined && token.expiresAt > now())
            return token.value;
        // One exchange at a time: concurrent requests share it.
        pending ??= exchange().finally(() => {
            pending = undefined;
        });
        return pending;
    }
    return {
        async headers() {
            return { Authorization: `Bearer ${await current()}`, "X-Api-Key": options.clientId };
        },
        async onUnauthorized() {
            token = undefined;
            return true;
        },
        get exchanges() {
            return exchanges;
        },
    };
}
//# sourceMappingURL=ims-auth.js.map
;// CONCATENATED MODULE: ../core/dist/vendors/adobe/client.js






/** Stops a server that never says `lastPage` from paging forever. */
const MAX_PAGES = 10_000;
function orgPath(orgId) {
    // Org ids look like `ABC123@AdobeOrg`; keep `@` readable as umapi-client.py does (quote safe='/@').
    return encodeURIComponent(orgId).replace(/%40/g, "@");
}
/**
 * The paging headers of one listing, checked page by page (getUsersWithPage: `X-Total-Count`,
 * `X-Page-Count`, `X-Current-Page`, string values): the server must answer the page asked for (a
 * page past the end answers the last page again), claim the same total and page count on every
 * page, never hand more items than the total, and agree with `lastPage` about where the end is.
 * A header that is absent is not checked; one that is present but not a number is a bad answer.
 */
function pageHeaders(listing) {
    let claimedTotal;
    let claimedPages;
    let count = 0;
    const fail = (problem) => incompleteListing("Adobe", listing, problem);
    const header = (headers, name) => {
        const raw = headers[name.toLowerCase()];
        if (raw === undefined)
            return undefined;
        if (!/^\s*\d+\s*$/.test(raw))
            throw fail(`${name} is not a number`);
        return Number.parseInt(raw, 10);
    };
    return {
        check(headers, page, items, lastPage) {
            const total = header(headers, "X-Total-Count");
            const pageCount = header(headers, "X-Page-Count");
            const current = header(headers, "X-Current-Page");
            count += items;
            if (current !== undefined && current !== page)
                throw fail(`page ${page} was asked for, page ${current} answered`);
            if (total !== undefined) {
                if (claimedTotal !== undefined && claimedTotal !== total) {
                    throw fail(`X-Total-Count changed from ${claimedTotal} to ${total} between pages`);
                }
                claimedTotal = total;
                if (count > total)
                    throw fail(`${count} items arrived, more than X-Total-Count ${total}`);
            }
            if (pageCount !== undefined) {
                if (claimedPages !== undefined && claimedPages !== pageCount) {
                    throw fail(`X-Page-Count changed from ${claimedPages} to ${pageCount} between pages`);
                }
                claimedPages = pageCount;
                const lastByCount = page + 1 >= pageCount;
                if (lastByCount !== lastPage) {
                    throw fail(`page ${page} says lastPage ${lastPage}, but X-Page-Count is ${pageCount}`);
                }
            }
            return { total, last: lastPage };
        },
    };
}
/**
 * An action answer must account for every entry sent (ActionsRef: counts are per entry): completed
 * (or completedInTestMode under testOnly) plus notCompleted is the number of entries, and each
 * error names an entry of the request. A request-level key (`error.command.malformed`) carries no
 * counts and is passed on as it is, for outcomes.ts to report against every change it held.
 */
function checkActionResponse(request, body, entries, testOnly) {
    const fail = (problem) => new VendorProtocolError("Adobe", requestName(request), `an answer that does not match the request: ${problem}`);
    const completed = body.completed ?? 0;
    const inTest = body.completedInTestMode ?? 0;
    const notCompleted = body.notCompleted ?? 0;
    if (ENTRY_RESULTS.has(body.result)) {
        const done = testOnly ? inTest + completed : completed;
        if (done + notCompleted !== entries.length) {
            throw fail(`${done} completed and ${notCompleted} not completed, for ${entries.length} entries sent`);
        }
    }
    const stray = (body.errors ?? []).find((error) => error.index >= entries.length);
    if (stray !== undefined)
        throw fail(`an error names entry ${stray.index}, but ${entries.length} were sent`);
    return {
        completed,
        notCompleted,
        completedInTestMode: inTest,
        result: body.result,
        ...(body.message !== undefined ? { message: body.message } : {}),
        ...(body.errors !== undefined ? { errors: body.errors.map(stripUndefined) } : {}),
        ...(body.warnings !== undefined ? { warnings: body.warnings.map(stripUndefined) } : {}),
    };
}
/** zod leaves absent optional keys out already; this satisfies exactOptionalPropertyTypes. */
function stripUndefined(value) {
    return Object.fromEntries(Object.entries(value).filter(([, field]) => field !== undefined));
}
function createUmapiClient(options) {
    const { settings, logger } = options;
    const readOnly = options.mode === "plan" ? "read-only" : "read-write";
    const common = {
        secrets: [settings.clientSecret],
        // umapi-client.py and the User Sync Tool wait 120 s: a full action request can be slow (docs/vendors/adobe.md#umapi-client).
        timeoutMs: options.timeoutMs ?? 120_000,
        logger,
        userAgent: "roster-adobe",
        ...(options.dispatcher !== undefined ? { dispatcher: options.dispatcher } : {}),
        ...(options.retry !== undefined ? { retry: options.retry } : {}),
        ...(options.sleep !== undefined ? { sleep: options.sleep } : {}),
        ...(options.now !== undefined ? { now: options.now } : {}),
        ...(options.random !== undefined ? { random: options.random } : {}),
    };
    // The token exchange is the only write IMS sees, allowed in plan mode (README.md#safety).
    const ims = createHttpClient({
        ...common,
        // Minting a token changes nothing a repeat could duplicate, so even a 500 is retried: one failed
        // exchange would otherwise end the whole run (test "is retried after a 500, a 502 and a dropped connection instead of ending the run", reliability/adobe-regressions.test.ts).
        retry: {
            ...options.retry,
            retryStatuses: new Set([...(options.retry?.retryStatuses ?? DEFAULT_RETRY_STATUSES), 500]),
        },
        baseUrl: settings.imsUrl,
        mode: readOnly,
        allowInReadOnly: allowPaths(IMS_TOKEN_PATH),
    });
    const auth = createImsAuth({
        ims,
        clientId: settings.clientId,
        clientSecret: settings.clientSecret,
        ...(options.now !== undefined ? { now: options.now } : {}),
        onToken: (value) => {
            ims.addSecret(value);
            http.addSecret(value);
            options.onSecret?.(value);
        },
    });
    const org = orgPath(settings.orgId);
    // In plan mode only `POST /action/{org}?testOnly=true` may write (UMAPI's server-side dry run).
    const http = createHttpClient({
        ...common,
        baseUrl: settings.umapiUrl,
        mode: readOnly,
        allowInReadOnly: allowTestModeQuery("testOnly"),
        auth,
        ...(options.pacer !== undefined ? { pacer: options.pacer } : {}),
    });
    const VENDOR = "Adobe";
    return {
        async listUsers(onPage) {
            let listed = 0;
            const listing = { method: "GET", path: `/users/${org}` };
            const pages = pageHeaders(listing);
            for (let pageNumber = 0; pageNumber < MAX_PAGES; pageNumber += 1) {
                const request = { method: "GET", path: `users/${org}/${pageNumber}`, label: "users.list" };
                const response = await http.request(request);
                const body = parseWire(VENDOR, request, umapiUsersPageSchema, response.body);
                listed += body.users.length;
                const { total, last } = pages.check(response.headers, pageNumber, body.users.length, body.lastPage);
                onPage(body.users, listed, total);
                if (last) {
                    // X-Total-Count may count technical accounts the listing leaves out (getUsersWithPage), so
                    // it bounds the count from above; but a listing of no user at all, while the total claims
                    // some, is a page that went wrong, not an org of technical accounts alone.
                    if (total !== undefined && total > 0 && listed === 0) {
                        throw incompleteListing(VENDOR, listing, `no users at all, while X-Total-Count says ${total}`);
                    }
                    return listed;
                }
            }
            throw incompleteListing(VENDOR, listing, `still no last page after ${MAX_PAGES} pages`);
        },
        async listGroups() {
            const groups = [];
            const listing = { method: "GET", path: `/groups/${org}` };
            const pages = pageHeaders(listing);
            const counted = trackListing(VENDOR, listing);
            for (let page = 0; page < MAX_PAGES; page += 1) {
                const request = { method: "GET", path: `groups/${org}/${page}`, label: "groups.list" };
                let response;
                try {
                    response = await http.request(request);
                }
                catch (error) {
                    // A page past the end is 404 {"lastPage":true,"result":"Not found"}; umapi-client.py reads 404 as the end.
                    if (page > 0 && isHttpError(error) && error.status === 404) {
                        counted.finish();
                        return groups;
                    }
                    throw error;
                }
                const body = parseWire(VENDOR, request, umapiGroupsPageSchema, response.body);
                groups.push(...body.groups);
                const { total, last } = pages.check(response.headers, page, body.groups.length, body.lastPage);
                // Groups have no hidden members of the listing: the total is exact.
                counted.page(body.groups.length, total, undefined);
                if (last) {
                    counted.finish();
                    return groups;
                }
            }
            throw incompleteListing(VENDOR, listing, `still no last page after ${MAX_PAGES} pages`);
        },
        async action(entries, testOnly) {
            const request = {
                method: "POST",
                path: `action/${org}`,
                ...(testOnly ? { query: { testOnly: true } } : {}),
                json: entries,
                // Echoed by UMAPI; quoted in HttpError details so Adobe support can find the call (docs/vendors/adobe.md#auth).
                headers: { "X-Request-Id": `roster-${(0,external_node_crypto_.randomUUID)()}` },
                // Safe to repeat: creates carry ignoreIfAlreadyExists, add/remove are set operations,
                // removeFromOrg always succeeds (UM-DOC ActionsCmds), so retries on timeouts and 5xx
                // cannot fail or duplicate anything.
                idempotent: true,
                label: "action",
            };
            const response = await http.request(request);
            // A 200 carries per-entry `errors[].message` and `warnings[].message` written by Adobe; they
            // reach reports and logs, so they are redacted like an error body (one echoed the bearer token
            // and the client secret: reliability/secrets.test.ts, reliability/subjects/adobe.ts).
            return checkActionResponse(request, parseWire(VENDOR, request, actionResponseSchema, redactValue(response.body, http.redact)), entries, testOnly);
        },
        http: { ims, umapi: http },
        get tokenExchanges() {
            return auth.exchanges;
        },
        async close() {
            await Promise.all([http.close(), ims.close()]);
        },
    };
}
//# sourceMappingURL=client.js.map
;// CONCATENATED MODULE: ../core/dist/vendors/adobe/outcomes.js
/** The statuses of a 200 body that describe entries; anything else is a request-level error key (docs/vendors/adobe.md#action-api). */
const outcomes_ENTRY_RESULTS = new Set(["success", "partial", "error"]);
function fail(slot, message, code, requestId) {
    if (slot.failed === undefined) {
        slot.failed = { messages: [message], code, ...(requestId !== undefined ? { requestId } : {}) };
    }
    else if (!slot.failed.messages.includes(message)) {
        slot.failed.messages.push(message);
    }
}
function mapResponse(request, body, slots) {
    if (!outcomes_ENTRY_RESULTS.has(body.result) && (body.errors === undefined || body.errors.length === 0)) {
        const message = body.message ?? `Adobe rejected the request: ${body.result}`;
        for (const steps of request.steps)
            for (const c of steps)
                fail(slotAt(slots, c), message, body.result);
        return;
    }
    // First failing step per entry: UMAPI may stop an entry there (docs/vendors/adobe.md#open-questions), so later steps
    // of the same entry are reported as not run rather than guessed applied.
    const firstError = new Map();
    for (const error of body.errors ?? []) {
        const change = request.steps[error.index]?.[error.step];
        if (change === undefined)
            continue;
        fail(slotAt(slots, change), error.message, error.errorCode);
        const seen = firstError.get(error.index);
        if (seen === undefined || error.step < seen)
            firstError.set(error.index, error.step);
    }
    request.steps.forEach((steps, index) => {
        const stop = firstError.get(index);
        // The failing step is not the change's first: its earlier steps (the create) did run, and the
        // outcome must say so, or "failed" reads as "nothing happened" (test "says the user was created when only joining a group failed", reliability/adobe-regressions.test.ts).
        const failing = stop === undefined ? undefined : steps[stop];
        if (stop !== undefined && failing !== undefined && steps.indexOf(failing) < stop) {
            const entry = request.entries[index];
            const first = entry !== undefined && "do" in entry ? entry.do[steps.indexOf(failing)] : undefined;
            const created = first !== undefined && ("createFederatedID" in first || "createEnterpriseID" in first || "addAdobeID" in first);
            slotAt(slots, failing).partial = created
                ? "user created, but a later step failed"
                : "partly applied, but a later step failed";
        }
        steps.forEach((change, step) => {
            if (stop !== undefined && step > stop) {
                const slot = slotAt(slots, change);
                slot.skipped ??= `not run: an earlier step for ${entryName(request, index)} failed`;
            }
        });
    });
}
function entryName(request, index) {
    const entry = request.entries[index];
    if (entry === undefined)
        return "this user";
    return "user" in entry ? entry.user : `user group ${entry.usergroup}`;
}
function slotAt(slots, change) {
    let slot = slots.get(change);
    if (slot === undefined) {
        slot = { touched: false };
        slots.set(change, slot);
    }
    return slot;
}
function mapRequest(request, result, slots) {
    for (const steps of request.steps)
        for (const c of steps)
            slotAt(slots, c).touched = true;
    if (result === undefined || result.kind === "not-sent") {
        const reason = result?.reason ?? "not attempted";
        for (const steps of request.steps)
            for (const c of steps)
                slotAt(slots, c).skipped ??= reason;
        return;
    }
    if (result.kind === "unknown") {
        for (const steps of request.steps)
            for (const c of steps)
                slotAt(slots, c).unknown ??= result.message;
        return;
    }
    if (result.kind === "failed") {
        for (const steps of request.steps) {
            for (const c of steps)
                fail(slotAt(slots, c), result.message, result.code, result.requestId);
        }
        return;
    }
    mapResponse(request, result.body, slots);
}
function outcomeOf(slot) {
    if (slot?.failed !== undefined) {
        return {
            status: "failed",
            message: `${slot.partial === undefined ? "" : `${slot.partial}: `}${slot.failed.messages.join("; ")}`,
            ...(slot.failed.code !== undefined ? { code: slot.failed.code } : {}),
            ...(slot.failed.requestId !== undefined ? { requestId: slot.failed.requestId } : {}),
        };
    }
    if (slot?.unknown !== undefined)
        return { status: "unknown", message: slot.unknown };
    if (slot?.skipped !== undefined)
        return { status: "skipped", reason: slot.skipped };
    if (slot === undefined || !slot.touched)
        return { status: "skipped", reason: "nothing to send" };
    return { status: "applied" };
}
/**
 * The outcomes of the changes one request serves, by change index, as soon as its result is in
 * (the engine counts them, and stops on the first failure with stop-on-error).
 */
function requestOutcomes(request, result) {
    const slots = new Map();
    mapRequest(request, result, slots);
    return new Map([...slots].map(([index, slot]) => [index, outcomeOf(slot)]));
}
/**
 * One outcome per change (plan order) from the results of the packed requests. A change is applied
 * only when every step serving it ran in an entry that reported no error at or before that step.
 */
function mapOutcomes(pack, results, changeCount) {
    const slots = new Map();
    pack.requests.forEach((request, r) => {
        mapRequest(request, results[r], slots);
    });
    return Array.from({ length: changeCount }, (_, index) => {
        const unsupported = pack.unsupported.get(index);
        if (unsupported !== undefined)
            return { status: "skipped", reason: unsupported };
        return outcomeOf(slots.get(index));
    });
}
/**
 * A 200 answer to `POST /action` is an action response (UM-DOC ActionsRef: `completed`,
 * `notCompleted`, `completedInTestMode`, `result`, optional `errors` and `warnings`). An empty body,
 * an HTML page or other JSON is not: undefined then, and the request's outcome is unknown.
 */
function readActionResponse(body) {
    if (typeof body !== "object" || body === null || Array.isArray(body))
        return undefined;
    const record = body;
    if (typeof record.result !== "string")
        return undefined;
    if (record.errors !== undefined && !Array.isArray(record.errors))
        return undefined;
    if (record.warnings !== undefined && !Array.isArray(record.warnings))
        return undefined;
    const errors = (record.errors ?? []);
    const wellFormed = errors.every((error) => typeof error === "object" &&
        error !== null &&
        typeof error.index === "number" &&
        typeof error.step === "number");
    if (!wellFormed)
        return undefined;
    return {
        ...record,
        completed: typeof record.completed === "number" ? record.completed : 0,
        notCompleted: typeof record.notCompleted === "number" ? record.notCompleted : 0,
        completedInTestMode: typeof record.completedInTestMode === "number" ? record.completedInTestMode : 0,
    };
}
//# sourceMappingURL=outcomes.js.map
;// CONCATENATED MODULE: ../core/dist/vendors/adobe/rate-limits.js

const ADOBE_RATE_LIMITS = {
    action: { limit: 10, windowMs: 60_000 },
    users: { limit: 25, windowMs: 60_000 },
    groups: { limit: 5, windowMs: 60_000 },
    global: { limit: 100, windowMs: 60_000 },
};
const CLASSES = ["action", "users", "groups", "global"];
/** Request labels (client.ts) -> the per-client window they count against. */
const RATE_CLASS_OF_LABEL = {
    action: "action",
    "users.list": "users",
    "users.get": "users",
    "groups.list": "groups",
};
/**
 * `action=10/60s,users=25/60s,groups=5/60s,global=100/60s`; units `ms`, `s`, `m`; omitted keys keep
 * the default. `off` disables client-side pacing (a simulator without throttling).
 */
function parseRateLimits(text, setting = "ADOBE_RATE_LIMITS") {
    if (text.trim().toLowerCase() === "off")
        return false;
    const limits = { ...ADOBE_RATE_LIMITS };
    for (const part of text
        .split(",")
        .map((p) => p.trim())
        .filter((p) => p !== "")) {
        const match = /^(\w+)\s*=\s*(\d+)\s*\/\s*(\d+)\s*(ms|s|m)?$/.exec(part);
        const name = match?.[1];
        if (match === null || name === undefined || !CLASSES.includes(name)) {
            throw new errors_ConfigError(setting, `${setting}: cannot read ${shownValue(part)}. Expected e.g. "action=10/60s,users=25/60s,groups=5/60s,global=100/60s".`);
        }
        const unit = match[4] ?? "ms";
        const windowMs = Number(match[3]) * (unit === "m" ? 60_000 : unit === "s" ? 1000 : 1);
        const limit = Number(match[2]);
        if (limit < 1 || windowMs < 1)
            throw new errors_ConfigError(setting, `${setting}: ${shownValue(part)} must be positive.`);
        limits[name] = { limit, windowMs };
    }
    return limits;
}
function formatRateLimits(limits) {
    return CLASSES.map((c) => `${c}=${limits[c].limit}/${limits[c].windowMs}ms`).join(",");
}
/**
 * Extra wait the pacer adds once a window is full. Our clock starts a window when we send; Adobe's
 * when the request arrives, and jitter can bring two arrivals closer than their departures.
 */
const PACER_MARGIN_MS = 250;
/**
 * The margin for these windows: PACER_MARGIN_MS, but never more than 10% of the shortest window, so
 * windows scaled down for the sandbox and benchmarks (1 s instead of 60 s) do not wait a quarter
 * window longer than needed. 2% and 5% (20 and 50 ms on a 1 s window) still met 429s from arrival
 * jitter on a loaded machine; at Adobe's real 60 s windows the margin stays 250 ms.
 */
function pacerMarginMs(limits) {
    const shortest = Math.min(...CLASSES.map((c) => limits[c].windowMs));
    return Math.min(PACER_MARGIN_MS, Math.ceil(shortest / 10));
}
function startTimes(count, windows, perRequestMs) {
    const starts = [];
    for (let k = 0; k < count; k += 1) {
        let t = k === 0 ? 0 : (starts[k - 1] ?? 0) + perRequestMs;
        // Sliding window: request k may start once request k-limit has left the window.
        for (const w of windows) {
            const earlier = starts[k - w.limit];
            if (earlier !== undefined)
                t = Math.max(t, earlier + w.windowMs);
        }
        starts.push(t);
    }
    return starts;
}
/**
 * Wall time the pacer needs to send `requestCount` action requests one after another, each taking
 * `perRequestMs`, as the pacer schedules them (each full window plus `pacerMarginMs`). 5,000 new
 * users = 500 requests = 49 waits of 60.25 s = about 49 minutes at Adobe's 10/min.
 */
function predictApplyWallTimeMs(requestCount, limits = ADOBE_RATE_LIMITS, perRequestMs = 0) {
    if (requestCount <= 0)
        return 0;
    const margin = pacerMarginMs(limits);
    const windows = [limits.action, limits.global].map((w) => ({
        limit: w.limit,
        windowMs: w.windowMs + margin,
    }));
    const starts = startTimes(requestCount, windows, perRequestMs);
    return (starts[starts.length - 1] ?? 0) + perRequestMs;
}
//# sourceMappingURL=rate-limits.js.map
;// CONCATENATED MODULE: ../core/dist/vendors/adobe/pacing.js


/**
 * UMAPI's documented throttles as pacer windows (docs/vendors/adobe.md#reading-users-and-groups, docs/vendors/adobe.md#action-api): we wait for room instead of
 * collecting 429s. The global window counts every UMAPI request this client sends; IMS token
 * requests go to another host and are not paced.
 */
function adobePacerWindows(limits) {
    const perClass = (name) => ({
        name,
        limit: limits[name].limit,
        windowMs: limits[name].windowMs,
        matches: (request) => request.label !== undefined && RATE_CLASS_OF_LABEL[request.label] === name,
    });
    return [
        perClass("action"),
        perClass("users"),
        perClass("groups"),
        {
            name: "global",
            limit: limits.global.limit,
            windowMs: limits.global.windowMs,
            matches: (request) => request.label !== undefined && RATE_CLASS_OF_LABEL[request.label] !== undefined,
        },
    ];
}
function createAdobePacer(limits, options = {}) {
    return createSlidingWindowPacer(adobePacerWindows(limits), { ...options, marginMs: pacerMarginMs(limits) });
}
//# sourceMappingURL=pacing.js.map
;// CONCATENATED MODULE: ../core/dist/vendors/adobe/wire-types.js
const wire_types_IDENTITY_TYPES = ["adobeID", "enterpriseID", "federatedID"];
//# sourceMappingURL=wire-types.js.map
;// CONCATENATED MODULE: ../core/dist/vendors/adobe/pack-actions.js

const UMAPI_PACK_LIMITS = { entriesPerRequest: 10, namesPerStep: 10, stepsPerEntry: 10 };
const RANK = { create: 0, update: 1, remove: 2, add: 3, rename: 4, removeFromOrg: 5 };
/** Case-insensitive identity type, or undefined when it is not one of the three. */
function parseIdentityType(value) {
    if (value === undefined)
        return undefined;
    const lower = value.trim().toLowerCase();
    return wire_types_IDENTITY_TYPES.find((t) => t.toLowerCase() === lower);
}
function chunk(items, size) {
    const out = [];
    for (let i = 0; i < items.length; i += size)
        out.push(items.slice(i, i + size));
    return out;
}
function createStep(user, type, defaultCountry) {
    const country = (user.country ?? defaultCountry)?.toUpperCase();
    // ignoreIfAlreadyExists: a create retried after a timeout must neither fail nor duplicate
    // (umapi-client.py UserAction.create does the same, docs/vendors/adobe.md#umapi-client).
    const params = {
        email: user.emailAsWritten,
        ...(country !== undefined ? { country } : {}),
        ...(user.firstName !== undefined ? { firstname: user.firstName } : {}),
        ...(user.lastName !== undefined ? { lastname: user.lastName } : {}),
        option: "ignoreIfAlreadyExists",
    };
    if (type === "adobeID")
        return { addAdobeID: params };
    if (type === "enterpriseID")
        return { createEnterpriseID: params };
    return { createFederatedID: params };
}
const UPDATE_FIELD = {
    firstName: "firstname",
    lastName: "lastname",
    username: "username",
};
function isEmailLike(value) {
    return value.includes("@");
}
/**
 * The entry root. A username that is not an email identifies the user together with `domain`;
 * an email-shaped username "can never be used to identify a user in requests", so those users
 * are named by email (UM-DOC ActionsCmds, Updating Email Policy).
 */
function rootForExisting(user, fallback) {
    if (user === undefined)
        return { user: fallback };
    if (user.type === "adobeID")
        return { user: user.email, useAdobeID: true };
    const name = user.username;
    if (name !== undefined && !isEmailLike(name) && user.domain !== undefined)
        return { user: name, domain: user.domain };
    return { user: user.email };
}
function rootForNew(user, type) {
    if (type === "adobeID")
        return { user: user.emailAsWritten, useAdobeID: true };
    const username = user.username;
    if (type === "federatedID" && username !== undefined && !isEmailLike(username)) {
        return { user: username, domain: user.domain ?? user.email.slice(user.email.lastIndexOf("@") + 1) };
    }
    return { user: user.emailAsWritten };
}
function listSteps(key, groups, change, limits, omit) {
    const sent = key === "add" && omit !== undefined ? groups.filter((g) => !omit.has(g.toLowerCase())) : groups;
    return chunk(sent, limits.namesPerStep).map((group) => ({
        step: key === "add" ? { add: { group } } : { remove: { group } },
        change,
        rank: RANK[key],
    }));
}
/** Steps for one user change, or a reason when Adobe cannot express it. */
function stepsFor(change, index, options, limits) {
    switch (change.kind) {
        case "create-user": {
            const type = parseIdentityType(change.user.type) ?? options.defaultIdentityType;
            return [
                { step: createStep(change.user, type, options.defaultCountry), change: index, rank: RANK.create },
                ...listSteps("add", change.user.groups, index, limits, options.omitAddGroups),
            ];
        }
        case "update-user": {
            const params = {};
            for (const field of change.fields) {
                const wire = UPDATE_FIELD[field.field];
                // Country is never updatable (error.update.country.no_update) and Adobe has no account type.
                if (wire === undefined)
                    return `Adobe cannot update ${field.field}`;
                params[wire] = field.to;
            }
            return [{ step: { update: params }, change: index, rank: RANK.update }];
        }
        case "rename-email":
            return [{ step: { update: { email: change.toAsWritten } }, change: index, rank: RANK.rename }];
        case "add-to-groups":
            return listSteps("add", change.groups, index, limits, options.omitAddGroups);
        case "remove-from-groups":
            return listSteps("remove", change.groups, index, limits);
        case "deactivate-user":
            // Adobe has no suspended state: "deactivate" = removeFromOrg keeping the account (UST `remove`).
            return [{ step: { removeFromOrg: { deleteAccount: false } }, change: index, rank: RANK.removeFromOrg }];
        case "delete-user":
            return [{ step: { removeFromOrg: { deleteAccount: true } }, change: index, rank: RANK.removeFromOrg }];
        case "reactivate-user":
            return "Adobe has no reactivation: a user removed from the organisation is added again by creating it";
        case "set-attribute":
        case "unset-attribute":
            return "Adobe has no user attributes";
        case "create-group":
            return "internal: create-group is packed as a user-group entry";
    }
}
/** Greedy first-fit: each entry goes to the first request at or after its minimum with room. */
function placeEntries(placed, limits) {
    const requests = [];
    const chainLast = new Map();
    let firstOpen = 0;
    for (const item of placed) {
        let min = item.minRequest;
        if (item.chainId !== undefined) {
            const last = chainLast.get(item.chainId);
            if (last !== undefined)
                min = Math.max(min, last + 1);
        }
        while (firstOpen < requests.length && (requests[firstOpen]?.entries.length ?? 0) >= limits.entriesPerRequest) {
            firstOpen += 1;
        }
        let target = Math.max(min, firstOpen);
        while (target < requests.length && (requests[target]?.entries.length ?? 0) >= limits.entriesPerRequest)
            target += 1;
        while (requests.length <= target)
            requests.push({ entries: [], steps: [] });
        const request = requests[target];
        if (request === undefined)
            throw new Error("unreachable: request slot");
        request.entries.push(item.entry);
        request.steps.push(item.steps);
        if (item.chainId !== undefined)
            chainLast.set(item.chainId, target);
    }
    return requests;
}
/**
 * Packs a plan's changes into action requests. `users` finds the current user a change refers to
 * (by `userId`), to address it by username/domain and to flag Adobe IDs (`useAdobeID`).
 */
function packActions(changes, users, options) {
    const limits = options.limits ?? UMAPI_PACK_LIMITS;
    const unsupported = new Map();
    const groupEntries = [];
    const work = new Map();
    changes.forEach((change, index) => {
        if (change.kind === "create-group") {
            // User groups only: product profiles are made in the Admin Console (UM-DOC usergroupActionCommands).
            groupEntries.push({
                entry: { usergroup: change.group, do: [{ createUserGroup: { option: "ignoreIfAlreadyExists" } }] },
                steps: [index],
                minRequest: 0,
            });
            return;
        }
        const steps = stepsFor(change, index, options, limits);
        if (typeof steps === "string") {
            unsupported.set(index, steps);
            return;
        }
        let item = work.get(change.email);
        if (item === undefined) {
            const root = change.kind === "create-user"
                ? rootForNew(change.user, parseIdentityType(change.user.type) ?? options.defaultIdentityType)
                : rootForExisting(users.get(change.userId), change.email);
            item = { root, steps: [] };
            work.set(change.email, item);
        }
        item.steps.push(...steps);
    });
    const groupRequests = Math.ceil(groupEntries.length / limits.entriesPerRequest);
    const placed = [...groupEntries];
    let chainId = 0;
    for (const item of work.values()) {
        // Stable sort keeps plan order among steps of the same rank.
        const ordered = [...item.steps].sort((a, b) => a.rank - b.rank);
        const parts = chunk(ordered, limits.stepsPerEntry);
        // Entries in one request run in no guaranteed order (docs/vendors/adobe.md#action-api), so the parts of a split entry go
        // to successive requests: the create runs before the adds, removeFromOrg after everything.
        for (const part of parts) {
            placed.push({
                entry: { ...item.root, do: part.map((s) => s.step) },
                steps: part.map((s) => s.change),
                minRequest: groupRequests,
                ...(parts.length > 1 ? { chainId } : {}),
            });
        }
        chainId += 1;
    }
    return { requests: placeEntries(placed, limits), unsupported };
}
/** The change a step served, or undefined when the server names an entry/step we did not send. */
function changeForStep(requests, request, index, step) {
    return requests[request]?.steps[index]?.[step];
}
//# sourceMappingURL=pack-actions.js.map
;// CONCATENATED MODULE: ../core/dist/vendors/url-setting.js

/**
 * A vendor's URL setting (`SIGMA_BASE_URL`, `PERISCOPE_BASE_URL`, `ADOBE_UMAPI_URL`...): an http(s)
 * URL, returned without trailing slashes so paths join with one. The error names the setting and
 * shows the value only as `shownValue` does (a secret pasted into the wrong variable stays hidden);
 * `hint` says what to write instead.
 */
function parseUrlSetting(name, raw, hint) {
    let url;
    try {
        url = new URL(raw);
    }
    catch {
        url = undefined;
    }
    if (url === undefined || (url.protocol !== "https:" && url.protocol !== "http:")) {
        throw new errors_ConfigError(name, `${name} is not an http(s) URL: ${shownValue(raw)}.${hint === undefined ? "" : ` ${hint}`}`);
    }
    return raw.replace(/\/+$/, "");
}
//# sourceMappingURL=url-setting.js.map
;// CONCATENATED MODULE: ../core/dist/vendors/adobe/settings.js




const DEFAULT_UMAPI_URL = "https://usermanagement.adobe.io/v2/usermanagement";
const DEFAULT_IMS_URL = "https://ims-na1.adobelogin.com";
const ADOBE_SECRET_SETTINGS = ["ADOBE_CLIENT_SECRET", "ADOBE_PRIVATE_KEY"];
/** Settings of the retired Service Account (JWT) credential (UM-PY JWTAuth; User Sync Tool `authentication_method: jwt`). */
const JWT_SETTINGS = ["ADOBE_TECH_ACCOUNT_ID", "ADOBE_PRIVATE_KEY", "ADOBE_PRIVATE_KEY_PATH"];
const JWT_MIGRATION_URL = "https://developer.adobe.com/developer-console/docs/guides/authentication/ServerToServerAuthentication/migration/";
function value(settings, name) {
    const raw = settings[name]?.trim();
    return raw === undefined || raw === "" ? undefined : raw;
}
function required(settings, name, what) {
    const found = value(settings, name);
    if (found === undefined) {
        throw new errors_ConfigError(name, `${name} is not set: it must hold ${what}.`, "CONFIG_MISSING");
    }
    return found;
}
function url(settings, name, fallback) {
    return parseUrlSetting(name, value(settings, name) ?? fallback);
}
/**
 * JWT service accounts are gone: "As of June 30, 2025, Service Account (JWT) credentials have reached
 * their end of life" and stop working when their certificates expire or on March 1, 2026 (ADB-DEV).
 */
function rejectJwt(settings) {
    const found = JWT_SETTINGS.find((name) => value(settings, name) !== undefined);
    if (found === undefined)
        return;
    throw new errors_ConfigError(found, `${found} is set, which is a Service Account (JWT) configuration. Adobe's JWT credentials reached end of life ` +
        "on June 30, 2025 and stop working when their certificates expire or on March 1, 2026, whichever is earlier " +
        "(Adobe Developer Console). Roster uses OAuth Server-to-Server: in the Adobe Developer Console open the project " +
        'that has the User Management API, choose "Migrate to OAuth Server-to-Server" (or add an OAuth Server-to-Server ' +
        "credential), then set ADOBE_CLIENT_ID and ADOBE_CLIENT_SECRET from that credential and remove " +
        `${JWT_SETTINGS.join(", ")}. Guide: ${JWT_MIGRATION_URL}`);
}
function parseAdobeSettings(settings) {
    rejectJwt(settings);
    const orgId = required(settings, "ADOBE_ORG_ID", "your Adobe organization ID (…@AdobeOrg, Admin Console > Settings)");
    const clientId = required(settings, "ADOBE_CLIENT_ID", "the OAuth Server-to-Server client ID (API key)");
    const clientSecret = required(settings, "ADOBE_CLIENT_SECRET", "the OAuth Server-to-Server client secret");
    const typeText = value(settings, "ADOBE_DEFAULT_IDENTITY_TYPE");
    const defaultIdentityType = typeText === undefined ? "federatedID" : parseIdentityType(typeText);
    if (defaultIdentityType === undefined) {
        throw new errors_ConfigError("ADOBE_DEFAULT_IDENTITY_TYPE", `ADOBE_DEFAULT_IDENTITY_TYPE must be adobeID, enterpriseID or federatedID, not ${shownValue(typeText ?? "")}.`);
    }
    const country = value(settings, "ADOBE_DEFAULT_COUNTRY");
    if (country !== undefined && !/^[A-Za-z]{2}$/.test(country)) {
        throw new errors_ConfigError("ADOBE_DEFAULT_COUNTRY", `ADOBE_DEFAULT_COUNTRY must be a two-letter ISO country code, not ${shownValue(country)}.`);
    }
    const limits = value(settings, "ADOBE_RATE_LIMITS");
    return {
        orgId,
        clientId,
        clientSecret,
        umapiUrl: url(settings, "ADOBE_UMAPI_URL", DEFAULT_UMAPI_URL),
        imsUrl: url(settings, "ADOBE_IMS_URL", DEFAULT_IMS_URL),
        defaultIdentityType,
        ...(country !== undefined ? { defaultCountry: country.toUpperCase() } : {}),
        rateLimits: limits === undefined ? ADOBE_RATE_LIMITS : parseRateLimits(limits),
    };
}
//# sourceMappingURL=settings.js.map
;// CONCATENATED MODULE: ../core/dist/vendors/adobe/validate-user.js

/** Field limits of the create and update steps (UM-DOC ActionsCmds "User Information Fields"). */
const MAX_EMAIL_LENGTH = 60;
const MAX_NAME_LENGTH = 250;
/**
 * User-group names: a new group's name may not start with `_` nor exceed 255 characters (Adobe's
 * own client checks both before sending: `GroupAction` in
 * https://github.com/adobe-apiplatform/umapi-client.py, umapi_client/functional.py). Existing names that start
 * with `_` are Adobe's own admin roles and groups (`_org_admin`, `_admin_*`, `_product_admin_*`),
 * which Roster never changes: so a `_` name in users.csv is an error either way.
 */
const MAX_GROUP_NAME_LENGTH = 255;
/**
 * Offline checks of one users.csv row against UMAPI's rules, each on its own column. Country is
 * required only to create a Federated ID, which cannot be known offline: a row that says
 * `federatedID` without a country (and no ADOBE_DEFAULT_COUNTRY) gets a warning, and the
 * server-side check (`testOnly`) rejects the creates that really lack one, on their lines. Rows
 * that rely on ADOBE_DEFAULT_IDENTITY_TYPE get no warning: in a file without a country column
 * that would be one per row.
 */
function validateAdobeUser(user, file, columns, defaults = {}) {
    const out = [];
    const add = (severity, column, message) => {
        const col = columns[column];
        out.push({
            severity,
            code: "ROW_INVALID_VALUE",
            message,
            file,
            line: user.line,
            ...(col !== undefined ? { column: col } : {}),
        });
    };
    const type = parseIdentityType(user.type);
    if (user.type !== undefined && type === undefined) {
        add("error", "type", `"${user.type}" is not an Adobe identity type: use adobeID, enterpriseID or federatedID.`);
    }
    if (user.country !== undefined && !/^[A-Za-z]{2}$/.test(user.country)) {
        add("error", "country", `"${user.country}" is not a two-letter ISO country code (e.g. US, GB, DE).`);
    }
    const tooLong = (column, value, max, what) => {
        if (value !== undefined && value.length > max) {
            add("error", column, `${what} is ${value.length} characters; Adobe allows at most ${max} (error.command.string.too_long).`);
        }
    };
    tooLong("email", user.emailAsWritten, MAX_EMAIL_LENGTH, "The email address");
    tooLong("new_email", user.newEmailAsWritten, MAX_EMAIL_LENGTH, "The new email address");
    tooLong("first_name", user.firstName, MAX_NAME_LENGTH, "The first name");
    tooLong("last_name", user.lastName, MAX_NAME_LENGTH, "The last name");
    for (const group of user.groups ?? []) {
        if (group.startsWith("_")) {
            add("error", "groups", `"${group.slice(0, 40)}": Adobe group names starting with "_" are Adobe's own admin roles and groups, which Roster never adds or removes, and no new group may start with "_". Remove it from users.csv.`);
        }
        else if (group.length > MAX_GROUP_NAME_LENGTH) {
            add("error", "groups", `A group name is ${group.length} characters ("${group.slice(0, 20)}…"); Adobe allows at most ${MAX_GROUP_NAME_LENGTH}.`);
        }
    }
    if (type === "federatedID" && user.country === undefined && defaults.defaultCountry === undefined) {
        add("warning", "country", "A Federated ID needs a country to be created: add a country column or set ADOBE_DEFAULT_COUNTRY.");
    }
    return out;
}
//# sourceMappingURL=validate-user.js.map
;// CONCATENATED MODULE: ../core/dist/model/read-needs.js
/** Everything: what `read` loads when it is given no needs (`roster export`, direct callers). */
const READ_EVERYTHING = Object.freeze({ roles: true, groups: "all", attributes: "all" });
/** Whether any of this kind is needed. */
function isNeeded(need) {
    return need !== "none" && (typeof need === "string" || need.named.length > 0);
}
/**
 * Whether the data of the group or attribute `name` (as the vendor spells it) is needed: all of
 * the kind, or one of the names, compared case-insensitively like the planner's name matching.
 */
function needsName(need, name) {
    if (typeof need === "string")
        return need === "all";
    const folded = name.toLowerCase();
    return need.named.some((named) => named.toLowerCase() === folded);
}
/** Whether what was read (`read`) holds everything `need` asks for. */
function covers(read, need) {
    if (!isNeeded(need) || read === "all")
        return true;
    if (need === "all" || read === "none")
        return false;
    return typeof need !== "string" && need.named.every((name) => needsName(read, name));
}
/** The needs a vendor's `read` was given (`VendorContext.needs`), once known; everything when none were. */
async function awaitReadNeeds(needs) {
    return (await needs) ?? READ_EVERYTHING;
}
//# sourceMappingURL=read-needs.js.map
;// CONCATENATED MODULE: ../core/dist/model/shared-group-lists.js
const NO_GROUPS = Object.freeze([]);
/**
 * One shared, frozen array for every user whose groups are the same list. A vendor's read maps
 * each user's groups into an array of its own; on a 100,000-user org most users share a handful
 * of lists, and one array per user (each with room to grow) was the largest single part of the
 * directory in memory (docs/benchmarks.md#memory). `CurrentUser.groups` is read-only everywhere.
 */
class SharedGroupLists {
    lists = new Map();
    /** A frozen list equal to `groups` (same names, same order), shared with every equal list seen. */
    share(groups) {
        if (groups.length === 0)
            return NO_GROUPS;
        const key = groups.length === 1 ? groups[0] : groups.join("\n");
        const known = this.lists.get(key);
        // The key is only a hint (a name may contain the separator): share only an equal list.
        if (known !== undefined && sameList(known, groups))
            return known;
        const list = Object.freeze([...groups]);
        // Bounded, so an org where every user's list differs does not keep a second copy of them all.
        if (known === undefined && this.lists.size < 10_000)
            this.lists.set(key, list);
        return list;
    }
}
function sameList(a, b) {
    if (a.length !== b.length)
        return false;
    for (let i = 0; i < a.length; i++)
        if (a[i] !== b[i])
            return false;
    return true;
}
//# sourceMappingURL=shared-group-lists.js.map
;// CONCATENATED MODULE: ../core/dist/vendors/adobe/apply.js




/**
 * Adobe's apply path, plan -> /action requests -> outcomes: `pack` turns a plan into packed action
 * requests (pack-actions.ts), `send` sends them, `settleByRequest` reports each request's outcomes
 * to the engine's session (outcomes.ts maps Adobe's answers). The vendor's `apply` and `check`
 * (vendor.ts) both run through here.
 */
function pack(plan, directory, settings, forCheck) {
    // Only the users the plan touches: a 1% change of 100,000 users needs 1,000 of them.
    const touched = new Set();
    for (const change of plan.changes)
        if ("userId" in change)
            touched.add(change.userId);
    const users = new Map();
    for (const user of directory.users)
        if (touched.has(user.id))
            users.set(user.id, user);
    const created = plan.changes.flatMap((c) => (c.kind === "create-group" ? [c.group.toLowerCase()] : []));
    return packActions(plan.changes, users, {
        defaultIdentityType: settings.defaultIdentityType,
        ...(settings.defaultCountry !== undefined ? { defaultCountry: settings.defaultCountry } : {}),
        ...(forCheck && created.length > 0 ? { omitAddGroups: new Set(created) } : {}),
    });
}
/**
 * Action requests in flight at once. The pacer still holds them to Adobe's 10 per minute (docs/vendors/adobe.md#action-api);
 * inside a window they need not wait for each other's answers. 8 matches the connection pool.
 */
const ACTION_LANES = 8;
/** What an /action answer that cannot be read means for its changes: their outcome is unknown. */
const UNREADABLE_ACTION = "Adobe answered POST /action with 200 but an empty or malformed body; it may or may not have made these changes, and the next plan reads them back";
/**
 * Sends the packed requests: those that create user groups first, one at a time (UMAPI does not
 * promise any order inside a request or across concurrent ones, docs/vendors/adobe.md#action-api), then the rest up to
 * ACTION_LANES at a time, or one at a time when sequential. In an apply, a request that fails as
 * a whole (HTTP error after retries) fails its changes and the rest go on, and a 200 whose body is
 * not an action response leaves its changes unknown. In a check both are thrown: an outage or an
 * unreadable answer is not Adobe rejecting the plan. Anything but an HttpError (the plan-mode
 * guard, a bug) is always thrown: it is not a vendor's answer about a change.
 */
async function send(client, packed, hooks, actionLanes = ACTION_LANES) {
    let thrown = false;
    const one = async (r) => {
        const request = packed.requests[r];
        if (request === undefined || hooks.stopped())
            return;
        let result;
        try {
            const answer = await client.action(request.entries, hooks.testOnly);
            const body = readActionResponse(answer);
            if (body === undefined) {
                const message = UNREADABLE_ACTION;
                if (hooks.testOnly)
                    throw new CoreError("VENDOR_PROTOCOL", message);
                result = { kind: "unknown", message };
            }
            else {
                for (const warning of body.warnings ?? [])
                    hooks.logger.warn(`Adobe: ${warning.message} (${warning.warningCode})`);
                result = { kind: "response", body };
            }
        }
        catch (error) {
            // An answer that does not account for the request (client.ts checks it against its schema):
            // the changes may or may not have been made, so their outcome is unknown, not failed. In a
            // check it is thrown: an unreadable answer is not Adobe rejecting the plan.
            if (isCoreError(error) && error.code === "VENDOR_PROTOCOL" && !hooks.testOnly) {
                result = {
                    kind: "unknown",
                    message: UNREADABLE_ACTION,
                };
            }
            else if (!isHttpError(error) || hooks.testOnly) {
                thrown = true;
                throw error;
            }
            else {
                result = {
                    kind: "failed",
                    message: error.message,
                    code: error.details.code ?? (error.status === 0 ? error.code : String(error.status)),
                    ...(error.details.requestId !== undefined ? { requestId: error.details.requestId } : {}),
                };
            }
        }
        hooks.onResult(r, result);
    };
    const createsGroups = (r) => packed.requests[r]?.entries.some((entry) => "usergroup" in entry && entry.do.some((step) => "createUserGroup" in step));
    const order = packed.requests.map((_, r) => r);
    for (const r of order.filter(createsGroups))
        await one(r);
    const rest = order.filter((r) => !createsGroups(r));
    let next = 0;
    const lane = async () => {
        while (!thrown && next < rest.length)
            await one(rest[next++] ?? -1);
    };
    const lanes = hooks.sequential ? 1 : actionLanes;
    await Promise.all(Array.from({ length: Math.max(1, Math.min(lanes, rest.length)) }, lane));
}
/**
 * Reports each request's outcomes to the engine's session as they come in. A change whose steps
 * span several requests is reported applied only once all of them are in; a failure or unknown is
 * reported at once (so stop-on-error stops at once).
 */
function settleByRequest(packed, session) {
    const pending = new Map();
    for (const request of packed.requests) {
        for (const index of new Set(request.steps.flat()))
            pending.set(index, (pending.get(index) ?? 0) + 1);
    }
    return (r, result) => {
        const request = packed.requests[r];
        if (request === undefined)
            return;
        const applied = [];
        for (const [index, outcome] of requestOutcomes(request, result)) {
            const left = (pending.get(index) ?? 1) - 1;
            pending.set(index, left);
            if (outcome.status !== "applied")
                session.settle([index], outcome);
            else if (left === 0)
                applied.push(index);
        }
        if (applied.length > 0)
            session.settle(applied, { status: "applied" });
    };
}
//# sourceMappingURL=apply.js.map
;// CONCATENATED MODULE: ../core/dist/vendors/adobe/vendor.js













function createAdobeVendor(settings, options) {
    // The pacer's waits are told to the context of the call in progress (a progress bar says
    // "waiting for Adobe's rate limit" instead of sitting still for a minute).
    let waitListener;
    const sleep = options.sleep ?? ((ms) => (0,external_node_timers_promises_.setTimeout)(ms).then(() => undefined));
    const ownPacer = options.pacer !== undefined || settings.rateLimits === false
        ? undefined
        : createAdobePacer(settings.rateLimits, {
            ...(options.now !== undefined ? { now: options.now } : {}),
            sleep: (ms) => {
                waitListener?.({ reason: "Adobe's rate limit", ms });
                return sleep(ms);
            },
        });
    const listening = async (context, work) => {
        waitListener = context.onWait;
        try {
            return await work();
        }
        finally {
            waitListener = undefined;
        }
    };
    const pacer = options.pacer ?? ownPacer;
    const client = createUmapiClient({
        settings,
        mode: options.mode,
        logger: options.logger,
        ...(pacer !== undefined ? { pacer } : {}),
        ...(options.dispatcher !== undefined ? { dispatcher: options.dispatcher } : {}),
        ...(options.retry !== undefined ? { retry: options.retry } : {}),
        ...(options.sleep !== undefined ? { sleep: options.sleep } : {}),
        ...(options.now !== undefined ? { now: options.now } : {}),
        ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
        ...(options.random !== undefined ? { random: options.random } : {}),
        ...(options.onSecret !== undefined ? { onSecret: options.onSecret } : {}),
    });
    const vendor = {
        id: "adobe",
        capabilities: adobeCapabilities,
        validateUser: (user, file, columns) => validateAdobeUser(user, file, columns, settings.defaultCountry !== undefined ? { defaultCountry: settings.defaultCountry } : {}),
        async read(context) {
            // Two listings with separate rate windows (docs/vendors/adobe.md#reading-users-and-groups): side by side. Each user page is final as
            // it arrives (a user's groups come inline), so it is mapped then and its wire objects let go.
            // The group list only when the plan needs groups (plan/read-needs.ts): a user's own groups,
            // admin roles among them, come inline, so administrators are known without it.
            // OAuth Server-to-Server authenticates a technical account, which is not an org user: no `self`.
            const needed = awaitReadNeeds(context.needs);
            const pages = [];
            const lists = new SharedGroupLists();
            const [, groups, needs] = await Promise.all([
                client.listUsers((page, done, total) => {
                    // Mapped once the next page has been asked for, so mapping is not between two pages.
                    const mapped = (0,external_node_timers_promises_.setImmediate)().then(() => {
                        return page.map((user) => toCurrentUser(user, lists));
                    });
                    mapped.catch(() => undefined); // awaited below, where a failure surfaces
                    pages.push(mapped);
                    context.onProgress?.({ phase: "read", done, ...(total !== undefined ? { total } : {}) });
                }),
                needed.then(async (needs) => (isNeeded(needs.groups) ? (await client.listGroups()).map(toCurrentGroup) : [])),
                needed,
            ]);
            const users = (await Promise.all(pages)).flat();
            // Users who hold groups while the groups listing is empty: the listing went wrong, and reading
            // it as "no groups" would make every membership unknown (reliability/adobe-corrupt-reads.test.ts).
            if (isNeeded(needs.groups) && groups.length === 0 && users.some((user) => user.groups.length > 0)) {
                throw incompleteListing("Adobe", { method: "GET", path: `/groups/${settings.orgId}` }, "no groups at all, while users hold some");
            }
            return { users, groups, ...(context.needs !== undefined && { read: needs }) };
        },
        async check(plan, directory, context) {
            const packed = pack(plan, directory, settings, true);
            const results = packed.requests.map(() => ({ kind: "not-sent", reason: "not attempted" }));
            let done = 0;
            await send(client, packed, {
                testOnly: true,
                sequential: false,
                stopped: () => false,
                logger: context.logger,
                onResult: (r, result) => {
                    results[r] = result;
                    done += 1;
                    context.onProgress?.({ phase: "check", done, total: packed.requests.length });
                },
            }, options.actionLanes);
            const outcomes = mapOutcomes(packed, results, plan.changes.length);
            const rejections = outcomes.flatMap((outcome, index) => outcome.status === "failed"
                ? [{ index, message: outcome.message, ...(outcome.code !== undefined ? { code: outcome.code } : {}) }]
                : []);
            return { rejections, requests: packed.requests.length };
        },
        async apply(plan, directory, session) {
            const packed = pack(plan, directory, settings, false);
            const count = packed.requests.length;
            const predicted = settings.rateLimits === false ? 0 : predictApplyWallTimeMs(count, settings.rateLimits);
            session.logger.info(`Adobe: ${plan.changes.length} changes in ${count} action requests` +
                (predicted >= 60_000
                    ? `; Adobe's rate limit makes this take at least ${Math.ceil(predicted / 60_000)} min`
                    : ""));
            for (const [index, reason] of packed.unsupported)
                session.settle([index], { status: "skipped", reason });
            const served = new Set(packed.requests.flatMap((request) => request.steps.flat()));
            plan.changes.forEach((_, index) => {
                if (!served.has(index) && !packed.unsupported.has(index)) {
                    session.settle([index], { status: "skipped", reason: "nothing to send" });
                }
            });
            const waitedBefore = ownPacer?.waitedMs ?? 0;
            await send(client, packed, {
                testOnly: false,
                sequential: session.sequential,
                stopped: () => session.stopped,
                logger: session.logger,
                onResult: settleByRequest(packed, session),
            }, options.actionLanes);
            if (ownPacer !== undefined && ownPacer.waitedMs > waitedBefore) {
                session.logger.info(`Adobe: paced to the rate limits, waited ${Math.round((ownPacer.waitedMs - waitedBefore) / 1000)} s`);
            }
        },
        close: () => client.close(),
    };
    return {
        ...vendor,
        read: (context) => listening(context, () => vendor.read(context)),
        check: (plan, directory, context) => listening(context, () => vendor.check(plan, directory, context)),
        apply: (plan, directory, session) => listening(session, () => vendor.apply(plan, directory, session)),
    };
}
const adobeVendor = {
    id: "adobe",
    secretSettings: ADOBE_SECRET_SETTINGS,
    capabilities: adobeCapabilities,
    validateUser: (user, file, columns) => validateAdobeUser(user, file, columns),
    create(settings, options) {
        return [createAdobeVendor(parseAdobeSettings(settings), options)];
    },
};
//# sourceMappingURL=vendor.js.map
;// CONCATENATED MODULE: ../core/dist/vendors/adobe/index.js
// Adobe User Management API (UMAPI) vendor: the module and its building blocks (the simulator ships through `@roster/core/testing`).











//# sourceMappingURL=index.js.map
;// CONCATENATED MODULE: ../core/dist/vendors/periscope/wire-types.js
/**
 * Periscope Data / Sisense for Cloud Data Teams: the wire, verbatim, and every assumption Roster
 * makes about it.
 *
 * This is the least documented of Roster's vendors: only the first screen of the official pages
 * and the community Python samples could be read (docs/vendors/periscope.md, sources PD-DOC, PD-COMM,
 * PD-CODE). Each shape docs/vendors/periscope.md marks [U] (unverified) is written down ONCE, here, as a named
 * assumption; the client and simulator cite the key (e.g. `ASSUMPTION LIST_SHAPE`) where they rely
 * on it. `periscopeAssumptions` lists them for the README and `roster` output.
 */
/**
 * The group (v1) or role (RBAC) every user of a site is in, built in by Periscope (ASSUMPTION
 * EVERYONE). Matched by name key (`nameKey`), so any case.
 */
const EVERYONE_GROUP = "Everyone";
/** The auth header (docs/vendors/periscope.md#auth-and-hosts, verified): `HTTP-X-PARTNER-AUTH: <site>:<api key>`. */
const PARTNER_AUTH_HEADER = "HTTP-X-PARTNER-AUTH";
/** Selects one user on the v1 user endpoints (docs/vendors/periscope.md#v1-users-and-groups, verified). */
const EMAIL_HEADER = "HTTP-X-EMAIL";
/** The server-side dry run (docs/vendors/periscope.md#test-mode). */
const TEST_MODE_PARAM = "test_mode";
/** Base URL every community sample uses; the doc names `https://app.periscopedata.com` (docs/vendors/periscope.md#auth-and-hosts). */
const DEFAULT_PERISCOPE_BASE_URL = "https://api.periscopedata.com";
/**
 * The assumptions, by key. Each is something the stored sources do not show; Roster behaves as
 * written and, where a plausible variant exists, accepts it too.
 */
const PERISCOPE_ASSUMPTIONS = {
    // ASSUMPTION: docs/vendors/periscope.md#v1-users-and-groups, docs/vendors/periscope.md#simulator "Response JSON shapes … [U]".
    LIST_SHAPE: 'Lists come wrapped, e.g. {"users":[…]}, {"groups":[…]}, {"roles":[…]} (docs/vendors/periscope.md#assumptions [U]); a bare array or {"data":[…]} is accepted too.',
    // ASSUMPTION: docs/vendors/periscope.md#v1-users-and-groups "list pagination for users/groups [U]"; docs/vendors/periscope.md#paging dashboards are the only paging evidence.
    PAGINATION: "User, group and role lists are not paged; if a response carries next_page_start, Roster follows it like the dashboards listing (docs/vendors/periscope.md#paging).",
    // ASSUMPTION: docs/vendors/periscope.md#v1-users-and-groups "Response JSON shapes [U]".
    IDS: "User, group and role ids may be numbers or strings; Roster keeps them as text and sends role ids back in the type the server used (docs/vendors/periscope.md#v1-users-and-groups [U]).",
    // ASSUMPTION: docs/vendors/periscope.md#simulator user fields are a best guess.
    GROUP_REFS: "A user's groups (v1) and roles (v2) may be listed as names, ids, or {id, name} objects (docs/vendors/periscope.md#assumptions [U]).",
    // ASSUMPTION: docs/vendors/periscope.md#v1-users-and-groups "single user … same URL with HTTP-X-EMAIL" (verified) but its response shape is [U].
    SINGLE_SHAPE: 'A single user, group or role comes as the bare object or wrapped as {"user"|"group"|"role"|"data": {…}} (docs/vendors/periscope.md#v1-users-and-groups [U]).',
    // ASSUMPTION: docs/vendors/periscope.md#v1-users-and-groups "method PUT [U — the stored sample is truncated]".
    V1_UPDATE: "v1 user updates are PUT /api/v1/users with the HTTP-X-EMAIL header, as the v2 and roles samples use PUT (docs/vendors/periscope.md#v1-users-and-groups [U]).",
    // ASSUMPTION: docs/vendors/periscope.md#v1-users-and-groups "Whether groups in an update replaces membership [U]".
    V1_GROUPS_REPLACE: "groups in a v1 user update replaces the user's membership, so Roster sends the full resulting list (current + added − removed) (docs/vendors/periscope.md#v1-users-and-groups [U]).",
    // ASSUMPTION: docs/vendors/periscope.md#v2-users-and-roles PUT body shown only with names.
    V2_ROLES_REPLACE: "roles in a v2 user update replaces the user's roles, so Roster sends the full resulting list of role ids (docs/vendors/periscope.md#v2-users-and-roles [U]).",
    // ASSUMPTION: docs/vendors/periscope.md#v1-users-and-groups, docs/vendors/periscope.md#v2-users-and-roles samples send both names.
    UPDATE_NAMES: "Every user update sends first_name and last_name (the current value when unchanged), in case PUT replaces the whole record (docs/vendors/periscope.md#v1-users-and-groups [U]).",
    // ASSUMPTION: docs/vendors/periscope.md#v1-users-and-groups "Delete … method DELETE [U — inferred]".
    V1_DELETE: "v1 users are deleted with DELETE /api/v1/users and the HTTP-X-EMAIL header (docs/vendors/periscope.md#v1-users-and-groups [U]).",
    // ASSUMPTION: docs/vendors/periscope.md#v1-users-and-groups "paths presumably /api/v1/groups[...] [U]".
    GROUP_PATHS: "v1 groups live at /api/v1/groups and /api/v1/groups/{id} (docs/vendors/periscope.md#v1-users-and-groups [U]).",
    // ASSUMPTION: the community samples' CREATE Group body; the values of `access` are not shown.
    GROUP_CREATE_BODY: 'A v1 group is created with {"name", "access", "created_by_email"} as the vendor samples send it; Roster sends access "View" (the least a group can grant) and PERISCOPE_INVITED_BY as created_by_email.',
    // ASSUMPTION: the built-in group every user is in.
    EVERYONE: 'Every site has a built-in "Everyone" group (v1) or role (RBAC) that every user is in; Roster treats it as reserved: it never plans to add anyone to it, remove anyone from it, create it or delete it.',
    // ASSUMPTION: docs/vendors/periscope.md#v2-users-and-roles role body from PD-CODE always carried dashboard privileges.
    ROLE_CREATE_BODY: "A role can be created with empty privileges and permissions lists; created_by_email is PERISCOPE_INVITED_BY (docs/vendors/periscope.md#v2-users-and-roles [U]).",
    // ASSUMPTION: docs/vendors/periscope.md#v2-users-and-roles "Whether omitting the param means live … [U]".
    TEST_MODE: "test_mode=true validates a write and persists nothing; live writes send test_mode=false explicitly, as the community samples do (docs/vendors/periscope.md#test-mode [U]).",
    // ASSUMPTION: follows from TEST_MODE.
    CHECK_CREATED_GROUPS: "A group or role the plan creates does not exist during a test_mode check (nothing persists), so the check leaves it out of the test_mode user requests.",
    // ASSUMPTION: docs/vendors/periscope.md#simulator status field is a best guess.
    STATUS: 'A user whose status is "deactivated", "disabled" or "inactive" is deactivated; any other or no status is active (docs/vendors/periscope.md#assumptions [U]).',
    // ASSUMPTION: docs/vendors/periscope.md#simulator "body U → use {"error":"unauthorized"}".
    ERROR_BODY: 'Error bodies are {"error": "...", "message": "..."} or plain text; Roster shows the message as given (docs/vendors/periscope.md#assumptions [U]).',
    // ASSUMPTION: docs/vendors/periscope.md#simulator "duplicate email → 400/409 [U]".
    DUPLICATE: "Creating a user whose email exists fails with 409 (or 400) (docs/vendors/periscope.md#assumptions [U]).",
    // ASSUMPTION: not stated anywhere.
    NAME_MATCH: "Group and role names match case-insensitively.",
    // ASSUMPTION: docs/vendors/periscope.md#v2-users-and-roles "Rate limits: none published [U]".
    RATE_LIMITS: "No rate limit is published; a 429 is retried after its Retry-After by the HTTP layer (docs/vendors/periscope.md#rate-limits [U]).",
};
/** One line per assumption, `KEY: text`, for the README and `--verbose` output. */
const periscopeAssumptions = Object.entries(PERISCOPE_ASSUMPTIONS).map(([key, text]) => `${key}: ${text}`);
//# sourceMappingURL=wire-types.js.map
;// CONCATENATED MODULE: ../core/dist/vendors/periscope/mapping.js


/** Pure wire ⇄ model conversion for both API families. */
/** ASSUMPTION STATUS. */
const DEACTIVATED_STATUSES = new Set(["deactivated", "disabled", "inactive"]);
/** ASSUMPTION NAME_MATCH: names compare case-insensitively. */
function nameKey(name) {
    return name.trim().toLowerCase();
}
function indexGroups(groups) {
    return {
        byId: new Map(groups.map((group) => [group.id, group])),
        byName: new Map(groups.map((group) => [nameKey(group.name), group])),
        lists: new SharedGroupLists(),
    };
}
/**
 * The name a membership reference stands for. ASSUMPTION GROUP_REFS: v2 users list role ids, v1
 * users group names, either may be objects. A reference that resolves to no known group keeps
 * its id as its name, so it stays visible (PD-CODE notes role ids the roles list omits).
 */
function refName(ref, index) {
    if (ref.id !== undefined) {
        const known = index.byId.get(ref.id);
        if (known !== undefined)
            return known.name;
    }
    if (ref.name !== undefined)
        return index.byName.get(nameKey(ref.name))?.name ?? ref.name;
    return ref.id ?? "";
}
function mapping_toCurrentUser(user, index) {
    // One loop, not map, filter and a Set: this runs for each user of a listing that comes in one
    // answer, and each of those made its own arrays and set (23 MB of garbage for 100,000 users).
    const names = [];
    for (const ref of user.refs) {
        const name = refName(ref, index);
        if (name !== "" && !names.includes(name))
            names.push(name);
    }
    const groups = index.lists.share(names);
    const deactivated = user.status !== undefined && DEACTIVATED_STATUSES.has(user.status.toLowerCase());
    return {
        id: user.id,
        email: user.email,
        ...(user.firstName !== undefined && { firstName: user.firstName }),
        ...(user.lastName !== undefined && { lastName: user.lastName }),
        status: deactivated ? "deactivated" : "active",
        groups,
    };
}
function mapping_toCurrentGroup(group) {
    // ASSUMPTION EVERYONE: the built-in group every user is in is reserved.
    const reserved = nameKey(group.name) === nameKey(EVERYONE_GROUP);
    return { id: group.id, name: group.name, ...(reserved && { reserved: true }) };
}
function directoryMapping(groups) {
    const index = indexGroups(groups);
    return { groups: groups.map(mapping_toCurrentGroup), toUser: (user) => mapping_toCurrentUser(user, index) };
}
/** The membership after a change: current − removed + added, by name key, current spelling kept. */
function resultingGroups(current, add, remove) {
    const removed = new Set(remove.map(nameKey));
    const result = current.filter((name) => !removed.has(nameKey(name)));
    const present = new Set(result.map(nameKey));
    for (const name of add) {
        if (!present.has(nameKey(name))) {
            result.push(name);
            present.add(nameKey(name));
        }
    }
    return result;
}
/** Names after an update (ASSUMPTION UPDATE_NAMES: both are always sent). */
function resultingNames(user, fields) {
    let first = user?.firstName ?? "";
    let last = user?.lastName ?? "";
    for (const change of fields) {
        if (change.field === "firstName")
            first = change.to;
        if (change.field === "lastName")
            last = change.to;
    }
    return { first_name: first, last_name: last };
}
function toV1CreateBody(user, groups, invitedBy) {
    return {
        first_name: user.firstName ?? "",
        last_name: user.lastName ?? "",
        // Periscope keeps the address as sent; send it as the file wrote it.
        email: user.emailAsWritten,
        groups,
        invited_by_email: invitedBy,
    };
}
function toV2CreateBody(user, roleIds, invitedBy) {
    return {
        first_name: user.firstName ?? "",
        last_name: user.lastName ?? "",
        email: user.emailAsWritten,
        roles: roleIds,
        invited_by_email: invitedBy,
    };
}
function toV1UpdateBody(names, groups) {
    return groups === undefined ? names : { ...names, groups };
}
function toV2UpdateBody(names, roleIds) {
    return roleIds === undefined ? names : { ...names, roles: roleIds };
}
//# sourceMappingURL=mapping.js.map
;// CONCATENATED MODULE: ../core/dist/vendors/periscope/capabilities.js


/**
 * What Periscope can do (docs/vendors/periscope.md). No account types, attributes, email changes, deactivation or
 * reactivation exist in either API family; users can be deleted (absent users = delete).
 */
function periscopeCapabilities(groupNoun) {
    return {
        groupNoun,
        groupSeparators: [";"],
        createGroup: true,
        roles: false,
        attributes: false,
        renameEmail: false,
        deactivate: false,
        reactivate: false,
        deleteUser: true,
        absentUserActions: ["ignore", "remove-groups", "delete"],
        updatableFields: () => ["firstName", "lastName"],
        // ASSUMPTION EVERYONE: every user is in it; Roster never adds to, removes from, creates or deletes it.
        isReservedGroup: (name) => nameKey(name) === nameKey(EVERYONE_GROUP),
        serverCheck: true,
    };
}
//# sourceMappingURL=capabilities.js.map
;// CONCATENATED MODULE: ../core/dist/vendors/periscope/wire-schemas.js



/**
 * zod schemas for the Periscope answers Roster reads, beside the wire types and assumptions they
 * check (wire-types.ts; the shared mechanism is http/wire-schema.ts). Periscope documents
 * little (https://dtdocs.sisense.com/article/user-and-group-management-api and
 * https://dtdocs.sisense.com/article/user-and-role-management-api-rbac show only the first screen),
 * so each schema accepts the plausible variants its ASSUMPTION names and nothing else: a shape that
 * fits none is VENDOR_PROTOCOL, never "no users".
 */
const VENDOR = "Periscope";
/** ASSUMPTION IDS: a number or a non-empty string (trimmed). */
const wireIdSchema = schemas/* union */.KCZ([schemas/* number */.aig().finite(), schemas/* string */.YjP().trim().min(1)]);
/**
 * Text that may be missing or null; the user's transform turns null into "absent". Left as plain
 * fields, not a transform of their own each: every zod transform allocates its own result per
 * value, and a 100,000-user listing checks 500,000 of these.
 */
const optionalText = schemas/* string */.YjP().nullish();
/** ASSUMPTION GROUP_REFS: `"Analysts"`, `7` or `{id, name}` (at least one of the two). */
const refSchema = schemas/* union */.KCZ([
    schemas/* string */.YjP()
        .min(1)
        .transform((name) => ({ name })),
    schemas/* number */.aig()
        .finite()
        .transform((id) => ({ id: String(id), rawId: id })),
    schemas/* object */.Ikc({ id: wireIdSchema.optional(), name: schemas/* string */.YjP().min(1).optional() })
        .refine((ref) => ref.id !== undefined || ref.name !== undefined, { message: "a reference needs an id or a name" })
        .transform((ref) => ({
        ...(ref.id !== undefined && { id: String(ref.id), rawId: ref.id }),
        ...(ref.name !== undefined && { name: ref.name }),
    })),
]);
/** Membership references that may be missing or null (none); see `optionalText`. */
const refList = schemas/* array */.YOg(refSchema).nullish();
/** A user from `GET /api/v1/users` or `GET /api/v2/users` (docs/vendors/periscope.md#assumptions). */
const userSchema = schemas/* object */.Ikc({
    id: wireIdSchema,
    email: schemas/* string */.YjP().min(1),
    first_name: optionalText,
    last_name: optionalText,
    groups: refList,
    roles: refList,
    status: optionalText,
})
    .transform((user) => ({
    id: String(user.id),
    rawId: user.id,
    email: user.email,
    ...(user.first_name != null && { firstName: user.first_name }),
    ...(user.last_name != null && { lastName: user.last_name }),
    // v1 users carry `groups`, v2 users `roles`; a server could send both keys, one empty.
    refs: [...(user.groups ?? []), ...(user.roles ?? [])],
    ...(user.status != null && { status: user.status }),
}));
/** A v1 group or an RBAC role. */
const groupSchema = schemas/* object */.Ikc({ id: wireIdSchema, name: schemas/* string */.YjP().min(1) })
    .transform((group) => ({ id: String(group.id), rawId: group.id, name: group.name }));
/**
 * ASSUMPTION LIST_SHAPE: `{<key>: [...]}`, a bare array, `{data: [...]}` or `{data: {<key>: [...]}}`,
 * with the dashboards' cursor fields when the list is paged; `list` checks the list itself.
 */
function listShapes(key, list) {
    const cursor = {
        next_page_start: wireIdSchema.nullish(),
        items_this_page: schemas/* number */.aig().int().nonnegative().optional(),
    };
    const found = (value, at, body) => ({
        list: value,
        at,
        next: body.next_page_start ?? undefined,
        claimed: body.items_this_page,
    });
    return schemas/* union */.KCZ([
        list.transform((value) => found(value, [], {})),
        schemas/* object */.Ikc({ [key]: list, ...cursor }).transform((body) => found(body[key], [key], body)),
        schemas/* object */.Ikc({ data: list, ...cursor }).transform((body) => found(body.data, ["data"], body)),
        schemas/* object */.Ikc({ data: schemas/* object */.Ikc({ [key]: list }), ...cursor }).transform((body) => found(body.data[key], ["data", key], body)),
    ]);
}
/**
 * The places `listShapes` looks for a page's list, in its order: where a listing read as it streams
 * in (read-list-page.ts) takes the first array it meets.
 */
function listPlaces(key) {
    return [[], [key], ["data"], ["data", key]];
}
/** A whole page with its items checked, in one pass (the v1 single-user read, client.ts). */
function listPageSchema(key, item) {
    return listShapes(key, schemas/* array */.YOg(item)).transform(({ list, next, claimed }) => ({ items: list, next, claimed }));
}
function checkClaimed(request, claimed, held) {
    if (claimed !== undefined && claimed !== held) {
        throw incompleteListing(VENDOR, request, `items_this_page says ${claimed}, the page holds ${held}`);
    }
}
/**
 * The body's own array, unchecked and uncopied. `abort`, as a failed `z.array` check aborts, so a
 * body that fits no shape is reported exactly as by `listPageSchema` (one union issue, "the body").
 */
const rawItems = schemas/* custom */.IeY((value) => Array.isArray(value), { abort: true });
/**
 * One page of a listing, checked item by item so a page of 100,000 users is never held twice (the
 * raw objects and a checked copy of them all): `openListPage` checks the envelope (its shape and
 * cursor, as `listPageSchema` does; the items stay the body's own array), `each` then checks each
 * item and hands it on, clearing its slot in the body so the raw object can be collected as soon as
 * it is kept. The body must be the caller's to change (an answer parsed for this read alone).
 *
 * A bad item fails the page with the error `parseWire` throws, naming the item's place in the body
 * (`users.3.email: ...`; the whole-page union could only say "(the body): Invalid input"), before
 * `items_this_page` is checked. A body holding two lists (`users` and `data`, say) is read by the
 * first shape it fits, in `listShapes`' order, and a bad item there fails the page; the whole-page
 * union would have gone on to try the other list.
 */
function openListPage(request, body, key) {
    const { list: items, at, next, claimed } = parseWire(VENDOR, request, listShapes(key, rawItems), body);
    return {
        next,
        claimed,
        each(item, keep) {
            for (let index = 0; index < items.length; index += 1) {
                keep(parseWireAt(VENDOR, request, item, body, [...at, index], items[index]));
                items[index] = undefined;
            }
            checkClaimed(request, claimed, items.length);
        },
    };
}
/**
 * The envelope of a page whose list was read as it streamed in: `envelope` is the body with an
 * empty array where the list sat (`at`). Checked as `openListPage` checks the whole body (its shape
 * and cursor, the same errors); the list `listShapes` picks must be the one streamed, else the body
 * holds two lists and the one already handed on is not the one the page means.
 */
function checkStreamedEnvelope(request, envelope, key, at) {
    const found = parseWire(VENDOR, request, listShapes(key, rawItems), envelope);
    if (found.at.join(".") !== at.join(".") || found.at.length !== at.length) {
        throw new VendorProtocolError(VENDOR, requestName(request), `a JSON listing that holds two lists (${at.join(".")} and ${found.at.join(".") || "the body"}), so which one it means is unclear`);
    }
    return { next: found.next, claimed: found.claimed };
}
/** ASSUMPTION SINGLE_SHAPE: the bare object or `{<key>|data: {...}}`. */
function parseSingle(request, body, key, item) {
    const wrapped = schemas/* union */.KCZ([schemas/* object */.Ikc({ [key]: schemas/* looseObject */._H3({}) }), schemas/* object */.Ikc({ data: schemas/* looseObject */._H3({}) })]);
    const inner = wrapped.safeParse(body);
    const single = inner.success ? Object.values(inner.data)[0] : body;
    return parseWire(VENDOR, request, item, single);
}
/**
 * The answer to a write, whose body Roster does not otherwise use: JSON (any object) after a 200 or
 * 201, or nothing after a 204. An HTML page, text or an empty 200 is not what the API answers to a
 * write it performed (every community sample prints the JSON it gets back), so it is not success.
 */
function checkWriteAnswer(request, status, body) {
    if (status === 204 && (body === undefined || body === ""))
        return;
    parseWire(VENDOR, request, schemas/* union */.KCZ([schemas/* looseObject */._H3({}), schemas/* array */.YOg(schemas/* unknown */.L5J())]), body);
}
//# sourceMappingURL=wire-schemas.js.map
;// CONCATENATED MODULE: ../core/dist/vendors/periscope/read-list-page.js



const read_list_page_VENDOR = "Periscope";
/**
 * Reads one page of a listing as its body streams in (a `BodyReader` for `requestStreamed`): a site
 * lists every user in one answer, 19.5 MB of JSON for 100,000 users, and this never holds it whole,
 * as bytes, as a string or as raw objects. The splitter (http/json-listing-splitter.ts) hands over
 * the items a chunk completes; each is checked against `item` and handed to `keep` at once. While a
 * `keep` is still pending (the group index being read), the items checked meanwhile wait for it.
 *
 * Everything is reported as when the page is read whole (wire-schemas.ts `openListPage`), in the
 * same order: a body that is not JSON first, then the envelope's shape and cursor (checked when the
 * body ends, since `next_page_start` may follow the list), then the first bad item, named by its
 * place (`users.41234.email: ...`), then `items_this_page`. A body not labelled JSON, an empty one,
 * or one without a list where `listShapes` looks is read whole and handed to `openListPage`.
 *
 * Called once per attempt, with fresh state: what an attempt cut short had kept is dropped with it.
 */
function readListPage(request, key, item, keep) {
    return async ({ headers, chunks }) => {
        const kept = [];
        const whole = async (body) => {
            const page = openListPage(request, body, key);
            const project = await keep;
            page.each(item, (entry) => kept.push(project(entry)));
            return { items: kept, next: page.next, claimed: page.claimed };
        };
        const contentType = headers["content-type"];
        if (!contentType?.toLowerCase().includes("json"))
            return whole(await readWholeBody(chunks, contentType));
        let project = typeof keep === "function" ? keep : undefined;
        // A `keep` still pending (the group index being read) does not hold the body back, which would
        // let a slow group read time the users request out: the items checked meanwhile wait for it.
        let waiting = [];
        if (project === undefined) {
            Promise.resolve(keep).then((ready) => {
                project = ready;
            }, () => { });
        }
        const handOn = (ready) => {
            for (const entry of waiting)
                kept.push(ready(entry));
            waiting = [];
        };
        let bad;
        const splitter = createListingSplitter({
            listAt: listPlaces(key),
            onItems: (items, first) => {
                // Those that waited go first, in order, once `keep` is there.
                if (project !== undefined && waiting.length > 0)
                    handOn(project);
                for (let index = 0; index < items.length && bad === undefined; index += 1) {
                    const checked = item.safeParse(items[index]);
                    if (!checked.success)
                        bad = { index: first + index, value: items[index] };
                    else if (project !== undefined)
                        kept.push(project(checked.data));
                    else
                        waiting.push(checked.data);
                }
            },
        });
        let split;
        try {
            for await (const chunk of chunks) {
                splitter.push(chunk);
            }
            split = splitter.end();
        }
        catch (error) {
            if (error instanceof MalformedJsonError) {
                if (error.empty)
                    return whole(undefined);
                throw malformedJson(read_list_page_VENDOR, request, error.message);
            }
            if (error instanceof TwoListsError) {
                throw new VendorProtocolError(read_list_page_VENDOR, requestName(request), `a JSON listing that holds ${error.path.join(".")} twice, so which list it means is unclear`);
            }
            throw error;
        }
        if (split.at === undefined)
            return whole(split.envelope);
        const { next, claimed } = checkStreamedEnvelope(request, split.envelope, key, split.at);
        if (bad !== undefined) {
            // Described as the whole body would be: its keys, or a bare array's length.
            const body = split.at.length === 0 ? new Array(split.count) : split.envelope;
            parseWireAt(read_list_page_VENDOR, request, item, body, [...split.at, bad.index], bad.value);
        }
        checkClaimed(request, claimed, split.count);
        handOn(project ?? (await keep));
        return { items: kept, next, claimed };
    };
}
//# sourceMappingURL=read-list-page.js.map
;// CONCATENATED MODULE: ../core/dist/vendors/periscope/client.js




/**
 * ASSUMPTION TEST_MODE: live writes say `test_mode=false` explicitly, the way every community
 * sample does (PD-COMM); only a check sends `true`, and the read-only guard lets nothing else write.
 */
function testModeQuery(options) {
    return { [TEST_MODE_PARAM]: options.testMode ? "true" : "false" };
}
/** Guards a pager that never ends (a server echoing the same cursor). */
const client_MAX_PAGES = 10_000;
/**
 * Reads a whole list, each page checked against its schema (ASSUMPTION LIST_SHAPE) and the paging
 * against itself (ASSUMPTION PAGINATION, the dashboards' `next_page_start`): a cursor that repeats
 * means the pages loop, and stops the run rather than end the list early (reliability/periscope-corrupt-reads.test.ts).
 *
 * As the body streams in (read-list-page.ts `readListPage`): a site lists every user in one answer,
 * so the answer is never held whole, as bytes, text or raw objects; each item is checked and handed
 * to `keep` as soon as its bytes arrive. A transport failure while the body streams in repeats the
 * page's request from scratch (the HTTP client's retries), dropping what that attempt had kept.
 * When `keep` is a promise, the request still leaves at once and the items wait for `keep`.
 */
async function listAll(http, path, key, item, label, onPage, keep = (entry) => entry) {
    let items = [];
    const listing = { method: "GET", path };
    const seen = new Set();
    let cursor;
    for (let page = 0; page < client_MAX_PAGES; page += 1) {
        const response = await http.requestStreamed({ ...listing, label, ...(cursor !== undefined && { query: { next_page_start: cursor } }) }, readListPage(listing, key, item, keep));
        const read = response.body;
        if (page === 0)
            items = read.items;
        // One by one: spreading a page into push() passes every item as an argument, and a site that
        // lists 300,000 users in one answer overflows the stack (test "reads a one-page listing of 300,000 users").
        else
            for (const entry of read.items)
                items.push(entry);
        onPage?.(items.length);
        cursor = read.next;
        if (cursor === undefined)
            return items;
        if (seen.has(String(cursor)))
            throw incompleteListing("Periscope", listing, "a next_page_start cursor repeats, so the pages loop");
        seen.add(String(cursor));
    }
    throw incompleteListing("Periscope", listing, `still a next_page_start after ${client_MAX_PAGES} pages`);
}
/**
 * Sends a write and checks its answer (JSON, or nothing after a 204); parses the echoed object if
 * there is one. The echo's shape is unverified (ASSUMPTION SINGLE_SHAPE), so a JSON answer that does
 * not hold one is success without an echo.
 */
async function sendWrite(http, request, key, item) {
    const response = await http.request(request);
    checkWriteAnswer(request, response.status, response.body);
    try {
        return response.body === undefined ? undefined : parseSingle(request, response.body, key, item);
    }
    catch {
        return undefined;
    }
}
/** Wraps an HTTP client so a check can say how many requests it made. */
function countRequests(http, counter) {
    return {
        request(request) {
            counter.count += 1;
            return http.request(request);
        },
        requestStreamed(request, read) {
            counter.count += 1;
            return http.requestStreamed(request, read);
        },
    };
}
/** `undefined` for a 404 (an unknown user, group or role), the error for anything else. */
async function orUndefinedOn404(promise) {
    try {
        return await promise;
    }
    catch (error) {
        if (isHttpError(error) && error.status === 404)
            return undefined;
        throw error;
    }
}
function membershipCollection(http, path, noun, labelPrefix) {
    const itemPath = (id) => `${path}/${encodeURIComponent(id)}`;
    return {
        list: () => listAll(http, path, `${noun}s`, groupSchema, `${labelPrefix}.list`),
        async get(id) {
            const request = { method: "GET", path: itemPath(id), label: `${labelPrefix}.get` };
            const response = await orUndefinedOn404(http.request(request));
            return response === undefined ? undefined : parseSingle(request, response.body, noun, groupSchema);
        },
        async create(body, options) {
            const query = testModeQuery(options);
            return sendWrite(http, { method: "POST", path, query, json: body, label: `${labelPrefix}.create` }, noun, groupSchema);
        },
        async update(id, body, options) {
            const query = testModeQuery(options);
            await sendWrite(http, { method: "PUT", path: itemPath(id), query, json: body, label: `${labelPrefix}.update` }, noun, groupSchema);
        },
        async delete(id, options) {
            const query = testModeQuery(options);
            await sendWrite(http, { method: "DELETE", path: itemPath(id), query, label: `${labelPrefix}.delete` }, noun, groupSchema);
        },
    };
}
function userCollection(http, path, labelPrefix, address, readOne) {
    const write = async (method, key, options, json) => {
        const label = `${labelPrefix}.${method === "PUT" ? "update" : "delete"}`;
        const body = json === undefined ? {} : { json };
        await sendWrite(http, { method, ...address(key), query: testModeQuery(options), ...body, label }, "user", userSchema);
    };
    return {
        list: (onPage, keep) => listAll(http, path, "users", userSchema, `${labelPrefix}.list`, onPage, keep),
        async get(key) {
            const request = { method: "GET", ...address(key), label: `${labelPrefix}.get` };
            const response = await orUndefinedOn404(http.request(request));
            return response === undefined ? undefined : readOne(request, response.body, key);
        },
        create: (body, options) => sendWrite(http, { method: "POST", path, query: testModeQuery(options), json: body, label: `${labelPrefix}.create` }, "user", userSchema),
        update: (key, body, options) => write("PUT", key, options, body),
        delete: (key, options) => write("DELETE", key, options),
    };
}
/** `{user: {...}}` or a bare user object: what a single-user read answers (ASSUMPTION SINGLE_SHAPE). */
function isSingleUser(body) {
    if (body === null || typeof body !== "object" || Array.isArray(body))
        return false;
    return "user" in body || "email" in body;
}
const V1_USERS = "/api/v1/users";
// ASSUMPTION GROUP_PATHS.
const V1_GROUPS = "/api/v1/groups";
function createPeriscopeV1Client(http) {
    return {
        // The single-user read is the list URL plus HTTP-X-EMAIL (docs/vendors/periscope.md#v1-users-and-groups, verified);
        // update and delete are keyed by the header the same way (ASSUMPTIONS V1_UPDATE, V1_DELETE).
        users: userCollection(http, V1_USERS, "v1.users", (email) => ({ path: V1_USERS, headers: { [EMAIL_HEADER]: email } }), (request, body, email) => {
            // A server that ignored the header would return the whole list; never mistake it for a user.
            const asList = listPageSchema("users", userSchema).safeParse(body);
            if (asList.success && !isSingleUser(body)) {
                return asList.data.items.find((user) => user.email.toLowerCase() === email.toLowerCase());
            }
            return parseSingle(request, body, "user", userSchema);
        }),
        groups: membershipCollection(http, V1_GROUPS, "group", "v1.groups"),
    };
}
const V2_USERS = "/api/v2/users";
const ROLES = "/api/v1/roles";
function createPeriscopeV2Client(http) {
    return {
        users: userCollection(http, V2_USERS, "v2.users", (id) => ({ path: `${V2_USERS}/${encodeURIComponent(id)}` }), (request, body) => parseSingle(request, body, "user", userSchema)),
        roles: membershipCollection(http, ROLES, "role", "roles"),
    };
}
//# sourceMappingURL=client.js.map
;// CONCATENATED MODULE: ../core/dist/vendors/periscope/settings.js



const PERISCOPE_SETTINGS = {
    site: "PERISCOPE_SITE",
    apiKey: "PERISCOPE_API_KEY",
    baseUrl: "PERISCOPE_BASE_URL",
    api: "PERISCOPE_API",
    invitedBy: "PERISCOPE_INVITED_BY",
};
function splitList(value) {
    return value.split(",").map((part) => part.trim());
}
function settings_required(settings, name, what) {
    const value = settings[name]?.trim();
    if (value === undefined || value === "") {
        throw new errors_ConfigError(name, `${name} is not set: ${what}.`, "CONFIG_MISSING");
    }
    return value;
}
/**
 * A setting that is either one value for every site or a comma-separated list with one value per
 * site, in PERISCOPE_SITE order. Never echoes the value (it may be a key).
 */
function perSite(name, raw, sites, secret) {
    const values = splitList(raw);
    if (values.some((value) => value === "")) {
        throw new errors_ConfigError(name, `${name} has an empty entry; separate one value per site with commas.`);
    }
    if (values.length === 1 && !secret)
        return sites.map(() => values[0]);
    if (values.length !== sites.length) {
        const expected = secret ? `exactly ${sites.length}` : `1 or ${sites.length}`;
        throw new errors_ConfigError(name, `${name} has ${values.length} comma-separated value(s) but PERISCOPE_SITE names ${sites.length} site(s) ` +
            `(${sites.join(", ")}); give ${expected}, in the same order as PERISCOPE_SITE.`);
    }
    return values;
}
function parseFamily(value) {
    const lower = value.toLowerCase();
    if (lower === "v1" || lower === "v2")
        return lower;
    if (lower === "rbac")
        return "v2";
    throw new errors_ConfigError(PERISCOPE_SETTINGS.api, `${PERISCOPE_SETTINGS.api} must be "v1" (users and groups) or "v2" (RBAC: users and roles), got ${shownValue(value)}.`);
}
/**
 * Parses the PERISCOPE_* settings into one entry per site.
 *
 * Several sites in one run: PERISCOPE_SITE is a comma-separated list of site names and
 * PERISCOPE_API_KEY a comma-separated list of their keys in the same order (one site, one key:
 * docs/vendors/periscope.md#auth-and-hosts). PERISCOPE_API, PERISCOPE_BASE_URL and PERISCOPE_INVITED_BY take either one
 * value for all sites or one per site.
 */
function parsePeriscopeSettings(settings) {
    const siteRaw = settings_required(settings, PERISCOPE_SETTINGS.site, "the site name from your dashboard URLs");
    const sites = splitList(siteRaw);
    if (sites.some((site) => site === "")) {
        throw new errors_ConfigError(PERISCOPE_SETTINGS.site, `${PERISCOPE_SETTINGS.site} has an empty site name.`);
    }
    const duplicate = sites.find((site, index) => sites.indexOf(site) !== index);
    if (duplicate !== undefined) {
        throw new errors_ConfigError(PERISCOPE_SETTINGS.site, `${PERISCOPE_SETTINGS.site} names site "${duplicate}" twice.`);
    }
    const keys = perSite(PERISCOPE_SETTINGS.apiKey, settings_required(settings, PERISCOPE_SETTINGS.apiKey, "the site's API key (Billing and Authentication tab)"), sites, true);
    const apis = perSite(PERISCOPE_SETTINGS.api, settings[PERISCOPE_SETTINGS.api]?.trim() || "v1", sites, false);
    const baseUrls = perSite(PERISCOPE_SETTINGS.baseUrl, settings[PERISCOPE_SETTINGS.baseUrl]?.trim() || DEFAULT_PERISCOPE_BASE_URL, sites, false);
    const invitedBy = perSite(PERISCOPE_SETTINGS.invitedBy, settings_required(settings, PERISCOPE_SETTINGS.invitedBy, "the email of an existing admin that invitations name"), sites, false);
    for (const email of invitedBy) {
        if (!/^[^\s@]+@[^\s@]+$/.test(email)) {
            throw new errors_ConfigError(PERISCOPE_SETTINGS.invitedBy, `${PERISCOPE_SETTINGS.invitedBy} is not an email: ${shownValue(email)}.`);
        }
    }
    return sites.map((site, index) => ({
        site,
        apiKey: keys[index],
        baseUrl: parseUrlSetting(PERISCOPE_SETTINGS.baseUrl, baseUrls[index]),
        api: parseFamily(apis[index]),
        invitedBy: invitedBy[index],
    }));
}
//# sourceMappingURL=settings.js.map
;// CONCATENATED MODULE: ../core/dist/vendors/periscope/apply.js


const UNSUPPORTED = {
    "rename-email": "Periscope cannot change a user's email address",
    "reactivate-user": "Periscope has no reactivate call",
    "deactivate-user": "Periscope has no deactivate call; use absent users = delete",
    "set-attribute": "Periscope has no user attributes",
    "unset-attribute": "Periscope has no user attributes",
};
function buildOperations(plan) {
    const operations = [];
    const updates = new Map();
    const updateFor = (change) => {
        let draft = updates.get(change.userId);
        if (draft === undefined) {
            draft = {
                kind: "update-user",
                indexes: [],
                email: change.email,
                userId: change.userId,
                fields: [],
                add: [],
                remove: [],
            };
            updates.set(change.userId, draft);
            operations.push(draft);
        }
        return draft;
    };
    plan.changes.forEach((change, index) => {
        switch (change.kind) {
            case "create-group":
                operations.push({ kind: "create-group", indexes: [index], group: change.group });
                return;
            case "create-user":
                operations.push({ kind: "create-user", indexes: [index], user: change.user });
                return;
            case "update-user":
            case "add-to-groups":
            case "remove-from-groups": {
                const draft = updateFor(change);
                draft.indexes.push(index);
                if (change.kind === "update-user")
                    draft.fields.push(...change.fields);
                else
                    (change.kind === "add-to-groups" ? draft.add : draft.remove).push(...change.groups);
                return;
            }
            case "delete-user":
                operations.push({ kind: "delete-user", indexes: [index], email: change.email, userId: change.userId });
                return;
            default:
                // The planner marks these unsupported from the capabilities; a hand-made plan still gets
                // an outcome instead of a crash.
                operations.push({
                    kind: "unsupported",
                    indexes: [index],
                    reason: UNSUPPORTED[change.kind] ?? `Periscope does not support ${change.kind}`,
                });
        }
    });
    return operations;
}
/**
 * The outcome for an error the vendor (or Roster's own resolution) reported, else undefined: failed
 * for a refusal, unknown when the answer was lost or could not be read (VENDOR_PROTOCOL on a write
 * answer), since Periscope may or may not have made the change.
 */
function failureOf(error, redact) {
    if (isHttpError(error)) {
        const code = error.details.code ?? (error.status === 0 ? error.code : String(error.status));
        const requestId = error.details.requestId !== undefined ? { requestId: error.details.requestId } : {};
        if (error.ambiguous) {
            // When the answer was lost, say so: the vendor's text alone would read as a clean refusal.
            const message = /may have/.test(error.message)
                ? error.message
                : `${error.message} – the answer was lost, so Periscope may have made this change; the next plan reads it back`;
            return { status: "unknown", message: redact(message), code, ...requestId };
        }
        return { status: "failed", message: redact(error.details.message ?? error.message), code, ...requestId };
    }
    if (isCoreError(error) && error.code === "VENDOR_PROTOCOL") {
        return {
            status: "unknown",
            // VendorProtocolError says, for a write, that Periscope may or may not have made the change.
            message: redact(error.message),
            code: error.code,
        };
    }
    if (error instanceof Error && error.name === "UnresolvedChangeError") {
        return { status: "failed", message: redact(error.message), code: "UNRESOLVED" };
    }
    return undefined;
}
async function execute(run, operation) {
    switch (operation.kind) {
        case "create-group":
            return run.createGroup(operation.group);
        case "create-user":
            return run.createUser(operation.user);
        case "update-user":
            return run.updateUser(operation);
        case "delete-user":
            return run.deleteUser(operation);
        case "unsupported":
            return;
    }
}
/** Rounds of "look up, then send again" after a create whose answer was lost. */
const SETTLE_ROUNDS = 4;
async function exists(run, operation) {
    if (operation.kind === "create-user")
        return run.userExists(operation.user.email);
    if (operation.kind === "create-group")
        return run.groupExists(operation.group);
    return false;
}
/**
 * Finds out whether a write whose answer was lost took effect, instead of guessing. A create whose
 * answer never came (timeout or dropped connection after sending; the HTTP layer does not repeat a
 * POST then) is looked up; if it is not there yet it is sent again, because a timed-out request may
 * still be in flight when the first lookup runs (test "finds out about a create still in flight when first looked up, instead of reporting it failed", reliability/periscope-regressions.test.ts), and a duplicate answer
 * (409/400) to that repeat means the earlier attempt landed meanwhile, so it looks again. A delete
 * that the HTTP layer repeated and that then got 404 was done by an earlier attempt.
 * Returns undefined when the change is in place, else the error to report.
 */
async function settle(run, operation, first) {
    if (!isHttpError(first)) {
        // An unreadable answer to a create: look it up, as for a lost one, but do not send it again.
        if (operation.kind !== "create-user" && operation.kind !== "create-group")
            return first;
        return (await exists(run, operation).catch(() => false)) ? undefined : first;
    }
    if (operation.kind === "delete-user")
        return first.status === 404 && first.attempts > 1 ? undefined : first;
    if ((operation.kind !== "create-user" && operation.kind !== "create-group") || !first.ambiguous)
        return first;
    let lost = first;
    for (let round = 1; round <= SETTLE_ROUNDS; round++) {
        try {
            if (await exists(run, operation))
                return undefined;
        }
        catch {
            // The lookup failed too: the truth is unknown, and the failure says so (failureOf).
            return lost;
        }
        try {
            await execute(run, operation);
            return undefined;
        }
        catch (next) {
            if (!isHttpError(next))
                throw next;
            if (next.ambiguous) {
                lost = next;
                continue;
            }
            // A duplicate answer to the repeat: an earlier attempt landed meanwhile.
            if ((next.status === 409 || next.status === 400) && (await exists(run, operation).catch(() => false))) {
                return undefined;
            }
            // Refused now, but an earlier attempt may still land: report the lost answer.
            return lost;
        }
    }
    return lost;
}
/**
 * Requests in flight at once. Periscope publishes no rate limit (docs/vendors/periscope.md#rate-limits); 8 matches the
 * shared connection pool, and keeps a 2,000-user reorganisation at about an eighth of the
 * one-at-a-time wall time.
 */
const PERISCOPE_CONCURRENCY = 8;
/** Runs `task` over `items` with at most `limit` running at once; resolves when all are done. */
async function forEachBounded(items, limit, task) {
    let next = 0;
    const lane = async () => {
        while (next < items.length) {
            const item = items[next++];
            await task(item);
        }
    };
    await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
}
/**
 * Runs operations and reports one outcome per change index to `sink`. Groups are created first
 * (users may join them); the user operations, each on a different user, then run up to
 * PERISCOPE_CONCURRENCY at a time (one at a time when the sink is sequential, for stop-on-error).
 * Nothing new starts once the sink is stopped. One failure never hides the others. Throws only for
 * errors that are not a vendor's answer to one change (read-only violation, a bug) and, in a check,
 * for transport failures: a check that could not ask the server must not look like a clean one.
 */
async function runOperations(run, operations, options, sink) {
    let fatal = false;
    const one = async (operation) => {
        if (operation.kind === "unsupported") {
            sink.settle(operation.indexes, { status: "skipped", reason: operation.reason });
            return;
        }
        if (fatal || sink.stopped)
            return;
        let outcome;
        try {
            await execute(run, operation);
            outcome = { status: "applied" };
        }
        catch (error) {
            const failure = failureOf(error, options.redact);
            const serverAnswered = isHttpError(error) && error.status >= 400 && error.status < 500;
            // In a check, only the server's own refusal is data; an outage or unreadable answer is not.
            const notAnAnswer = (isHttpError(error) && !serverAnswered) || (isCoreError(error) && !isHttpError(error));
            if (failure === undefined || (options.testMode && notAnAnswer)) {
                // Fatal: the other lanes start nothing new while the error travels up.
                fatal = true;
                throw error;
            }
            const remaining = !options.testMode && (isHttpError(error) || isCoreError(error))
                ? await settle(run, operation, error)
                : error;
            if (remaining === undefined) {
                options.logger.warn(`${operation.kind}: the answer was lost but the change took effect; counted as applied`);
                outcome = { status: "applied" };
            }
            else {
                outcome = failureOf(remaining, options.redact) ?? failure;
            }
        }
        sink.settle(operation.indexes, outcome);
    };
    const groups = operations.filter((operation) => operation.kind === "create-group");
    const users = operations.filter((operation) => operation.kind !== "create-group");
    for (const operation of groups)
        await one(operation);
    // Stop-on-error means nothing after the first failure is sent: one at a time then.
    await forEachBounded(users, sink.sequential ? 1 : PERISCOPE_CONCURRENCY, one);
}
//# sourceMappingURL=apply.js.map
;// CONCATENATED MODULE: ../core/dist/vendors/periscope/site-family.js



/** A change Roster cannot turn into a request (e.g. a role name with no id). A failed outcome. */
class UnresolvedChangeError extends Error {
    constructor(message) {
        super(message);
        this.name = "UnresolvedChangeError";
    }
}
/**
 * What an update sends, in either family: the user as read before the run, both names (ASSUMPTION
 * UPDATE_NAMES), and, when memberships change, the full resulting list in the family's wire form
 * (ASSUMPTIONS V1_GROUPS_REPLACE, V2_ROLES_REPLACE: an update replaces the membership).
 */
function resolveUpdate(usersById, operation, toWire) {
    const current = usersById.get(operation.userId);
    if (current === undefined) {
        throw new UnresolvedChangeError(`User ${operation.email} was not in the directory read before this change`);
    }
    const membershipsChange = operation.add.length > 0 || operation.remove.length > 0;
    return {
        current,
        names: resultingNames(current, operation.fields),
        memberships: membershipsChange
            ? toWire(resultingGroups(current.groups, operation.add, operation.remove))
            : undefined,
    };
}
/**
 * One site's directory from its users listing and its groups (v1) or roles (v2) listing, both
 * requested at once, as ever. Each user is mapped to the directory's user as it is checked
 * (client.ts `listAll` with `keep`), so a site's one-answer listing of 100,000 users is never held
 * as raw objects, checked users and directory users at once. The mapping names memberships through
 * the groups, so it waits for them: the users listing checks each page's envelope as it arrives,
 * then checks and maps the page's items once the groups are in.
 *
 * Why not read the groups first: that adds the groups' round trip to every read. Why waiting costs
 * (next to) nothing: the groups list is short and the users answer long, so the groups are
 * usually in first; when not, the users page waits that long as parsed JSON, as it waited for
 * `Promise.all` before, and only a paged listing's next request goes out that much later.
 */
async function readDirectory(listUsers, groups, self) {
    const mapping = groups.then(directoryMapping);
    const toUser = mapping.then((made) => made.toUser);
    // A groups listing that fails is reported by Promise.all through `mapping`; a users listing that
    // fails before it waits for `toUser` leaves it unawaited.
    toUser.catch(() => undefined);
    const [users, made] = await Promise.all([listUsers(toUser), mapping]);
    return { users, groups: made.groups, self };
}
/** `access` of the groups Roster creates: the least a group grants (ASSUMPTION GROUP_CREATE_BODY). */
const CREATED_GROUP_ACCESS = "View";
/** Non-RBAC sites: v1 users keyed by email, groups by name (docs/vendors/periscope.md#v1-users-and-groups). */
function createV1Family(client, invitedBy) {
    return {
        api: "v1",
        groupNoun: "group",
        async read(onPage, needs) {
            const groups = needs.then((needed) => (isNeeded(needed.groups) ? client.groups.list() : []));
            return readDirectory((keep) => client.users.list(onPage, keep), groups, invitedBy);
        },
        startRun(directory, options) {
            const writeOptions = { testMode: options.testMode };
            const spelling = new Map(directory.groups.map((group) => [nameKey(group.name), group.name]));
            const usersById = new Map(directory.users.map((user) => [user.id, user]));
            // Send the site's own spelling of a group name; leave out groups a check cannot see yet.
            const wireGroups = (names) => names
                .filter((name) => !options.omitGroups.has(nameKey(name)))
                .map((name) => spelling.get(nameKey(name)) ?? name);
            return {
                async createGroup(name) {
                    // ASSUMPTION GROUP_CREATE_BODY: the fields the vendor's samples send.
                    const created = await client.groups.create({ name, access: CREATED_GROUP_ACCESS, created_by_email: invitedBy }, writeOptions);
                    spelling.set(nameKey(name), created?.name ?? name);
                },
                async createUser(user) {
                    await client.users.create(toV1CreateBody(user, wireGroups(user.groups), invitedBy), writeOptions);
                },
                async updateUser(operation) {
                    // V1 addresses a user by email (ASSUMPTION V1_UPDATE).
                    const { current, names, memberships } = resolveUpdate(usersById, operation, wireGroups);
                    await client.users.update(current.email, toV1UpdateBody(names, memberships), writeOptions);
                },
                async deleteUser(operation) {
                    const current = usersById.get(operation.userId);
                    await client.users.delete(current?.email ?? operation.email, writeOptions);
                },
                async userExists(email) {
                    const found = await client.users.get(email);
                    return found !== undefined && directory_normaliseEmail(found.email) === directory_normaliseEmail(email);
                },
                async groupExists(name) {
                    const groups = await client.groups.list();
                    return groups.some((group) => nameKey(group.name) === nameKey(name));
                },
            };
        },
    };
}
/** Description given to roles Roster creates (the API requires the field, docs/vendors/periscope.md#v2-users-and-roles). */
const CREATED_ROLE_DESCRIPTION = "Created by Roster from users.csv";
/**
 * RBAC sites: v2 users by id, roles by id (docs/vendors/periscope.md#v2-users-and-roles). The file names roles; Roster
 * resolves names to ids itself from the roles list.
 */
function createV2Family(client, invitedBy) {
    // ASSUMPTION IDS: remember each role id as the server typed it, to send it back the same way.
    const rawIds = new Map();
    const wireId = (id) => rawIds.get(id) ?? (/^\d+$/.test(id) ? Number(id) : id);
    return {
        api: "v2",
        groupNoun: "role",
        async read(onPage, needs) {
            const roles = needs.then((needed) => (isNeeded(needed.groups) ? client.roles.list() : []));
            const directory = await readDirectory((keep) => client.users.list(onPage, keep), roles, invitedBy);
            for (const role of await roles)
                rawIds.set(role.id, role.rawId);
            return directory;
        },
        startRun(directory, options) {
            const writeOptions = { testMode: options.testMode };
            const roleIds = new Map(directory.groups.map((role) => [nameKey(role.name), wireId(role.id)]));
            const usersById = new Map(directory.users.map((user) => [user.id, user]));
            const idsFor = (names) => names
                .filter((name) => !options.omitGroups.has(nameKey(name)))
                .map((name) => {
                const id = roleIds.get(nameKey(name));
                if (id !== undefined)
                    return id;
                // A role the user holds that the roles list omits is shown by its id (mapping.refName);
                // keep it as it is.
                if (/^\d+$/.test(name))
                    return Number(name);
                throw new UnresolvedChangeError(`Role "${name}" does not exist on this site`);
            });
            return {
                async createGroup(name) {
                    const created = await client.roles.create({
                        name,
                        description: CREATED_ROLE_DESCRIPTION,
                        created_by_email: invitedBy,
                        privileges: [],
                        permissions: [],
                    }, writeOptions);
                    if (options.testMode)
                        return;
                    const role = created ?? (await client.roles.list()).find((item) => nameKey(item.name) === nameKey(name));
                    if (role !== undefined) {
                        rawIds.set(role.id, role.rawId);
                        roleIds.set(nameKey(name), role.rawId);
                    }
                },
                async createUser(user) {
                    await client.users.create(toV2CreateBody(user, idsFor(user.groups), invitedBy), writeOptions);
                },
                async updateUser(operation) {
                    const { names, memberships } = resolveUpdate(usersById, operation, idsFor);
                    await client.users.update(operation.userId, toV2UpdateBody(names, memberships), writeOptions);
                },
                async deleteUser(operation) {
                    await client.users.delete(operation.userId, writeOptions);
                },
                async userExists(email) {
                    const emails = await client.users.list(undefined, (user) => directory_normaliseEmail(user.email));
                    return emails.includes(directory_normaliseEmail(email));
                },
                async groupExists(name) {
                    const roles = await client.roles.list();
                    const role = roles.find((item) => nameKey(item.name) === nameKey(name));
                    // A role created by a request whose answer was lost: remember its id, so the users
                    // joining it later in this run can be sent (test "puts new users in a group whose create answer was lost", reliability/periscope-regressions.test.ts).
                    if (role !== undefined && !options.testMode) {
                        rawIds.set(role.id, role.rawId);
                        roleIds.set(nameKey(name), role.rawId);
                    }
                    return role !== undefined;
                },
            };
        },
    };
}
//# sourceMappingURL=site-family.js.map
;// CONCATENATED MODULE: ../core/dist/vendors/periscope/transport.js


/**
 * The shared HTTP client configured for one site: the partner-auth header (docs/vendors/periscope.md#auth-and-hosts), the
 * key and the whole header value registered as secrets, and in plan mode a read-only guard whose
 * only exception is the vendor's own dry run, `test_mode=true` in the final URL.
 */
function createPeriscopeHttp(site, mode, logger, overrides = {}) {
    const authValue = `${site.site}:${site.apiKey}`;
    return createHttpClient({
        baseUrl: site.baseUrl,
        mode: mode === "plan" ? "read-only" : "read-write",
        allowInReadOnly: allowTestModeQuery(TEST_MODE_PARAM),
        auth: { headers: async () => ({ [PARTNER_AUTH_HEADER]: authValue }) },
        secrets: [site.apiKey, authValue],
        logger,
        ...overrides,
    });
}
//# sourceMappingURL=transport.js.map
;// CONCATENATED MODULE: ../core/dist/vendors/periscope/vendor.js









/** One Periscope site as a Roster vendor; `target` is the site name. */
function createSiteVendor(parts) {
    const { settings, family, counter } = parts;
    const redact = createRedactor([settings.apiKey, `${settings.site}:${settings.apiKey}`]);
    return {
        id: "periscope",
        target: settings.site,
        capabilities: periscopeCapabilities(family.groupNoun),
        async read(context) {
            const needed = awaitReadNeeds(context.needs);
            const read = await family.read((done) => context.onProgress?.({ phase: "read", done }), needed);
            const needs = await needed;
            const directory = context.needs === undefined ? read : { ...read, read: needs };
            // A site has at least the admin that invitations name: a listing of nobody went wrong (reliability/periscope-corrupt-reads.test.ts).
            if (directory.users.length === 0) {
                throw incompleteListing("Periscope", { method: "GET", path: family.api === "v1" ? "/api/v1/users" : "/api/v2/users" }, "no users at all, not even the site's admin");
            }
            // Users who hold groups or roles while the listing of them is empty: the listing went wrong
            // (an empty list would turn every membership into an unknown one, and exact groups into removals).
            // Unless they were not read: the plan needs no groups (plan/read-needs.ts).
            if (isNeeded(needs.groups) &&
                directory.groups.length === 0 &&
                directory.users.some((user) => user.groups.length > 0)) {
                throw incompleteListing("Periscope", { method: "GET", path: family.api === "v1" ? "/api/v1/groups" : "/api/v1/roles" }, `no ${family.groupNoun}s at all, while users hold some`);
            }
            context.logger.debug(`periscope ${settings.site} (${family.api}): ${directory.users.length} users, ${directory.groups.length} ${family.groupNoun}s`);
            return directory;
        },
        async check(plan, directory, context) {
            const before = counter.count;
            const omitGroups = new Set(plan.changes.flatMap((change) => (change.kind === "create-group" ? [nameKey(change.group)] : [])));
            const run = family.startRun(directory, { testMode: true, omitGroups });
            const outcomes = new Map();
            await runOperations(run, buildOperations(plan), { testMode: true, redact, logger: context.logger }, {
                stopped: false,
                sequential: false,
                settle(indexes, outcome) {
                    for (const index of indexes)
                        outcomes.set(index, outcome);
                    context.onProgress?.({ phase: "check", done: outcomes.size, total: plan.changes.length });
                },
            });
            const rejections = [...outcomes.entries()]
                .filter(([, outcome]) => outcome.status === "failed")
                .sort(([a], [b]) => a - b)
                .map(([index, outcome]) => {
                const failed = outcome;
                return { index, message: failed.message, ...(failed.code !== undefined && { code: failed.code }) };
            });
            return { rejections, requests: counter.count - before };
        },
        async apply(plan, directory, session) {
            const run = family.startRun(directory, { testMode: false, omitGroups: new Set() });
            await runOperations(run, buildOperations(plan), { testMode: false, redact, logger: session.logger }, session);
        },
        close: parts.close,
    };
}
/**
 * One Vendor per site named in PERISCOPE_SITE, each with its own key and API family; plans and reports are per site (`target` = site name).
 */
function createPeriscopeVendors(settings, options, overrides = {}) {
    return parsePeriscopeSettings(settings).map((site) => {
        const http = createPeriscopeHttp(site, options.mode, options.logger, overrides);
        const counter = { count: 0 };
        const counted = countRequests(http, counter);
        const family = site.api === "v1"
            ? createV1Family(createPeriscopeV1Client(counted), site.invitedBy)
            : createV2Family(createPeriscopeV2Client(counted), site.invitedBy);
        return createSiteVendor({
            settings: site,
            family,
            counter,
            close: () => http.close(),
        });
    });
}
const periscopeVendor = {
    id: "periscope",
    secretSettings: [PERISCOPE_SETTINGS.apiKey],
    // Before settings are read the family is unknown: v1 sites have groups, RBAC sites roles.
    capabilities: periscopeCapabilities("group or role"),
    create: (settings, options) => createPeriscopeVendors(settings, options),
};
//# sourceMappingURL=vendor.js.map
;// CONCATENATED MODULE: ../core/dist/vendors/periscope/index.js
// Periscope Data / Sisense for Cloud Data Teams: vendor module, clients, assumptions (the simulator ships through `@roster/core/testing`).





//# sourceMappingURL=index.js.map
;// CONCATENATED MODULE: ../core/dist/vendors/sigma/mapping.js
/**
 * Pure conversions between Sigma's wire objects and Roster's model. No I/O.
 */
/**
 * Built-in account types, most access first (docs/vendors/sigma.md#account-types: legacy names "admin", "author", "creator",
 * "explorer", "viewer"; "author" is the older name of "creator"). Custom types have no rank.
 */
const ROLE_RANKS = {
    admin: 4,
    creator: 3,
    author: 3,
    explorer: 2,
    viewer: 1,
};
/** Used when `GET /v2/accountTypes` is refused (it needs Admin credentials, docs/vendors/sigma.md#account-types). */
const LEGACY_ACCOUNT_TYPES = ["admin", "creator", "explorer", "viewer"];
function rankSigmaRole(role) {
    return ROLE_RANKS[role.trim().toLowerCase()];
}
/** A member is "deactivated" when Sigma archived it, or SCIM marked it inactive (docs/vendors/sigma.md#members). */
function isDeactivated(member) {
    return member.isArchived === true || member.isInactive === true;
}
function sigma_mapping_toCurrentUser(member, teams, attributes) {
    return {
        id: member.memberId,
        email: member.email,
        // Sigma requires names on create, but an invited user may still have empty ones.
        ...(member.firstName ? { firstName: member.firstName } : {}),
        ...(member.lastName ? { lastName: member.lastName } : {}),
        ...(member.memberType ? { role: member.memberType } : {}),
        status: isDeactivated(member) ? "deactivated" : "active",
        groups: teams,
        attributes,
    };
}
function sigma_mapping_toCurrentGroup(team) {
    return { id: team.teamId, name: team.name };
}
/** Account type names as the org spells them; `memberType` takes the name, not the id (docs/vendors/sigma.md#account-types). */
function toRoleNames(types) {
    return types.map((type) => type.accountTypeName);
}
/** The org's spelling of `role` (account types match case-insensitively client-side, docs/vendors/sigma.md#account-types). */
function resolveRoleName(role, known) {
    const wanted = role.trim().toLowerCase();
    return known?.find((name) => name.toLowerCase() === wanted) ?? role;
}
function toAttributeValue(value) {
    return { type: "string", val: value };
}
/** `POST /v2/members` body. Blank names are sent as "" so Sigma answers with its own 400. */
function toCreateMemberBody(user, teamIds, knownRoles) {
    return {
        email: user.emailAsWritten,
        firstName: user.firstName ?? "",
        lastName: user.lastName ?? "",
        ...(user.role !== undefined ? { memberType: resolveRoleName(user.role, knownRoles) } : {}),
        ...(teamIds.length > 0 ? { addToTeams: teamIds.map((teamId) => ({ teamId })) } : {}),
    };
}
/** One merged `PATCH /v2/members/{id}` body for a user's field updates, rename and reactivation. */
function toUpdateMemberBody(parts, knownRoles) {
    const body = {};
    for (const change of parts.fields ?? []) {
        if (change.field === "firstName")
            body.firstName = change.to;
        else if (change.field === "lastName")
            body.lastName = change.to;
        else if (change.field === "role")
            body.memberType = resolveRoleName(change.to, knownRoles);
    }
    if (parts.newEmail !== undefined)
        body.email = parts.newEmail;
    if (parts.reactivate === true) {
        body.isArchived = false;
        // A SCIM-inactive member stays inactive unless that flag is cleared too (docs/vendors/sigma.md#members `isInactive`).
        if (parts.wasInactive === true)
            body.isInactive = false;
    }
    return body;
}
//# sourceMappingURL=mapping.js.map
;// CONCATENATED MODULE: ../core/dist/vendors/sigma/capabilities.js

const UPDATABLE_FIELDS = ["firstName", "lastName", "role"];
/**
 * What Sigma supports (docs/vendors/sigma.md): teams (created on demand), account types ranked
 * admin > creator (= author) > explorer > viewer, user attributes, email changes, deactivation
 * and reactivation. Members cannot be deleted, only deactivated (docs/vendors/sigma.md#members), and Sigma has no
 * server-side dry run.
 */
const sigmaCapabilities = {
    groupNoun: "team",
    groupSeparators: [";"],
    createGroup: true,
    roles: true,
    roleRank: rankSigmaRole,
    attributes: true,
    renameEmail: true,
    deactivate: true,
    reactivate: true,
    deleteUser: false,
    absentUserActions: ["ignore", "remove-groups", "deactivate"],
    updatableFields: (_user) => UPDATABLE_FIELDS,
    isReservedGroup: () => false,
    serverCheck: false,
};
//# sourceMappingURL=capabilities.js.map
;// CONCATENATED MODULE: ../core/dist/vendors/sigma/settings.js


/** Setting names (environment variables in the CLI, mapped inputs in the Action; README.md#cli). */
const SIGMA_SETTING = {
    clientId: "SIGMA_CLIENT_ID",
    clientSecret: "SIGMA_CLIENT_SECRET",
    baseUrl: "SIGMA_BASE_URL",
    sendInvite: "SIGMA_SEND_INVITE",
};
/**
 * Shorthands for SIGMA_BASE_URL: the production hosts Sigma's own sample `utils.get_base_url`
 * knows (docs/vendors/sigma.md#base-urls). Every other region needs its full URL from Administration >
 * Developer Access.
 */
const SIGMA_BASE_URL_SHORTHANDS = {
    aws: "https://aws-api.sigmacomputing.com",
    gcp: "https://api.sigmacomputing.com",
    azure: "https://api.us.azure.sigmacomputing.com",
};
function sigma_settings_required(settings, name, what) {
    const value = settings[name]?.trim();
    if (value === undefined || value === "") {
        throw new errors_ConfigError(name, `${name} is not set: ${what}`, "CONFIG_MISSING");
    }
    return value;
}
function parseSigmaBaseUrl(raw) {
    const shorthand = SIGMA_BASE_URL_SHORTHANDS[raw.toLowerCase()];
    if (shorthand !== undefined)
        return shorthand;
    return parseUrlSetting(SIGMA_SETTING.baseUrl, raw, `Use your organisation's API host (Administration > Developer Access), e.g. https://aws-api.sigmacomputing.com, or one of: ${Object.keys(SIGMA_BASE_URL_SHORTHANDS).join(", ")}.`);
}
function parseBoolean(name, raw, fallback) {
    const value = raw?.trim().toLowerCase();
    if (value === undefined || value === "")
        return fallback;
    if (["true", "1", "yes", "on"].includes(value))
        return true;
    if (["false", "0", "no", "off"].includes(value))
        return false;
    throw new errors_ConfigError(name, `${name} must be true or false, got ${shownValue(raw ?? "")}.`);
}
/** Reads the Sigma settings; a missing or invalid one is a ConfigError naming the variable. */
function parseSigmaSettings(settings) {
    const clientId = sigma_settings_required(settings, SIGMA_SETTING.clientId, "the client ID of a Sigma API credential owned by an Admin");
    const clientSecret = sigma_settings_required(settings, SIGMA_SETTING.clientSecret, "the secret of that Sigma API credential");
    const baseUrl = parseSigmaBaseUrl(sigma_settings_required(settings, SIGMA_SETTING.baseUrl, `your organisation's API URL, or one of ${Object.keys(SIGMA_BASE_URL_SHORTHANDS).join(", ")}`));
    const sendInvite = parseBoolean(SIGMA_SETTING.sendInvite, settings[SIGMA_SETTING.sendInvite], true);
    return { clientId, clientSecret, baseUrl, sendInvite };
}
//# sourceMappingURL=settings.js.map
;// CONCATENATED MODULE: ../core/dist/vendors/sigma/apply-outcomes.js


/** Consecutive transport failures (no answer, retries exhausted) after which Sigma counts as down. */
const MAX_CONSECUTIVE_TRANSPORT_FAILURES = 3;
/**
 * Errors that end the whole run rather than one change: plan-mode writes, INTERNAL, and bugs
 * (anything not a CoreError). Rejected credentials are not among them: a 401 that survived
 * re-authentication fails its change and stops the apply (`MidApplyAuth`), so the report of what
 * was already applied is kept.
 */
function isFatal(error) {
    if (!isCoreError(error))
        return true;
    return error.code === "READ_ONLY_VIOLATION" || error.code === "INTERNAL";
}
function isTransportFailure(error) {
    return isHttpError(error) && (error.status === 0 || error.code === "HTTP_RETRIES_EXHAUSTED");
}
/** Sigma refused the credentials: a 401 after the HTTP layer re-authenticated once, or a refused token exchange. */
function isCredentialFailure(error) {
    return (isHttpError(error) && error.status === 401) || (isCoreError(error) && error.code === "CONFIG_INVALID");
}
/**
 * A write whose 200 answer Sigma's API does not give (an empty body, an HTML page, JSON without the
 * object): the request reached something, so the change may or may not have been made.
 */
function malformedAnswer(label, what) {
    return new CoreError("VENDOR_PROTOCOL", `Sigma answered ${label} with 200 but ${what}; the change may or may not have been made, and the next plan reads it back`);
}
/** The outcome for an error: failed with Sigma's own message, or unknown when the answer was lost or unreadable. */
function toOutcome(error) {
    if (isHttpError(error)) {
        const code = error.details.code ?? (error.status > 0 ? String(error.status) : error.code);
        const requestId = error.details.requestId === undefined ? {} : { requestId: error.details.requestId };
        // When the answer was lost the full message says so ("may have"): the outcome is unknown.
        if (error.ambiguous)
            return { status: "unknown", message: error.message, code, ...requestId };
        return { status: "failed", message: error.details.message ?? error.message, code, ...requestId };
    }
    if (isCoreError(error)) {
        if (error.code === "VENDOR_PROTOCOL")
            return { status: "unknown", message: error.message, code: error.code };
        return { status: "failed", message: error.message, code: error.code };
    }
    return { status: "failed", message: String(error) };
}
/**
 * Sigma's side of the apply bookkeeping, over the engine's session (engine/apply-plan.ts): turns
 * each request's result into outcomes for the changes it serves, and stops the apply when Sigma
 * stops answering or refuses the credentials. Stop-on-error, cancellation, "skipped" for what was
 * not attempted, counts and timing are the engine's.
 */
class OutcomeBook {
    session;
    transportFailures = 0;
    constructor(session) {
        this.session = session;
    }
    /** A change refused before any request (an unknown team): failed, unless the apply has stopped. */
    reject(indices, failure, followUp) {
        for (const index of indices) {
            const lead = followUp?.(index);
            // Once stopped, a change that never started stays unreported (the engine skips it); one that a
            // follow-up only completes keeps its applied outcome.
            if (this.session.stopped)
                continue;
            this.session.settle([index], lead === undefined ? failure : { ...failure, message: `${lead}: ${failure.message}` });
        }
    }
    skip(indices, reason) {
        this.session.settle(indices, { status: "skipped", reason });
    }
    /**
     * Runs one request on behalf of `indices`. A per-change rejection becomes a failed outcome, a lost
     * or unreadable answer an unknown one; a fatal error is rethrown. `followUp` marks indices whose
     * change is already applied and this request only completes it (a new member's attributes): their
     * failure message starts with the returned text, and once the run has stopped they stay applied.
     */
    async attempt(indices, run, followUp) {
        if (this.session.stopped)
            return false;
        try {
            await run();
        }
        catch (error) {
            if (isFatal(error))
                throw error;
            const outcome = toOutcome(error);
            for (const index of indices) {
                const lead = followUp?.(index);
                this.session.settle([index], lead === undefined ? outcome : { ...outcome, message: `${lead}: ${outcome.message}` });
            }
            if (isCredentialFailure(error)) {
                this.session.halt(`not attempted: Sigma refused the credentials during the apply (${outcome.message})`);
            }
            else if (isTransportFailure(error)) {
                this.transportFailures += 1;
                if (this.transportFailures >= MAX_CONSECUTIVE_TRANSPORT_FAILURES) {
                    this.session.halt(`not attempted: Sigma stopped answering (${outcome.message})`);
                }
            }
            else {
                this.transportFailures = 0;
            }
            return false;
        }
        this.transportFailures = 0;
        this.session.settle(indices, { status: "applied" });
        return true;
    }
}
//# sourceMappingURL=apply-outcomes.js.map
;// CONCATENATED MODULE: ../core/dist/vendors/sigma/wire-schemas.js

/**
 * zod schemas for the Sigma answers Roster reads, beside the wire types they check
 * (wire-types.ts). Only the fields Roster uses are checked; others are dropped as a page arrives.
 * Field names and nullability follow Sigma's published API reference:
 * https://help.sigmacomputing.com/reference/listmembers (members),
 * https://help.sigmacomputing.com/reference/listteams (teams and team members),
 * https://help.sigmacomputing.com/reference/listuserattributes (user attributes),
 * https://help.sigmacomputing.com/reference/listaccounttypes (account types),
 * https://help.sigmacomputing.com/reference/whoami (whoami).
 */
const id = schemas/* string */.YjP().min(1);
/**
 * Invited members may still have empty (or, defensively, null) names; the mapping reads all three as
 * no name. Not a transform to "" here: each zod transform allocates its own result per value, which
 * was 50 MB of garbage for the two names of 100,000 members (mapping.ts `toCurrentUser`).
 */
const wire_schemas_name = schemas/* string */.YjP().nullish();
/** `POST /v2/auth/token` (https://help.sigmacomputing.com/reference/posttoken): `expires_in` in seconds. */
const tokenSchema = schemas/* object */.Ikc({
    access_token: schemas/* string */.YjP().min(1),
    refresh_token: schemas/* string */.YjP().optional(),
    token_type: schemas/* string */.YjP().optional(),
    expires_in: schemas/* number */.aig().positive().optional(),
});
/** `GET /v2/whoami`: the identity Roster protects, so `userId` must be there, a non-empty string. */
const whoamiSchema = schemas/* object */.Ikc({ userId: id, organizationId: schemas/* string */.YjP().optional() });
const memberSchema = schemas/* object */.Ikc({
    memberId: id,
    email: schemas/* string */.YjP().min(1),
    firstName: wire_schemas_name,
    lastName: wire_schemas_name,
    memberType: schemas/* string */.YjP(),
    isArchived: schemas/* boolean */.zMY().optional(),
    isInactive: schemas/* boolean */.zMY().optional(),
});
const teamSchema = schemas/* object */.Ikc({ teamId: id, name: schemas/* string */.YjP().min(1) });
const teamMemberSchema = schemas/* object */.Ikc({ userId: id });
const userAttributeSchema = schemas/* object */.Ikc({ userAttributeId: id, name: schemas/* string */.YjP().min(1) });
const attributeAssignmentSchema = schemas/* object */.Ikc({
    userId: id,
    value: schemas/* object */.Ikc({ val: schemas/* string */.YjP() }),
});
const accountTypeSchema = schemas/* object */.Ikc({ accountTypeName: schemas/* string */.YjP().min(1) });
/**
 * The paged envelope every listing answers once `limit` is sent: `entries` and `nextPage` (null on
 * the last page), with `total` on the routes that count. A bare array (the legacy answer without
 * `limit`) is not accepted: Roster always sends `limit`, so a bare array is not the paged API.
 */
function sigmaPageSchema(entry) {
    return schemas/* object */.Ikc({
        entries: schemas/* array */.YOg(entry),
        nextPage: schemas/* string */.YjP().nullable(),
        total: schemas/* number */.aig().int().nonnegative().optional(),
    });
}
/** `GET /v2/accountTypes`: `nextPageToken` instead of `nextPage`, absent on the last page. */
const accountTypePageSchema = schemas/* object */.Ikc({
    entries: schemas/* array */.YOg(accountTypeSchema),
    nextPageToken: schemas/* string */.YjP().optional(),
});
//# sourceMappingURL=wire-schemas.js.map
;// CONCATENATED MODULE: ../core/dist/vendors/sigma/client.js


/** Largest page every Sigma list endpoint accepts (SIG-SPEC `limit`: "maximum of 1,000 per request"). */
const SIGMA_PAGE_LIMIT = 1000;
/** Ids per `PATCH /v2/teams/{id}/members`: the cap is undocumented (docs/vendors/sigma.md#teams [U]); 100 is the safe choice. */
const SIGMA_TEAM_PATCH_MAX_IDS = 100;
/** Assignments per user-attribute call: Sigma documents "Maximum 100 … per request" for team assignments (docs/vendors/sigma.md#user-attributes). */
const SIGMA_ATTRIBUTE_BATCH = 100;
const client_VENDOR = "Sigma";
/**
 * Sigma REST API v2, wire only: paths, paging, query names. No mapping, no policy.
 * Every listing sends `limit`, which switches `/v2/members` and `/v2/teams` from the legacy bare
 * array to the paged `{entries, nextPage}` envelope (SIG-SPEC note: "include the query parameter
 * `limit`"), and follows the opaque `nextPage` string until it is null.
 *
 * Every answer is checked against its schema (wire-schemas.ts) before use, and every listing
 * against the `total` its pages claim (reliability/sigma-corrupt-reads.test.ts): a bad answer is `VENDOR_PROTOCOL`, never "empty".
 */
function createSigmaClient(transport) {
    async function call(request, schema) {
        return parseWire(client_VENDOR, request, schema, await transport.send(request));
    }
    /**
     * Every entry of a listing. `keep` projects each entry as its page arrives, so a large listing
     * does not hold every raw object (a dozen fields per member) until the last page.
     */
    async function listAll(path, label, entry, query = {}, onPage, keep = (item) => item) {
        const all = [];
        const pageSchema = sigmaPageSchema(entry);
        const tracker = trackListing(client_VENDOR, { method: "GET", path });
        let page;
        for (;;) {
            const body = await call({ method: "GET", path, query: { ...query, limit: SIGMA_PAGE_LIMIT, page }, label }, pageSchema);
            const next = body.nextPage === null || body.nextPage === "" ? undefined : body.nextPage;
            tracker.page(body.entries.length, body.total, next);
            for (const item of body.entries)
                all.push(keep(item));
            onPage?.(all.length);
            if (next === undefined) {
                tracker.finish();
                return all;
            }
            page = next;
        }
    }
    return {
        /** The credentials' own identity (SIG-SPEC whoami); a missing or empty `userId` stops the run. */
        whoami: () => call({ method: "GET", path: "/v2/whoami", label: "whoami" }, whoamiSchema),
        /** Every member, archived (deactivated) and SCIM-inactive ones included (docs/vendors/sigma.md#how-roster-reads). */
        listMembers: (onPage, keep) => listAll("/v2/members", "members.list", memberSchema, { includeArchived: true, includeInactive: true }, onPage, keep),
        getMember: (memberId) => call({ method: "GET", path: `/v2/members/${encodeURIComponent(memberId)}`, label: "members.get" }, memberSchema),
        /** Members whose address matches; used to settle an ambiguous create (docs/vendors/sigma.md#errors-and-rate-limits: POST is not idempotent). */
        findMembersByEmail: (email) => listAll("/v2/members", "members.find", memberSchema, { email, includeArchived: true, includeInactive: true }),
        createMember: (body, sendInvite) => call({ method: "POST", path: "/v2/members", query: { sendInvite }, json: body, label: "members.create" }, memberSchema),
        updateMember: (memberId, body) => call({
            method: "PATCH",
            path: `/v2/members/${encodeURIComponent(memberId)}`,
            json: body,
            label: "members.update",
        }, memberSchema),
        listTeams: (onPage) => listAll("/v2/teams", "teams.list", teamSchema, {}, onPage),
        /** `name` is a search filter (SIG-SPEC teams); callers match the exact name themselves. */
        findTeamsByName: (name) => listAll("/v2/teams", "teams.find", teamSchema, { name }),
        listTeamMembers: (teamId, keep) => listAll(`/v2/teams/${encodeURIComponent(teamId)}/members`, "teams.members.list", teamMemberSchema, {}, undefined, keep ?? ((entry) => entry.userId)),
        createTeam: (body) => call({ method: "POST", path: "/v2/teams", json: body, label: "teams.create" }, teamSchema),
        patchTeamMembers: (teamId, body) => call({
            method: "PATCH",
            path: `/v2/teams/${encodeURIComponent(teamId)}/members`,
            json: body,
            label: "teams.members.update",
        }, anyJsonObject),
        listUserAttributes: () => listAll("/v2/user-attributes", "attributes.list", userAttributeSchema),
        listAttributeUsers: (attributeId) => listAll(`/v2/user-attributes/${encodeURIComponent(attributeId)}/users`, "attributes.users.list", attributeAssignmentSchema),
        assignAttribute: (attributeId, assignments) => call({
            method: "POST",
            path: `/v2/user-attributes/${encodeURIComponent(attributeId)}/users`,
            json: { assignments },
            // Setting the same values twice is harmless, so a lost answer may be retried.
            idempotent: true,
            label: "attributes.users.set",
        }, anyJsonObject),
        /** PATCH on `/users` "only supports deleting a user attribute assignment" (SIG-SPEC). */
        unassignAttribute: (attributeId, userIds) => call({
            method: "PATCH",
            path: `/v2/user-attributes/${encodeURIComponent(attributeId)}/users`,
            json: { delete: userIds.map((userId) => ({ userId })) },
            label: "attributes.users.delete",
        }, anyJsonObject),
        /** `GET /v2/accountTypes` pages with `pageToken`/`pageSize`/`nextPageToken`, unlike the rest (docs/vendors/sigma.md#account-types). */
        async listAccountTypes() {
            const all = [];
            const path = "/v2/accountTypes";
            const tracker = trackListing(client_VENDOR, { method: "GET", path });
            let pageToken;
            for (;;) {
                const body = await call({ method: "GET", path, query: { pageSize: SIGMA_PAGE_LIMIT, pageToken }, label: "accountTypes.list" }, accountTypePageSchema);
                all.push(...body.entries);
                const next = body.nextPageToken === "" ? undefined : body.nextPageToken;
                tracker.page(body.entries.length, undefined, next);
                if (next === undefined)
                    return all;
                pageToken = next;
            }
        },
    };
}
//# sourceMappingURL=client.js.map
;// CONCATENATED MODULE: ../core/dist/vendors/sigma/name-index.js
function createNameIndex(entries) {
    const exact = new Map();
    const loose = new Map();
    const index = {
        set(name, id) {
            exact.set(name, id);
            if (!loose.has(name.toLowerCase()))
                loose.set(name.toLowerCase(), id);
        },
        get: (name) => exact.get(name) ?? loose.get(name.toLowerCase()),
    };
    for (const [name, id] of entries)
        index.set(name, id);
    return index;
}
//# sourceMappingURL=name-index.js.map
;// CONCATENATED MODULE: ../core/dist/vendors/sigma/apply-batches.js




/**
 * The team and attribute writes answer with a small JSON body or none; Roster reads nothing from
 * it. Text that is not JSON (a proxy's HTML page served with 200) means the request may never have
 * reached Sigma, so the outcome is unknown rather than applied.
 */
function expectJsonOrEmpty(body, label) {
    if (typeof body === "string")
        throw malformedAnswer(label, "a body that is not JSON");
}
function apply_batches_chunk(items, size) {
    const chunks = [];
    for (let start = 0; start < items.length; start += size)
        chunks.push(items.slice(start, start + size));
    return chunks;
}
function push(map, key, value) {
    const list = map.get(key);
    if (list)
        list.push(value);
    else
        map.set(key, [value]);
}
const unique = (ops) => [...new Set(ops.map((op) => op.index))];
/**
 * Team membership: every add and remove of one team travels in `PATCH /v2/teams/{id}/members
 * {add, remove}`, at most 100 ids per call in total (docs/vendors/sigma.md#teams: the cap is undocumented, 100 is safe),
 * so 250 adds to one team cost 3 calls. A failed chunk fails each change with an id in it.
 *
 * Returns the team PATCHes, one function per call, not yet sent (so apply can run them beside
 * other independent requests). Changes that cannot be sent are settled right away.
 */
function membershipCalls(client, book, changes, teams, inactive) {
    const perTeam = new Map();
    for (const [index, change] of changes.entries()) {
        if (change.kind !== "add-to-groups" && change.kind !== "remove-from-groups")
            continue;
        const op = change.kind === "add-to-groups" ? "add" : "remove";
        if (inactive(change.userId)) {
            book.reject([index], {
                status: "failed",
                message: "Inactive members cannot be added or removed from a team.",
                code: "MEMBER_INACTIVE",
            });
            continue;
        }
        for (const group of change.groups)
            push(perTeam, group, { index, item: { op, userId: change.userId } });
    }
    // Every chunk of every team is one independent call.
    const calls = [];
    for (const [team, ops] of perTeam) {
        const teamId = teams.get(team);
        if (teamId === undefined) {
            book.reject(unique(ops), {
                status: "failed",
                message: `team "${team}" does not exist in Sigma`,
                code: "TEAM_NOT_FOUND",
            });
            continue;
        }
        // Adds first, then removes, each in plan order; a chunk may carry both.
        const ordered = [...ops.filter((op) => op.item.op === "add"), ...ops.filter((op) => op.item.op === "remove")];
        for (const part of apply_batches_chunk(ordered, SIGMA_TEAM_PATCH_MAX_IDS))
            calls.push({ teamId, part });
    }
    return calls.map(({ teamId, part }) => async () => {
        const add = part.filter((op) => op.item.op === "add").map((op) => op.item.userId);
        const remove = part.filter((op) => op.item.op === "remove").map((op) => op.item.userId);
        await book.attempt(unique(part), async () => expectJsonOrEmpty(await client.patchTeamMembers(teamId, {
            ...(add.length > 0 && { add }),
            ...(remove.length > 0 && { remove }),
        }), "PATCH /v2/teams/{teamId}/members"));
    });
}
/**
 * User attributes: per attribute, one `POST …/users {assignments}` per 100 values to set (new
 * members' values included) and one `PATCH …/users {delete}` per 100 values to unset (docs/vendors/sigma.md#user-attributes).
 */
async function applyAttributes(client, book, changes, created, index) {
    const sets = new Map();
    const unsets = new Map();
    const newMembers = new Set();
    for (const [position, change] of changes.entries()) {
        if (change.kind === "set-attribute") {
            push(sets, change.attribute, { index: position, item: { userId: change.userId, value: change.to } });
        }
        else if (change.kind === "unset-attribute") {
            push(unsets, change.attribute, { index: position, item: change.userId });
        }
        else if (change.kind === "create-user") {
            const userId = created.get(position);
            if (userId === undefined)
                continue;
            newMembers.add(position);
            for (const [name, value] of Object.entries(change.user.attributes)) {
                push(sets, name, { index: position, item: { userId, value } });
            }
        }
    }
    if (sets.size === 0 && unsets.size === 0)
        return;
    const attributeIds = await resolveAttributeIds(client, index);
    const followUp = (position) => newMembers.has(position) ? "member created, but setting its attributes failed" : undefined;
    for (const name of new Set([...sets.keys(), ...unsets.keys()])) {
        const id = attributeIds.get(name);
        const ops = [...(sets.get(name) ?? []), ...(unsets.get(name) ?? [])];
        if (id === undefined) {
            const failure = {
                status: "failed",
                message: `user attribute "${name}" does not exist in Sigma`,
                code: "ATTRIBUTE_NOT_FOUND",
            };
            book.reject(unique(ops), failure, followUp);
            continue;
        }
        for (const part of apply_batches_chunk(sets.get(name) ?? [], SIGMA_ATTRIBUTE_BATCH)) {
            const assignments = part.map((op) => ({ userId: op.item.userId, value: toAttributeValue(op.item.value) }));
            await book.attempt(unique(part), async () => expectJsonOrEmpty(await client.assignAttribute(id, assignments), "POST /v2/user-attributes/{id}/users"), followUp);
        }
        for (const part of apply_batches_chunk(unsets.get(name) ?? [], SIGMA_ATTRIBUTE_BATCH)) {
            await book.attempt(unique(part), async () => expectJsonOrEmpty(await client.unassignAttribute(id, part.map((op) => op.item)), "PATCH /v2/user-attributes/{id}/users"));
        }
    }
}
async function resolveAttributeIds(client, index) {
    const source = index?.attributeIdByName ??
        new Map((await client.listUserAttributes()).map((attribute) => [attribute.name, attribute.userAttributeId]));
    return createNameIndex(source);
}
//# sourceMappingURL=apply-batches.js.map
;// CONCATENATED MODULE: ../core/dist/vendors/sigma/concurrency.js
/**
 * Requests Roster keeps in flight at once against Sigma. Sigma documents rate limits only for the
 * token endpoint, exports, sends and downloads (docs/vendors/sigma.md#errors-and-rate-limits), none on members, teams or user
 * attributes; 8 matches the shared connection pool (http/shared-agent.ts). With 50 ms per request
 * this turns 10,000 one-at-a-time invitations from about 8 minutes into about 1.
 */
const SIGMA_CONCURRENCY = 8;
/** Runs `task` over `items` with at most `limit` running at once; resolves when all are done. */
async function concurrency_forEachBounded(items, limit, task) {
    let next = 0;
    let failed = false;
    const lane = async () => {
        // After a thrown (fatal) error the other lanes start nothing new.
        while (!failed && next < items.length) {
            const item = items[next++];
            try {
                await task(item);
            }
            catch (error) {
                failed = true;
                throw error;
            }
        }
    };
    await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, lane));
}
/** Maps with at most `limit` calls in flight, keeping the input order in the result. */
async function mapBounded(items, limit, task) {
    const results = new Array(items.length);
    const indexed = items.map((item, index) => ({ item, index }));
    await concurrency_forEachBounded(indexed, limit, async ({ item, index }) => {
        results[index] = await task(item);
    });
    return results;
}
//# sourceMappingURL=concurrency.js.map
;// CONCATENATED MODULE: ../core/dist/vendors/sigma/apply.js








/**
 * Applies a plan in its order (groups before the users that join them, deactivations last, so a
 * member leaves teams while still active: "Inactive members cannot be added or removed", docs/vendors/sigma.md#teams),
 * reporting one outcome per change to the engine's session. Requests: one per new team, one per
 * new member, one merged PATCH per existing member with field/rename/reactivation changes, one
 * team PATCH per 100 ids per team, one attribute call per 100 assignments per attribute, one
 * PATCH per deactivation.
 */
async function applySigmaPlan(deps, plan, directory, session) {
    const { client } = deps;
    const changes = plan.changes;
    const book = new OutcomeBook(session);
    const byKind = (kind) => changes.flatMap((change, index) => (change.kind === kind ? [[index, change]] : []));
    const teams = createNameIndex(directory.groups.map((group) => [group.name, group.id]));
    // Requests on different members are independent; with stop-on-error nothing may follow a failure,
    // so then they go one at a time.
    const lanes = session.sequential ? 1 : SIGMA_CONCURRENCY;
    for (const [index, change] of byKind("create-group")) {
        await book.attempt([index], async () => teams.set(change.group, await createTeam(client, change.group)));
    }
    // New members: one POST each, joining their teams in the same request (`addToTeams`).
    const created = new Map();
    await concurrency_forEachBounded(byKind("create-user"), lanes, async ([index, change]) => {
        const missing = change.user.groups.filter((name) => teams.get(name) === undefined);
        if (missing.length > 0) {
            book.reject([index], {
                status: "failed",
                message: `team "${missing.join('", "')}" does not exist in Sigma`,
                code: "TEAM_NOT_FOUND",
            });
            return;
        }
        const teamIds = change.user.groups.map((name) => teams.get(name) ?? "");
        const body = toCreateMemberBody(change.user, teamIds, directory.roles);
        await book.attempt([index], async () => {
            created.set(index, (await createMember(client, body, deps.sendInvite)).memberId);
        });
    });
    // Existing members: rename, field updates and reactivation merged into one PATCH per member.
    const perMember = new Map();
    for (const [index, change] of changes.entries()) {
        if (change.kind === "rename-email" || change.kind === "update-user" || change.kind === "reactivate-user") {
            perMember.set(change.userId, [...(perMember.get(change.userId) ?? []), index]);
        }
    }
    const reactivated = new Set();
    const patchMember = async ([memberId, indices]) => {
        const parts = indices.map((index) => changes[index]);
        const body = toUpdateMemberBody({
            fields: parts.flatMap((change) => (change?.kind === "update-user" ? change.fields : [])),
            ...firstDefined(parts.map((change) => (change?.kind === "rename-email" ? { newEmail: change.toAsWritten } : undefined))),
            reactivate: parts.some((change) => change?.kind === "reactivate-user"),
            wasInactive: deps.index?.membersById.get(memberId)?.isInactive === true,
        }, directory.roles);
        if (Object.keys(body).length === 0) {
            book.skip(indices, "nothing Sigma can update");
            return;
        }
        const updated = await book.attempt(indices, () => updateMember(client, memberId, body));
        if (updated && body.isArchived === false)
            reactivated.add(memberId);
    };
    // Sigma refuses the whole team PATCH if one id is inactive (docs/vendors/sigma.md#teams), so such changes are refused
    // here, alone, instead of failing up to 99 others in the same chunk.
    const inactive = (memberId) => {
        const member = deps.index?.membersById.get(memberId);
        return member !== undefined && isDeactivated(member) && !reactivated.has(memberId);
    };
    const patches = [...perMember].map((entry) => () => patchMember(entry));
    if (changes.some((change) => change.kind === "reactivate-user")) {
        // A reactivated member may only join teams once its PATCH has landed.
        await concurrency_forEachBounded(patches, lanes, (call) => call());
        await concurrency_forEachBounded(membershipCalls(client, book, changes, teams, inactive), lanes, (call) => call());
    }
    else {
        // Member PATCHes and team PATCHes touch different things: one pool for both.
        const calls = [...patches, ...membershipCalls(client, book, changes, teams, inactive)];
        await concurrency_forEachBounded(calls, lanes, (call) => call());
    }
    await applyAttributes(client, book, changes, created, deps.index);
    // Deactivation last. PATCH isArchived:true, as Sigma's batch_update_users.py does (docs/vendors/sigma.md#bulk-update-sample), rather
    // than DELETE, which also moves the member's documents to the API credential's owner (docs/vendors/sigma.md#members).
    await concurrency_forEachBounded(byKind("deactivate-user"), lanes, async ([index, change]) => {
        await book.attempt([index], () => updateMember(client, change.userId, { isArchived: true }));
    });
    await concurrency_forEachBounded(byKind("create-user"), lanes, async ([index, change]) => {
        const memberId = created.get(index);
        if (change.user.status !== "deactivated" || memberId === undefined)
            return;
        await book.attempt([index], () => updateMember(client, memberId, { isArchived: true }), () => "member created, but deactivating it failed");
    });
    book.skip(byKind("delete-user").map(([index]) => index), "Sigma cannot delete members; deactivate them instead");
}
function firstDefined(values) {
    return values.find((value) => value !== undefined) ?? {};
}
/**
 * Rounds of "look up, then try again" after a lost answer. A timed-out create may still be in
 * flight at Sigma when the first lookup runs, so one round is not enough (test "finds out about a create whose answer was lost twice, instead of reporting it failed", reliability/sigma-regressions.test.ts).
 */
const CREATE_ROUNDS = 4;
/**
 * Creates something Sigma keys by name or email with `POST`, which is not idempotent (docs/vendors/sigma.md#errors-and-rate-limits). When an
 * answer is lost (`ambiguous`: dropped connection, timeout, a 5xx other than 503) it looks the
 * object up before trying again, so a retry never duplicates it; a 409 on a retry means an earlier
 * attempt landed meanwhile, so it looks again. If every round is ambiguous the failure says plainly
 * that Sigma may have acted, and the next plan (which reads first) settles it.
 */
async function createOnce(create, find, what, 
/** Whether a 409 on the first try also means "it exists, which is the goal" (a team, not a member). */
firstConflictIsDone) {
    let lost;
    for (let round = 1;; round++) {
        try {
            return await create();
        }
        catch (error) {
            const conflict = isHttpError(error) && error.status === 409 && (lost !== undefined || firstConflictIsDone);
            if (!isHttpError(error) || !(error.ambiguous || conflict))
                throw lost ? mayHaveCreated(lost, what) : error;
            if (error.ambiguous)
                lost = error;
            let found;
            try {
                found = await find();
            }
            catch (lookup) {
                // The lookup failed too: the truth is unknown, and the failure must say so.
                throw lost ? mayHaveCreated(lost, what) : lookup;
            }
            if (found !== undefined)
                return found;
            if (conflict || round >= CREATE_ROUNDS)
                throw lost ? mayHaveCreated(lost, what) : error;
        }
    }
}
/** The lost answer's error, saying plainly that Sigma may have acted. */
function mayHaveCreated(error, what) {
    return new HttpError({
        code: error.code,
        method: error.method,
        url: error.url,
        status: error.status,
        statusText: error.statusText,
        details: error.details,
        body: error.body,
        attempts: error.attempts,
        ambiguous: true,
        reason: `${error.details.message ?? error.message} – the answer was lost, so Sigma may have created ${what}; the next plan reads it back`,
    });
}
async function createMember(client, body, sendInvite) {
    const wanted = directory_normaliseEmail(body.email);
    const find = async () => (await client.findMembersByEmail(body.email)).find((member) => directory_normaliseEmail(member.email) === wanted);
    let answer;
    try {
        answer = await createOnce(() => client.createMember(body, sendInvite), find, "the member", false);
    }
    catch (error) {
        // The client checks the answer against its schema, so a 200 without the member (empty body,
        // HTML, other JSON) arrives as VENDOR_PROTOCOL: look the member up below rather than guess.
        if (!isCoreError(error) || error.code !== "VENDOR_PROTOCOL")
            throw error;
    }
    if (hasStringId(answer, "memberId"))
        return answer;
    // A 200 without the member (empty body, HTML, other JSON): look it up rather than guess.
    const found = await find().catch(() => undefined);
    if (found !== undefined && hasStringId(found, "memberId"))
        return found;
    throw malformedAnswer("POST /v2/members", "no member in the body, and it cannot be found by email");
}
/**
 * `PATCH /v2/members/{id}`: Roster reads nothing from the answer (the reference does not describe
 * it), but text that is not JSON means the request may not have reached Sigma: unknown then.
 */
async function updateMember(client, memberId, body) {
    expectJsonOrEmpty(await client.updateMember(memberId, body), "PATCH /v2/members/{memberId}");
}
function hasStringId(value, key) {
    return typeof value === "object" && value !== null && typeof value[key] === "string";
}
/**
 * `POST /v2/teams`, with the same lookup-before-retry when the answer is lost. A 409 means the team
 * appeared since the read (another admin, an earlier partial run): it exists, which is the goal.
 */
async function createTeam(client, name) {
    const find = async () => (await client.findTeamsByName(name)).find((found) => found.name.toLowerCase() === name.toLowerCase());
    const answer = await createOnce(() => client.createTeam({ name }), find, "the team", true);
    if (hasStringId(answer, "teamId"))
        return answer.teamId;
    const found = await find().catch(() => undefined);
    if (found !== undefined && hasStringId(found, "teamId"))
        return found.teamId;
    throw malformedAnswer("POST /v2/teams", "no team in the body, and it cannot be found by name");
}
//# sourceMappingURL=apply.js.map
;// CONCATENATED MODULE: ../core/dist/vendors/sigma/read.js





// Shared by every member without teams or attributes (read-only to everything downstream).
const NO_TEAMS = Object.freeze([]);
const read_NO_ATTRIBUTES = Object.freeze({});
/**
 * Reads the organisation in as few calls as the API allows (docs/vendors/sigma.md#how-roster-reads):
 * whoami (1) and members with limit=1000 incl. archived and inactive (ceil(N/1000)) always; then
 * only what `context.needs` asks for (plan/read-needs.ts): account types (1) for a `role` column,
 * teams (ceil(T/1000)) and the members of each team the plan manages (1 per team up to 1000
 * members: those the file names, or all under `group-scope: exact`), user attributes (1) and the
 * assignments of each attribute the file has a column for (1 per attribute up to 1000 users).
 * Given no needs, it reads everything.
 *
 * The member pages follow an opaque cursor, so they go one after another and start at once;
 * everything else waits for the needs (known once users.csv is parsed) and then runs beside them
 * (up to SIGMA_CONCURRENCY requests in flight), so a large org's read costs about its member pages
 * and not the sum of every listing.
 */
async function readSigmaDirectory(client, context) {
    const progress = (done) => context.onProgress?.({ phase: "read", done });
    const needed = awaitReadNeeds(context.needs);
    needed.catch(() => undefined); // awaited below; the engine reports a file it could not read
    // The member chain takes one lane; the other listings share the rest.
    const lanes = Math.max(1, SIGMA_CONCURRENCY - 1);
    const readTeams = async () => {
        const { groups } = await needed;
        if (!isNeeded(groups))
            return { teams: [], read: [], entries: [] };
        const teams = await client.listTeams();
        // Only the teams whose membership the plan manages: a file naming 2 of 40 teams reads 2.
        const read = teams.filter((team) => needsName(groups, team.name));
        const entries = await mapBounded(read, lanes, (team) => {
            context.signal?.throwIfAborted();
            return client.listTeamMembers(team.teamId, (entry) => entry.userId);
        });
        return { teams, read, entries };
    };
    const readAttributes = async () => {
        const { attributes: need } = await needed;
        if (!isNeeded(need))
            return { attributes: [], read: [], assignments: [] };
        const attributes = await client.listUserAttributes();
        const read = attributes.filter((attribute) => needsName(need, attribute.name));
        const assignments = await mapBounded(read, lanes, (attribute) => {
            context.signal?.throwIfAborted();
            return client.listAttributeUsers(attribute.userAttributeId);
        });
        return { attributes, read, assignments };
    };
    const accountTypes = needed.then((needs) => needs.roles
        ? client.listAccountTypes().then((types) => ({ types }), (error) => ({ error }))
        : undefined);
    accountTypes.catch(() => undefined); // fails only with `needed`, which the Promise.all below reports
    // Each member becomes its directory user as its page arrives (teams and attribute values are
    // filled in below, once their listings are read): no second list of every member is kept.
    const deactivated = new Map();
    const listed = (member) => {
        if (isDeactivated(member)) {
            deactivated.set(member.memberId, {
                isArchived: member.isArchived === true,
                isInactive: member.isInactive === true,
            });
        }
        return sigma_mapping_toCurrentUser(member, NO_TEAMS, read_NO_ATTRIBUTES);
    };
    const [whoami, users, teamRead, attributeRead, needs] = await Promise.all([
        client.whoami(),
        client.listMembers(progress, listed),
        readTeams(),
        readAttributes(),
        needed,
    ]);
    // Every organisation has at least the admin who made the credentials: an empty listing of
    // members (archived ones included) is a listing that went wrong, not an empty org (reliability/sigma-corrupt-reads.test.ts).
    if (users.length === 0) {
        throw incompleteListing("Sigma", { method: "GET", path: "/v2/members" }, "no members at all, not even an admin");
    }
    const typesAnswer = await accountTypes;
    const roles = typesAnswer === undefined ? undefined : readRoles(typesAnswer, users, context);
    const { teams } = teamRead;
    const teamsByMember = new Map();
    teamRead.read.forEach((team, position) => {
        for (const userId of teamRead.entries[position] ?? []) {
            const list = teamsByMember.get(userId) ?? [];
            list.push(team.name);
            teamsByMember.set(userId, list);
        }
    });
    const { attributes } = attributeRead;
    const attributesByMember = new Map();
    attributeRead.read.forEach((attribute, position) => {
        for (const assignment of attributeRead.assignments[position] ?? []) {
            const values = attributesByMember.get(assignment.userId) ?? {};
            values[attribute.name] = assignment.value.val;
            attributesByMember.set(assignment.userId, values);
        }
    });
    const lists = new SharedGroupLists();
    for (const user of users) {
        const teamNames = teamsByMember.get(user.id);
        if (teamNames !== undefined)
            user.groups = lists.share(teamNames);
        const values = attributesByMember.get(user.id);
        if (values !== undefined)
            user.attributes = values;
    }
    // whoami has no email (SIG-SPEC whoami: userId, organizationId); the listing has it, or one GET.
    // whoami itself was checked by its schema: the identity protected below is known for sure, or
    // the read stopped with VENDOR_PROTOCOL before anything was planned (reliability/sigma-corrupt-reads.test.ts).
    const self = users.find((user) => user.id === whoami.userId)?.email ?? (await lookUpEmail(client, whoami.userId));
    const directory = {
        users,
        groups: teams.map(sigma_mapping_toCurrentGroup),
        ...(isNeeded(needs.attributes) && { attributes: attributes.map((attribute) => attribute.name) }),
        ...(roles !== undefined && { roles }),
        ...(self !== undefined && { self }),
        ...(context.needs !== undefined && { read: needs }),
    };
    return {
        directory,
        index: {
            membersById: deactivated,
            attributeIdByName: new Map(attributes.map((attribute) => [attribute.name, attribute.userAttributeId])),
            roles,
        },
    };
}
/** The credentials' owner when the listing lacks it (an embed or service user); unknown if refused. */
async function lookUpEmail(client, memberId) {
    try {
        return (await client.getMember(memberId)).email;
    }
    catch (error) {
        if (isHttpError(error) && (error.status === 403 || error.status === 404))
            return undefined;
        throw error;
    }
}
/**
 * `GET /v2/accountTypes` needs Admin credentials (docs/vendors/sigma.md#account-types). When it is refused (403/404: older orgs,
 * non-admin keys), fall back to the legacy built-in names plus every type a member already has, so
 * custom types in use still validate; a type nobody holds yet is then reported as unknown.
 */
function readRoles(answer, users, context) {
    if ("types" in answer)
        return toRoleNames(answer.types);
    const error = answer.error;
    if (!isHttpError(error) || (error.status !== 403 && error.status !== 404))
        throw error;
    context.logger.warn(`Sigma refused to list account types (${error.status}); using the built-in names and those members already have.`);
    const names = new Map();
    for (const name of [...LEGACY_ACCOUNT_TYPES, ...users.map((user) => user.role)]) {
        if (name && !names.has(name.toLowerCase()))
            names.set(name.toLowerCase(), name);
    }
    return [...names.values()];
}
//# sourceMappingURL=read.js.map
;// CONCATENATED MODULE: ../core/dist/vendors/sigma/auth.js




/** The token exchange path: the one non-GET request allowed in plan mode (README.md#safety). */
const SIGMA_TOKEN_PATH = "/v2/auth/token";
/**
 * OAuth client credentials for Sigma (docs/vendors/sigma.md#auth): `POST /v2/auth/token`, form body with
 * `grant_type=client_credentials` and the id/secret as form fields (what Sigma's own
 * `utils.get_access_token` sends). The token is cached for its lifetime (1 hour); near expiry it is
 * renewed with `grant_type=refresh_token` (falling back to client credentials), and a 401 mints a
 * fresh one once (the HTTP layer then repeats the request once).
 */
function createSigmaAuth(options) {
    const now = options.now ?? Date.now;
    let token;
    let inflight;
    let requests = 0;
    async function exchange(form) {
        requests += 1;
        let answer;
        try {
            // Minting a token changes nothing a second request could duplicate, so a lost answer or a
            // 502 is retried like a read (test "retries the token exchange after a 502, a dropped connection and a 500", reliability/sigma-regressions.test.ts).
            answer = await options.send({
                method: "POST",
                path: SIGMA_TOKEN_PATH,
                form,
                idempotent: true,
                label: "auth.token",
            });
        }
        catch (error) {
            if (isHttpStatus(error, 400) || isHttpStatus(error, 401) || isHttpStatus(error, 403)) {
                throw new errors_ConfigError("SIGMA_CLIENT_SECRET", "Sigma rejected the API credentials (SIGMA_CLIENT_ID / SIGMA_CLIENT_SECRET) at /v2/auth/token. " +
                    "Check them under Administration > Developer Access, and that SIGMA_BASE_URL is your organisation's API host.");
            }
            throw error;
        }
        const body = parseWire("Sigma", { method: "POST", path: SIGMA_TOKEN_PATH }, tokenSchema, answer, { write: false });
        options.onToken?.(body.access_token);
        if (typeof body.refresh_token === "string")
            options.onToken?.(body.refresh_token);
        const lifetimeMs = (typeof body.expires_in === "number" ? body.expires_in : 3600) * 1000;
        return {
            accessToken: body.access_token,
            refreshToken: body.refresh_token,
            expiresAt: now() + Math.max(lifetimeMs - TOKEN_EXPIRY_MARGIN_MS, lifetimeMs / 2),
        };
    }
    const clientCredentials = () => exchange({ grant_type: "client_credentials", client_id: options.clientId, client_secret: options.clientSecret });
    async function renew(previous) {
        if (previous?.refreshToken !== undefined) {
            try {
                return await exchange({ grant_type: "refresh_token", refresh_token: previous.refreshToken });
            }
            catch (error) {
                // A refused refresh token is not fatal: the client credentials still mint a new token.
                if (!(error instanceof errors_ConfigError))
                    throw error;
            }
        }
        return clientCredentials();
    }
    function obtain(force) {
        if (!force && token !== undefined && now() < token.expiresAt)
            return Promise.resolve(token);
        if (inflight)
            return inflight;
        const previous = token;
        inflight = (force ? clientCredentials() : renew(previous)).then((fresh) => {
            token = fresh;
            inflight = undefined;
            return fresh;
        }, (error) => {
            inflight = undefined;
            throw error;
        });
        return inflight;
    }
    return {
        async headers() {
            const current = await obtain(false);
            return { authorization: `Bearer ${current.accessToken}` };
        },
        async onUnauthorized() {
            token = undefined;
            await obtain(true);
            return true;
        },
        tokenRequests: () => requests,
    };
}
function isHttpStatus(error, status) {
    return typeof error === "object" && error !== null && error.status === status;
}
//# sourceMappingURL=auth.js.map
;// CONCATENATED MODULE: ../core/dist/vendors/sigma/transport.js




/**
 * Two HTTP clients on one connection pool: the token endpoint (no bearer header; the only write
 * allowed in plan mode) and the API (bearer token, re-auth once on 401). A single client cannot do
 * both: its auth provider would need a token to fetch a token.
 */
function connectSigma(settings, mode, logger, options = {}) {
    const common = {
        baseUrl: settings.baseUrl,
        mode: mode === "plan" ? "read-only" : "read-write",
        secrets: [settings.clientSecret, settings.clientId],
        parseError: parseVendorError,
        logger,
        userAgent: "roster (sigma)",
        ...(options.dispatcher && { dispatcher: options.dispatcher }),
        ...(options.retry && { retry: options.retry }),
        ...(options.sleep && { sleep: options.sleep }),
        ...(options.random && { random: options.random }),
        ...(options.timeoutMs !== undefined && { timeoutMs: options.timeoutMs }),
    };
    const tokenHttp = createHttpClient({
        ...common,
        // Minting a token changes nothing a repeat could duplicate, so even a 500 is retried: one
        // failed exchange would otherwise end the whole run (test "retries the token exchange after a 502, a dropped connection and a 500", reliability/sigma-regressions.test.ts).
        retry: {
            ...options.retry,
            retryStatuses: new Set([...(options.retry?.retryStatuses ?? DEFAULT_RETRY_STATUSES), 500]),
        },
        allowInReadOnly: allowPaths(/\/v2\/auth\/token$/),
    });
    const auth = createSigmaAuth({
        clientId: settings.clientId,
        clientSecret: settings.clientSecret,
        send: async (request) => (await tokenHttp.request(request)).body,
        onToken: (value) => {
            tokenHttp.addSecret(value);
            apiHttp.addSecret(value);
            options.onSecret?.(value);
        },
        ...(options.now && { now: options.now }),
    });
    const apiHttp = createHttpClient({ ...common, auth });
    const client = createSigmaClient({
        send: async (request) => (await apiHttp.request(request)).body,
    });
    return {
        client,
        apiRequests: () => apiHttp.stats.requests,
        tokenRequests: auth.tokenRequests,
        http: { token: tokenHttp, api: apiHttp },
        async close() {
            await Promise.all([tokenHttp.close(), apiHttp.close()]);
        },
    };
}
//# sourceMappingURL=transport.js.map
;// CONCATENATED MODULE: ../core/dist/vendors/sigma/vendor.js





/** Builds a Sigma vendor; `transport` is the test seam (dispatcher, sleep, retry policy, clock). */
function createSigmaVendor(settings, options, transport = {}) {
    const parsed = parseSigmaSettings(settings);
    const connection = connectSigma(parsed, options.mode, options.logger, {
        ...transport,
        ...(options.onSecret !== undefined && { onSecret: options.onSecret }),
    });
    let index;
    return {
        id: "sigma",
        capabilities: sigmaCapabilities,
        connection,
        async read(context) {
            const result = await readSigmaDirectory(connection.client, context);
            index = result.index;
            return result.directory;
        },
        apply(plan, directory, session) {
            return applySigmaPlan({ client: connection.client, sendInvite: parsed.sendInvite, index }, plan, directory, session);
        },
        close: () => connection.close(),
    };
}
const sigmaVendor = {
    id: "sigma",
    secretSettings: [SIGMA_SETTING.clientSecret],
    capabilities: sigmaCapabilities,
    create: (settings, options) => [createSigmaVendor(settings, options)],
};
//# sourceMappingURL=vendor.js.map
;// CONCATENATED MODULE: ../core/dist/vendors/sigma/index.js



//# sourceMappingURL=index.js.map
;// CONCATENATED MODULE: ../core/dist/vendors/memory/capabilities.js
/**
 * The memory vendor supports everything Roster can plan, so tests and demos can exercise every
 * change kind; restrict it per test with `createMemoryVendor(dir, { capabilities })`.
 */
const capabilities_memoryCapabilities = {
    groupNoun: "group",
    groupSeparators: [";"],
    createGroup: true,
    roles: true,
    attributes: true,
    renameEmail: true,
    deactivate: true,
    reactivate: true,
    deleteUser: true,
    absentUserActions: ["ignore", "remove-groups", "deactivate", "delete"],
    updatableFields: () => ["firstName", "lastName", "role", "username", "country"],
    isReservedGroup: () => false,
    serverCheck: true,
};
//# sourceMappingURL=capabilities.js.map
;// CONCATENATED MODULE: ../core/dist/vendors/memory/snapshot.js


/**
 * Reads a directory snapshot: the `Directory` model as JSON (users, groups, optional roles,
 * attributes and self). Conveniences for hand-written files: a user's `id` defaults to its
 * email, `status` to "active", `groups` to none; a group may be a plain name.
 * Every shape error names the file and the JSON path (`$.users[3].email`).
 */
async function loadDirectorySnapshot(path) {
    let text;
    try {
        text = await readFile(path, "utf8");
    }
    catch (error) {
        throw new ConfigError("snapshot", `Cannot read directory snapshot ${path}: ${error.message}`);
    }
    let data;
    try {
        data = JSON.parse(text);
    }
    catch (error) {
        throw new ConfigError("snapshot", `${path} is not valid JSON: ${error.message}`);
    }
    return parseDirectorySnapshot(data, path);
}
function snapshot_fail(file, at, problem) {
    throw new ConfigError("snapshot", `${file}: ${at} ${problem}`);
}
function isObject(value) {
    return typeof value === "object" && value !== null && !Array.isArray(value);
}
function optionalString(file, object, key, at) {
    const value = object[key];
    if (value === undefined || value === null)
        return undefined;
    if (typeof value !== "string")
        snapshot_fail(file, `${at}.${key}`, "must be a string");
    return value;
}
function stringArray(file, value, at) {
    if (!Array.isArray(value))
        snapshot_fail(file, at, "must be an array of strings");
    return value.map((item, index) => typeof item === "string" ? item : snapshot_fail(file, `${at}[${index}]`, "must be a string"));
}
const USER_FIELDS = (/* unused pure expression or super */ null && (["firstName", "lastName", "role", "country", "type", "username", "domain"]));
function parseUser(file, value, at) {
    if (!isObject(value))
        snapshot_fail(file, at, "must be an object");
    const email = optionalString(file, value, "email", at) ?? snapshot_fail(file, `${at}.email`, "is required");
    const status = value.status ?? "active";
    if (status !== "active" && status !== "deactivated")
        snapshot_fail(file, `${at}.status`, 'must be "active" or "deactivated"');
    const user = {
        id: optionalString(file, value, "id", at) ?? email,
        email,
        status: status,
        groups: value.groups === undefined ? [] : stringArray(file, value.groups, `${at}.groups`),
    };
    for (const field of USER_FIELDS) {
        const text = optionalString(file, value, field, at);
        if (text !== undefined)
            user[field] = text;
    }
    if (value.attributes !== undefined) {
        if (!isObject(value.attributes))
            snapshot_fail(file, `${at}.attributes`, "must be an object of strings");
        const attributes = {};
        for (const [name, attribute] of Object.entries(value.attributes)) {
            if (typeof attribute !== "string")
                snapshot_fail(file, `${at}.attributes.${name}`, "must be a string");
            attributes[name] = attribute;
        }
        user.attributes = attributes;
    }
    return user;
}
function parseGroup(file, value, at) {
    if (typeof value === "string")
        return { id: value, name: value };
    if (!isObject(value))
        snapshot_fail(file, at, "must be a group name or an object");
    const name = optionalString(file, value, "name", at) ?? snapshot_fail(file, `${at}.name`, "is required");
    const kind = optionalString(file, value, "kind", at);
    if (value.reserved !== undefined && typeof value.reserved !== "boolean")
        snapshot_fail(file, `${at}.reserved`, "must be true or false");
    return {
        id: optionalString(file, value, "id", at) ?? name,
        name,
        ...(value.reserved === true ? { reserved: true } : {}),
        ...(kind === undefined ? {} : { kind }),
    };
}
/** Validates parsed JSON as a `Directory`; `file` names the source in errors. */
function parseDirectorySnapshot(data, file) {
    if (!isObject(data))
        snapshot_fail(file, "$", "must be an object with a users array");
    if (!Array.isArray(data.users))
        snapshot_fail(file, "$.users", "must be an array");
    const users = data.users.map((user, index) => parseUser(file, user, `$.users[${index}]`));
    const groupsValue = data.groups ?? [];
    if (!Array.isArray(groupsValue))
        snapshot_fail(file, "$.groups", "must be an array");
    const groups = groupsValue.map((group, index) => parseGroup(file, group, `$.groups[${index}]`));
    // Groups users belong to but the file did not list exist all the same.
    for (const user of users) {
        for (const name of user.groups)
            if (!groups.some((group) => group.name === name))
                groups.push({ id: name, name });
    }
    const self = optionalString(file, data, "self", "$");
    return {
        users,
        groups,
        ...(data.roles === undefined ? {} : { roles: stringArray(file, data.roles, "$.roles") }),
        ...(data.attributes === undefined ? {} : { attributes: stringArray(file, data.attributes, "$.attributes") }),
        ...(self === undefined ? {} : { self }),
    };
}
//# sourceMappingURL=snapshot.js.map
;// CONCATENATED MODULE: ../core/dist/plan/apply-to-directory.js


function apply_to_directory_draftDirectory(directory) {
    const users = new Map();
    const idByEmail = new Map();
    for (const user of directory.users) {
        users.set(user.id, { ...user, groups: [...user.groups], attributes: { ...user.attributes } });
        const key = normaliseEmail(user.email);
        if (!idByEmail.has(key))
            idByEmail.set(key, user.id);
    }
    return { base: directory, users, idByEmail, groups: [...directory.groups] };
}
function apply_to_directory_finishDraft(draft) {
    const users = [...draft.users.values()].map(({ attributes, ...user }) => ({
        ...user,
        groups: [...user.groups],
        ...(Object.keys(attributes).length > 0 ? { attributes: { ...attributes } } : {}),
    }));
    return { ...draft.base, users, groups: [...draft.groups] };
}
function hasGroup(draft, name) {
    return draft.groups.some((group) => group.name === name);
}
/** Applies one change to the draft. Returns the error a vendor would give, or undefined on success. */
function apply_to_directory_applyChangeToDraft(draft, change) {
    if (change.kind === "create-group") {
        if (draft.groups.some((group) => group.name.toLowerCase() === change.group.toLowerCase())) {
            return `Group "${change.group}" already exists.`;
        }
        draft.groups.push({ id: `new:${change.group}`, name: change.group });
        return undefined;
    }
    if (change.kind === "create-user") {
        const { user } = change;
        if (draft.idByEmail.has(change.email))
            return `User ${user.emailAsWritten} already exists.`;
        const missing = user.groups.find((name) => !hasGroup(draft, name));
        if (missing !== undefined)
            return `Group "${missing}" does not exist.`;
        const id = `new:${change.email}`;
        const { emailAsWritten, email: _email, ...fields } = user;
        draft.users.set(id, {
            ...fields,
            id,
            email: emailAsWritten,
            groups: [...user.groups],
            attributes: { ...user.attributes },
        });
        draft.idByEmail.set(change.email, id);
        return undefined;
    }
    const target = draft.users.get(change.userId);
    if (target === undefined)
        return `User ${change.email} (id ${change.userId}) does not exist.`;
    switch (change.kind) {
        case "rename-email": {
            const holder = draft.idByEmail.get(change.to);
            if (holder !== undefined && holder !== target.id)
                return `Another user already has the address ${change.toAsWritten}.`;
            draft.idByEmail.delete(normaliseEmail(target.email));
            target.email = change.toAsWritten;
            draft.idByEmail.set(change.to, target.id);
            return undefined;
        }
        case "update-user":
            for (const field of change.fields)
                target[field.field] = field.to;
            return undefined;
        case "reactivate-user":
            target.status = "active";
            return undefined;
        case "deactivate-user":
            target.status = "deactivated";
            return undefined;
        case "add-to-groups": {
            const missing = change.groups.find((name) => !hasGroup(draft, name));
            if (missing !== undefined)
                return `Group "${missing}" does not exist.`;
            for (const name of change.groups)
                if (!target.groups.includes(name))
                    target.groups.push(name);
            return undefined;
        }
        case "remove-from-groups":
            target.groups = target.groups.filter((name) => !change.groups.includes(name));
            return undefined;
        case "set-attribute":
            target.attributes[change.attribute] = change.to;
            return undefined;
        case "unset-attribute":
            delete target.attributes[change.attribute];
            return undefined;
        case "delete-user":
            draft.users.delete(target.id);
            draft.idByEmail.delete(normaliseEmail(target.email));
            return undefined;
    }
}
/** The directory as it would be after the vendor applied every change of the plan. */
function applyPlanToDirectory(plan, directory) {
    const draft = apply_to_directory_draftDirectory(directory);
    for (const change of plan.changes) {
        const error = apply_to_directory_applyChangeToDraft(draft, change);
        if (error !== undefined)
            throw new InternalError(`Plan change ${change.kind} cannot be applied: ${error}`);
    }
    return apply_to_directory_finishDraft(draft);
}
//# sourceMappingURL=apply-to-directory.js.map
;// CONCATENATED MODULE: ../core/dist/vendors/memory/vendor.js


/**
 * A vendor that keeps its directory in memory: the reference implementation of the `Vendor`
 * contract (one outcome per change in plan order, stops when the session does, idempotent
 * reruns), used by engine
 * tests, property tests and demos.
 */
function createMemoryVendor(directory, options = {}) {
    let state = directory;
    let applyCalls = 0;
    const capabilities = { ...memoryCapabilities, ...options.capabilities };
    const vendor = {
        id: options.id ?? "sigma",
        ...(options.target === undefined ? {} : { target: options.target }),
        capabilities,
        get directory() {
            return state;
        },
        get applyCalls() {
            return applyCalls;
        },
        async read(context) {
            context.onProgress?.({ phase: "read", done: state.users.length, total: state.users.length });
            // A deep copy, so a caller cannot mutate the vendor's state through the snapshot.
            return structuredClone(state);
        },
        async check(plan) {
            const rejections = [];
            plan.changes.forEach((change, index) => {
                const message = options.rejectOnCheck?.(change);
                if (message !== undefined)
                    rejections.push({ index, message });
            });
            return { rejections, requests: 1 };
        },
        async apply(plan, _directory, session) {
            applyCalls += 1;
            const draft = draftDirectory(state);
            for (const [index, change] of plan.changes.entries()) {
                if (session.stopped)
                    break;
                const message = options.rejectOnApply?.(change) ?? applyChangeToDraft(draft, change);
                session.settle([index], message === undefined ? { status: "applied" } : { status: "failed", message });
            }
            state = finishDraft(draft);
        },
        async close() { },
    };
    return vendor;
}
/**
 * The memory vendor as a module, the shape the registry holds for every vendor (docs/adding-a-vendor.md):
 * no settings and no secrets; `create` hands out the one vendor over `directory`, so state persists
 * from one run to the next as it does at a real vendor. Not in the registry: it has no id of its own.
 */
function memoryVendorModule(directory, options = {}) {
    const vendor = createMemoryVendor(directory, options);
    return {
        id: vendor.id,
        secretSettings: [],
        capabilities: vendor.capabilities,
        create: () => [vendor],
    };
}
//# sourceMappingURL=vendor.js.map
;// CONCATENATED MODULE: ../core/dist/vendors/memory/index.js



//# sourceMappingURL=index.js.map
;// CONCATENATED MODULE: ../core/dist/vendors/index.js










const vendors_modules = {
    sigma: sigmaVendor,
    periscope: periscopeVendor,
    adobe: adobeVendor,
};
/** The vendor module for an id given by a user (flag, input); the error lists the valid ids. */
function getVendorModule(id) {
    if (VENDOR_IDS.includes(id))
        return vendors_modules[id];
    throw new errors_ConfigError("vendor", `Unknown vendor "${id}". Roster supports: ${VENDOR_IDS.join(", ")}.`);
}
//# sourceMappingURL=index.js.map
;// CONCATENATED MODULE: ../core/dist/plan/checksum.js

/**
 * JSON with object keys sorted and no whitespace, so equal data always gives equal text
 * (octoDNS hashes its plan data the same way to bind apply to the reviewed plan). `undefined`
 * object members are dropped, as JSON.stringify does.
 */
function canonicalJson(value) {
    if (value === null || typeof value !== "object") {
        const text = JSON.stringify(value);
        return text === undefined ? "null" : text;
    }
    if (Array.isArray(value))
        return `[${value.map((item) => canonicalJson(item)).join(",")}]`;
    const entries = Object.entries(value)
        .filter(([, member]) => member !== undefined)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, member]) => `${JSON.stringify(key)}:${canonicalJson(member)}`).join(",")}}`;
}
/** sha256 (hex) of the canonical JSON of `{version, vendor, target, changes}`. */
function planChecksum(plan) {
    const data = { version: plan.version, vendor: plan.vendor, target: plan.target, changes: plan.changes };
    return (0,external_node_crypto_.createHash)("sha256").update(canonicalJson(data)).digest("hex");
}
/** Plans print the first 12 characters of their checksum; that many identify a plan (48 bits). */
const checksum_CHECKSUM_PREFIX_LENGTH = 12;
/**
 * Whether a reviewed checksum, as the user gave it, names this plan: the full sha256 or any prefix
 * of at least 12 hex digits (what `roster plan` prints), in either case.
 */
function checksumMatches(given, checksum) {
    const typed = given.trim().toLowerCase();
    return typed.length >= checksum_CHECKSUM_PREFIX_LENGTH && /^[0-9a-f]+$/.test(typed) && checksum.startsWith(typed);
}
/**
 * What a change does, independent of where it came from: the change without its users.csv line.
 * Two plans of the same directory share a key for the same pending change even when lines moved.
 */
function changeKey(change) {
    return canonicalJson({ ...change, line: undefined });
}
//# sourceMappingURL=checksum.js.map
;// CONCATENATED MODULE: ../core/dist/plan/types.js
/** The order changes are listed and applied in: groups before the users that join them. */
const types_CHANGE_KIND_ORDER = [
    "create-group",
    "create-user",
    "rename-email",
    "update-user",
    "reactivate-user",
    "add-to-groups",
    "remove-from-groups",
    "set-attribute",
    "unset-attribute",
    "deactivate-user",
    "delete-user",
];
/** A change that takes access away. Counted against the safety threshold. */
function types_isDestructive(change) {
    switch (change.kind) {
        case "deactivate-user":
        case "delete-user":
        case "remove-from-groups":
            return true;
        case "update-user":
            return change.downgrade;
        default:
            return false;
    }
}
//# sourceMappingURL=types.js.map
;// CONCATENATED MODULE: ../core/dist/plan/order.js


const kindRank = new Map(types_CHANGE_KIND_ORDER.map((kind, index) => [kind, index]));
function subjectOf(change) {
    return change.kind === "create-group" ? change.group : change.email;
}
function compareText(a, b) {
    return a < b ? -1 : a > b ? 1 : 0;
}
/** CHANGE_KIND_ORDER, then users.csv line (policy changes, `line: null`, last), then email or group. */
function compareChanges(a, b) {
    return ((kindRank.get(a.kind) ?? 0) - (kindRank.get(b.kind) ?? 0) ||
        (a.line ?? Number.MAX_SAFE_INTEGER) - (b.line ?? Number.MAX_SAFE_INTEGER) ||
        compareText(subjectOf(a), subjectOf(b)) ||
        // Same user, same line, same kind (several attributes): the payload decides, so order never
        // depends on the order the planner happened to produce them in.
        compareText(canonicalJson(a), canonicalJson(b)));
}
function sortChanges(changes) {
    return [...changes].sort(compareChanges);
}
function emptyKindCounts() {
    return Object.fromEntries(types_CHANGE_KIND_ORDER.map((kind) => [kind, 0]));
}
function countChanges(changes, people) {
    const perKind = emptyKindCounts();
    let destructive = 0;
    for (const change of changes) {
        perKind[change.kind] += 1;
        if (types_isDestructive(change))
            destructive += 1;
    }
    return { ...perKind, total: changes.length, destructive, unmanaged: people.unmanaged, unchanged: people.unchanged };
}
//# sourceMappingURL=order.js.map
;// CONCATENATED MODULE: ../core/dist/model/surface.js
const NAMES = {
    "allow-removals": { cli: "--allow-removals", action: "allow-removals" },
    "removal-threshold": { cli: "--removal-threshold", action: "removal-threshold" },
    "create-groups": { cli: "--create-groups", action: "create-missing-groups" },
    "absent-users": { cli: "--absent-users", action: "absent-users" },
    "group-scope": { cli: "--group-scope", action: "group-scope" },
    protect: { cli: "--protect", action: "protected-users" },
};
/** The flag or input name alone: `--create-groups`, `create-missing-groups`. */
function settingName(setting, surface) {
    return NAMES[setting][surface];
}
/**
 * The setting with its value, as typed on that surface: `--allow-removals 7@3fa9c1d2` or
 * `allow-removals: 7@3fa9c1d2`. A switch without a value (`--create-groups`) is `true` in the Action.
 */
function settingHint(setting, surface, value) {
    const name = settingName(setting, surface);
    if (surface === "cli")
        return value === undefined ? name : `${name} ${value}`;
    return `${name}: ${value ?? "true"}`;
}
//# sourceMappingURL=surface.js.map
;// CONCATENATED MODULE: ../core/dist/plan/plan-absent.js


/**
 * Users the vendor has and users.csv does not mention (README.md#userscsv-reference: "ignore" by default, reported as
 * unmanaged). Protected identities and users already deactivated are left alone whatever the
 * policy says, and so is everyone while users.csv has errors. So is an administrator (a user the
 * vendor reports with `admin`, e.g. an Adobe `_org_admin`): like the credentials' own identity, no
 * policy removes one; only its own row in users.csv (`status` deactivated) does, where a reviewer
 * sees it. Returns the changes, how many absent users stay untouched, and how many active absent
 * users the policy manages (they count toward the removal threshold's base).
 */
function planAbsentUsers(ctx, matched) {
    const { directory, policy, vendor } = ctx.input;
    // The CSV reader leaves rows with errors out of the desired state, so with errors in the file
    // "absent" may just mean "mistyped": deactivating or stripping those users would be wrong, and
    // would count against the safety threshold. The plan is invalid anyway; show no such changes.
    const fileHasErrors = ctx.input.desired.diagnostics.some((d) => d.severity === "error");
    const action = policy.absentUsers;
    const supported = action === "ignore" || ctx.capabilities.absentUserActions.includes(action);
    if (!supported) {
        const allowed = ["ignore", ...ctx.capabilities.absentUserActions.filter((a) => a !== "ignore")].join(", ");
        ctx.report("error", "PLAN_UNSUPPORTED", 0, undefined, `${vendor.id} does not support "${action}" for users absent from ${ctx.file}. Choose one of: ${allowed} (${settingName("absent-users", policy.surface ?? "action")}).`);
    }
    const changes = [];
    let unmanaged = 0;
    let managedActive = 0;
    for (const user of directory.users) {
        if (matched.has(user.id))
            continue;
        const base = { email: directory_normaliseEmail(user.email), line: null, userId: user.id };
        const isProtected = ctx.protectedReason(user.email) !== undefined;
        const policyApplies = supported && action !== "ignore" && user.status !== "deactivated" && !isProtected;
        if (policyApplies && user.admin !== undefined) {
            ctx.report("warning", "PLAN_PROTECTED_USER", 0, undefined, `${user.email} is left alone although absent from ${ctx.file}: ${user.admin}, and no absent-users policy removes an administrator. To remove it, add its row with status "deactivated".`);
        }
        if (policyApplies && user.admin === undefined)
            managedActive += 1;
        const leaveAlone = !policyApplies || fileHasErrors || user.admin !== undefined;
        let change;
        if (!leaveAlone) {
            if (action === "deactivate")
                change = { kind: "deactivate-user", ...base };
            else if (action === "delete")
                change = { kind: "delete-user", ...base };
            else {
                const groups = [...new Set(user.groups.filter(ctx.isManaged))].sort();
                if (groups.length > 0)
                    change = { kind: "remove-from-groups", ...base, groups };
            }
        }
        if (change === undefined)
            unmanaged += 1;
        else
            changes.push(change);
    }
    return { changes, unmanaged, managedActive };
}
//# sourceMappingURL=plan-absent.js.map
;// CONCATENATED MODULE: ../core/dist/plan/plan-context.js


/** An exact match first, then a case-insensitive one; ties go to the lowest name, then id. */
function indexByName(items) {
    const sorted = [...items].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.id < b.id ? -1 : 1));
    const exact = new Map();
    const folded = new Map();
    for (const item of sorted) {
        if (!exact.has(item.name))
            exact.set(item.name, item);
        const key = item.name.toLowerCase();
        if (!folded.has(key))
            folded.set(key, item);
    }
    return (name) => exact.get(name) ?? folded.get(name.toLowerCase());
}
/** Case-insensitive lookup in a list of names the vendor spells its own way (roles, attributes). */
function matchName(names, written) {
    if (names.includes(written))
        return written;
    const folded = written.toLowerCase();
    return [...names].sort().find((name) => name.toLowerCase() === folded);
}
/** The closest name for a "did you mean", when it is close enough to be a likely typo. */
function plan_context_suggest(names, written) {
    if (names.length === 0)
        return undefined;
    // Sorted, so the suggestion never depends on the order the vendor listed its names in.
    const sorted = [...names].sort();
    const folded = written.toLowerCase();
    const best = (0,mod/* closest */.kp)(folded, sorted.map((name) => name.toLowerCase()));
    if ((0,mod/* distance */.Io)(folded, best) > Math.max(2, Math.floor(folded.length / 3)))
        return undefined;
    return sorted.find((name) => name.toLowerCase() === best);
}
/** Users by normalised email; on a duplicate address the lowest id wins, whatever the order. */
function indexUsers(users) {
    const index = new Map();
    for (const user of users) {
        const key = directory_normaliseEmail(user.email);
        const seen = index.get(key);
        if (seen === undefined || user.id < seen.id)
            index.set(key, user);
    }
    return index;
}
/** The planner's view of its input. */
function createPlanContext(input) {
    const { desired, directory, policy, vendor } = input;
    const capabilities = vendor.capabilities;
    const usersByEmail = indexUsers(directory.users);
    const protectedEmails = new Set(policy.protectedUsers.map(directory_normaliseEmail));
    const self = directory.self === undefined ? undefined : directory_normaliseEmail(directory.self);
    const protectedReason = (email) => {
        const key = directory_normaliseEmail(email);
        if (key === self)
            return "it is the identity whose credentials Roster uses";
        return protectedEmails.has(key) ? "it is listed in the protected users" : undefined;
    };
    const findGroup = indexByName(directory.groups);
    const reservedNames = new Set(directory.groups.filter((group) => group.reserved).map((group) => group.name));
    const isReserved = (name) => reservedNames.has(name) || capabilities.isReservedGroup(name);
    const canCreate = policy.createMissingGroups && capabilities.createGroup;
    const groupNames = directory.groups.map((group) => group.name);
    // Missing groups written with different cases ("Ops", "ops") are one group to create, spelled
    // as first seen in the file.
    const createSpelling = new Map();
    for (const written of desired.groupsNamed) {
        if (!createSpelling.has(written.toLowerCase()))
            createSpelling.set(written.toLowerCase(), written);
    }
    // Every row resolves its groups, and a file names few distinct groups: resolve each name once.
    const resolutions = new Map();
    const resolveGroup = (written) => {
        let resolution = resolutions.get(written);
        if (resolution === undefined) {
            resolution = resolveGroupOnce(written);
            resolutions.set(written, resolution);
        }
        return resolution;
    };
    const resolveGroupOnce = (written) => {
        const found = findGroup(written);
        if (found !== undefined) {
            return isReserved(found.name) ? { kind: "reserved", name: found.name } : { kind: "existing", name: found.name };
        }
        if (isReserved(written))
            return { kind: "reserved", name: written };
        if (canCreate)
            return { kind: "create", name: createSpelling.get(written.toLowerCase()) ?? written };
        const suggestion = plan_context_suggest(groupNames, written);
        return suggestion === undefined ? { kind: "unknown" } : { kind: "unknown", suggestion };
    };
    const listedGroups = new Set();
    for (const written of desired.groupsNamed) {
        const resolved = resolveGroup(written);
        if (resolved.kind === "existing" || resolved.kind === "create")
            listedGroups.add(resolved.name);
    }
    const isManaged = policy.groupScope === "exact" ? (name) => !isReserved(name) : (name) => listedGroups.has(name);
    const diagnostics = [];
    const report = (severity, code, line, column, message) => {
        diagnostics.push({
            severity,
            code,
            message,
            file: desired.file,
            line,
            ...(column === undefined ? {} : { column }),
        });
    };
    return {
        input,
        capabilities,
        file: desired.file,
        usersByEmail,
        protectedReason,
        resolveGroup,
        listedGroups,
        isReserved,
        isManaged,
        diagnostics,
        report,
    };
}
//# sourceMappingURL=plan-context.js.map
;// CONCATENATED MODULE: ../core/dist/plan/plan-row.js



const UPDATABLE = ["firstName", "lastName", "role", "username", "country"];
const FIELD_LABEL = {
    firstName: "first name",
    lastName: "last name",
    role: "role",
    username: "username",
    country: "country",
};
function columnOf(ctx, field) {
    const columns = ctx.input.desired.columns;
    switch (field) {
        case "firstName":
            return columns.first_name ?? columns.name;
        case "lastName":
            return columns.last_name ?? columns.name;
        default:
            return columns[field];
    }
}
/** The vendor's spelling of the row's role, or undefined (blank, unsupported, or unknown: reported). */
function resolveRole(ctx, row) {
    if (row.role === undefined || !ctx.capabilities.roles)
        return undefined;
    const roles = ctx.input.directory.roles;
    if (roles === undefined)
        return row.role;
    const match = matchName(roles, row.role);
    if (match === undefined) {
        const hint = plan_context_suggest(roles, row.role);
        ctx.report("error", "PLAN_UNKNOWN_ROLE", row.line, ctx.input.desired.columns.role, `Unknown role "${row.role}" for ${ctx.input.vendor.id}.${hint === undefined ? "" : ` Did you mean "${hint}"?`} Allowed: ${roles.length === 0 ? "none" : roles.join(", ")}.`);
    }
    return match;
}
/** PLAN_RESERVED_GROUP's message; `roster validate` reports it too (engine/validate-for-vendor.ts). */
function reservedGroupMessage(written, noun, vendorId) {
    return `"${written}" is a ${noun} reserved by ${vendorId}; Roster never adds or removes its members. Remove it from users.csv.`;
}
/** The row's groups in the vendor's spelling, file order; reserved and unknown ones are reported and dropped. */
function resolveRowGroups(ctx, row) {
    if (row.groups === undefined)
        return undefined;
    const column = ctx.input.desired.columns.groups;
    const noun = ctx.capabilities.groupNoun;
    const names = [];
    for (const written of row.groups) {
        const resolved = ctx.resolveGroup(written);
        if (resolved.kind === "reserved") {
            ctx.report("error", "PLAN_RESERVED_GROUP", row.line, column, reservedGroupMessage(written, noun, ctx.input.vendor.id));
        }
        else if (resolved.kind === "unknown") {
            const hint = resolved.suggestion === undefined ? "" : ` Did you mean "${resolved.suggestion}"?`;
            const fix = ctx.capabilities.createGroup
                ? `Create it in ${ctx.input.vendor.id} first, or let Roster create missing ${noun}s (${settingHint("create-groups", ctx.input.policy.surface ?? "action")}).`
                : `Create it in ${ctx.input.vendor.id} first.`;
            ctx.report("error", "PLAN_UNKNOWN_GROUP", row.line, column, `Unknown ${noun} "${written}".${hint} ${fix}`);
        }
        else if (!names.includes(resolved.name)) {
            names.push(resolved.name);
        }
    }
    return names;
}
function hasKeys(record) {
    for (const _ in record)
        return true;
    return false;
}
/** Attribute values to write, keyed by the vendor's attribute name (unknown names are reported once, per column). */
function resolveAttributes(ctx, row) {
    if (!ctx.capabilities.attributes || !hasKeys(row.attributes))
        return [];
    const known = ctx.input.directory.attributes;
    const resolved = [];
    for (const [name, value] of Object.entries(row.attributes)) {
        const vendorName = known === undefined ? name : matchName(known, name);
        if (vendorName !== undefined)
            resolved.push([vendorName, value]);
    }
    return resolved.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}
function createUser(row, resolved, renaming) {
    const role = resolved.role;
    const attributes = {};
    for (const [name, value] of resolved.attributes)
        if (value !== null)
            attributes[name] = value;
    // A rename of someone the vendor does not have yet: create them under the new address, which is
    // where the row says they should end up (a rerun then matches them by `new_email`).
    const email = renaming && row.newEmail !== undefined ? row.newEmail : row.email;
    const emailAsWritten = renaming && row.newEmailAsWritten !== undefined ? row.newEmailAsWritten : row.emailAsWritten;
    const user = {
        email,
        emailAsWritten,
        groups: resolved.groups ?? [],
        attributes,
        status: "active",
        ...(row.firstName === undefined ? {} : { firstName: row.firstName }),
        ...(row.lastName === undefined ? {} : { lastName: row.lastName }),
        ...(role === undefined ? {} : { role }),
        ...(row.country === undefined ? {} : { country: row.country }),
        ...(row.type === undefined ? {} : { type: row.type }),
        ...(row.username === undefined ? {} : { username: row.username }),
        ...(row.domain === undefined ? {} : { domain: row.domain }),
    };
    return { kind: "create-user", email, line: row.line, user };
}
function fieldChanges(ctx, row, role, current) {
    const fields = [];
    let downgrade = false;
    for (const field of UPDATABLE) {
        const wanted = field === "role" ? role : row[field];
        if (wanted === undefined)
            continue;
        const have = current[field];
        // Vendors spell account types their own way; "viewer" and "Viewer" are the same type.
        const same = field === "role" ? have?.toLowerCase() === wanted.toLowerCase() : have === wanted;
        if (same)
            continue;
        if (!ctx.capabilities.updatableFields(current).includes(field)) {
            ctx.report("warning", "PLAN_UNSUPPORTED", row.line, columnOf(ctx, field), `${ctx.input.vendor.id} cannot change the ${FIELD_LABEL[field]} of ${current.email}; "${wanted}" is ignored (it stays ${have === undefined ? "empty" : `"${have}"`}).`);
            continue;
        }
        fields.push({ field, from: have ?? null, to: wanted });
        if (field === "role" && have !== undefined && ctx.capabilities.roleRank !== undefined) {
            const before = ctx.capabilities.roleRank(have);
            const after = ctx.capabilities.roleRank(wanted);
            if (before !== undefined && after !== undefined && after < before)
                downgrade = true;
        }
    }
    return { fields, downgrade };
}
function membershipChanges(ctx, wanted, current, base) {
    if (wanted === undefined)
        return [];
    // Users belong to a handful of groups: a linear scan beats building two sets per row.
    const have = current.groups;
    const add = wanted.filter((name) => !have.includes(name));
    const remove = have
        .filter((name, index) => have.indexOf(name) === index && ctx.isManaged(name) && !wanted.includes(name))
        .sort();
    const changes = [];
    if (add.length > 0)
        changes.push({ kind: "add-to-groups", ...base, groups: add });
    if (remove.length > 0)
        changes.push({ kind: "remove-from-groups", ...base, groups: remove });
    return changes;
}
function attributeChanges(attributes, current, base) {
    const changes = [];
    for (const [attribute, value] of attributes) {
        const have = current.attributes?.[attribute];
        if (value === null) {
            if (have !== undefined)
                changes.push({ kind: "unset-attribute", ...base, attribute, from: have });
        }
        else if (have !== value) {
            changes.push({ kind: "set-attribute", ...base, attribute, from: have ?? null, to: value });
        }
    }
    return changes;
}
function existingUserChanges(ctx, row, resolved, current, renameTo) {
    const base = { email: directory_normaliseEmail(current.email), line: row.line, userId: current.id };
    const statusColumn = ctx.input.desired.columns.status;
    const vendor = ctx.input.vendor.id;
    if (row.status === "deactivated") {
        if (current.status === "deactivated")
            return [];
        if (!ctx.capabilities.deactivate) {
            ctx.report("error", "PLAN_UNSUPPORTED", row.line, statusColumn, `${vendor} cannot deactivate users.`);
            return [];
        }
        // Deactivating is the whole story for this row: field and membership edits on an account being
        // switched off would only be rejected or wasted.
        return [{ kind: "deactivate-user", ...base }];
    }
    const changes = [];
    if (row.status === "active" && current.status === "deactivated") {
        if (ctx.capabilities.reactivate)
            changes.push({ kind: "reactivate-user", ...base });
        else
            ctx.report("error", "PLAN_UNSUPPORTED", row.line, statusColumn, `${vendor} cannot reactivate users.`);
    }
    if (renameTo?.newEmail !== undefined && renameTo.newEmailAsWritten !== undefined) {
        if (ctx.capabilities.renameEmail) {
            changes.push({ kind: "rename-email", ...base, to: renameTo.newEmail, toAsWritten: renameTo.newEmailAsWritten });
        }
        else {
            ctx.report("error", "PLAN_UNSUPPORTED", row.line, ctx.input.desired.columns.new_email, `${vendor} cannot change a user's email address.`);
        }
    }
    const { fields, downgrade } = fieldChanges(ctx, row, resolved.role, current);
    if (fields.length > 0)
        changes.push({ kind: "update-user", ...base, fields, downgrade });
    changes.push(...membershipChanges(ctx, resolved.groups, current, base), ...attributeChanges(resolved.attributes, current, base));
    return changes;
}
/**
 * Plans one users.csv row. `renameBlocked` is set when the row's `new_email` collides with
 * another row (reported by the caller), so the rename is not attempted.
 */
function planRow(ctx, row, renameBlocked) {
    const resolved = {
        role: resolveRole(ctx, row),
        groups: resolveRowGroups(ctx, row),
        attributes: resolveAttributes(ctx, row),
    };
    let current = ctx.usersByEmail.get(row.email);
    let renameTo;
    const wantsRename = row.newEmail !== undefined && row.newEmail !== row.email && !renameBlocked;
    if (wantsRename && row.newEmail !== undefined) {
        const target = ctx.usersByEmail.get(row.newEmail);
        if (current !== undefined && target !== undefined && current.id !== target.id) {
            ctx.report("error", "PLAN_RENAME_CONFLICT", row.line, ctx.input.desired.columns.new_email, `Cannot rename ${row.emailAsWritten} to ${row.newEmailAsWritten ?? row.newEmail}: ${ctx.input.vendor.id} already has another user with that address.`);
        }
        else if (current === undefined && target !== undefined) {
            current = target; // the rename already happened
        }
        else if (current !== undefined) {
            renameTo = row;
        }
    }
    const changes = current === undefined
        ? row.status === "deactivated"
            ? []
            : [createUser(row, resolved, wantsRename)]
        : existingUserChanges(ctx, row, resolved, current, renameTo);
    const reason = ctx.protectedReason(row.email) ??
        (row.newEmail === undefined ? undefined : ctx.protectedReason(row.newEmail)) ??
        (current === undefined ? undefined : ctx.protectedReason(current.email));
    const matched = current === undefined ? {} : { matchedUserId: current.id };
    if (reason !== undefined && changes.length > 0) {
        ctx.report("warning", "PLAN_PROTECTED_USER", row.line, undefined, `${row.emailAsWritten} is protected (${reason}); Roster never changes it, so this row is ignored.`);
        return { changes: [], unchanged: false, ...matched };
    }
    return { changes, unchanged: changes.length === 0, ...matched };
}
//# sourceMappingURL=plan-row.js.map
;// CONCATENATED MODULE: ../core/dist/plan/read-needs.js

/**
 * The one rule for which kinds of vendor data a plan of this file under this policy needs
 * (README.md#what-roster-reads). The users are always read: the credentials' own identity, the
 * protected users, administrators (Adobe lists admin roles among each user's groups, inline), the
 * active managed users the removal threshold counts and the absent users all come from them.
 *
 * - Account types: a `role` column (to check its values), where the vendor has account types.
 * - Groups, when memberships can change (a groups column, or `absent-users: remove-groups`):
 *   under `group-scope: listed` only the groups the file names (in a roster.yml run: those it maps
 *   to the vendor) are managed, so the group list and the members of those groups; none when there
 *   are none. Under `exact` every membership is managed: the group list and all memberships.
 * - Attributes: each `attr:<name>` column, the attribute list (to report an unknown name) and the
 *   values of the attributes named, where the vendor has attributes.
 *
 * The engine derives it from the file and hands it to the vendor's `read` (`VendorContext.needs`);
 * the benchmark's minimum counts requests from the same rule, written independently
 * (packages/bench/src/minimum.ts).
 */
function readNeedsOf(desired, policy, capabilities) {
    const attributes = Object.keys(desired.attributeColumns);
    return {
        roles: capabilities.roles && desired.columns.role !== undefined,
        groups: groupNeed(desired, policy),
        attributes: capabilities.attributes && attributes.length > 0 ? { named: attributes } : "none",
    };
}
function groupNeed(desired, policy) {
    // Memberships change only through a groups column or absent users losing their groups.
    if (desired.columns.groups === undefined && policy.absentUsers !== "remove-groups")
        return "none";
    if (policy.groupScope === "exact")
        return "all";
    // In a roster.yml run the managed groups are those roster.yml maps to the vendor, named or not.
    return desired.groupsNamed.length > 0 ? { named: desired.groupsNamed } : "none";
}
/**
 * The plan input without what the directory did not read, and an error for each kind left out.
 * The engine asks the vendor for exactly `readNeedsOf`, so this only bites when a plan is made
 * against a directory read for another file (the Action plans the base branch's file against the
 * pull request's read to tell introduced changes from pending ones): an unread kind is then
 * unmanaged, as if its column were blank (no value compared, no change planned), and the plan says
 * so instead of stating changes it could not read.
 */
function restrictToRead(input) {
    const { desired, directory, policy, vendor } = input;
    const read = directory.read;
    if (read === undefined)
        return { input, diagnostics: [] };
    const need = readNeedsOf(desired, policy, vendor.capabilities);
    const dropRole = need.roles && !read.roles;
    const groupsCovered = covers(read.groups, need.groups);
    const attributesCovered = covers(read.attributes, need.attributes);
    if (!dropRole && groupsCovered && attributesCovered)
        return { input, diagnostics: [] };
    const diagnostics = [];
    const unread = (column, what, left) => {
        diagnostics.push({
            severity: "error",
            code: "PLAN_NOT_READ",
            file: desired.file,
            line: desired.headerLine,
            ...(column === undefined ? {} : { column }),
            message: `${vendor.id}: ${what} were not read, so ${left} out of this plan.`,
        });
    };
    const noun = vendor.capabilities.groupNoun;
    const columns = { ...desired.columns };
    if (dropRole) {
        unread(columns.role, "its account types", "the role column is left");
        delete columns.role;
    }
    // Groups named and only some of them read: keep those. Otherwise (none read, or every membership
    // needed under `exact`) memberships are left out altogether, and no scope removes any.
    const keepSome = !groupsCovered && typeof need.groups === "object" && typeof read.groups === "object";
    const keptGroups = keepSome ? desired.groupsNamed.filter((name) => needsName(read.groups, name)) : [];
    if (!groupsCovered) {
        const missing = typeof need.groups === "object" ? need.groups.named.filter((n) => !needsName(read.groups, n)) : [];
        const what = missing.length > 0
            ? `the members of ${noun} ${missing.map((name) => `"${name}"`).join(", ")}`
            : `its ${noun}s and their members`;
        unread(columns.groups, what, "these memberships are left");
        if (!keepSome)
            delete columns.groups;
    }
    const attributeColumns = { ...desired.attributeColumns };
    if (!attributesCovered) {
        for (const [name, column] of Object.entries(desired.attributeColumns)) {
            if (needsName(read.attributes, name))
                continue;
            unread(column, `the values of user attribute "${name}"`, `column "attr:${name}" is left`);
            delete attributeColumns[name];
        }
    }
    const restrictRow = (user) => {
        const { role, groups, attributes, ...rest } = user;
        const keptAttributes = Object.fromEntries(Object.entries(attributes).filter(([name]) => attributeColumns[name] !== undefined));
        const rowGroups = groupsCovered
            ? groups
            : keepSome
                ? groups?.filter((name) => needsName(read.groups, name))
                : undefined;
        return {
            ...rest,
            attributes: keptAttributes,
            ...(role === undefined || dropRole ? {} : { role }),
            ...(rowGroups === undefined ? {} : { groups: rowGroups }),
        };
    };
    return {
        input: {
            ...input,
            desired: {
                ...desired,
                columns,
                attributeColumns,
                users: desired.users.map(restrictRow),
                groupsNamed: groupsCovered ? desired.groupsNamed : keptGroups,
            },
            policy: groupsCovered ? policy : { ...policy, groupScope: "listed" },
        },
        diagnostics,
    };
}
//# sourceMappingURL=read-needs.js.map
;// CONCATENATED MODULE: ../core/dist/plan/rename-conflicts.js
/** Rows whose `new_email` is another row's email or another row's `new_email`: renaming would merge two rows. */
function collidingRenames(ctx) {
    const rows = ctx.input.desired.users;
    const blocked = new Set();
    if (!rows.some((row) => row.newEmail !== undefined && row.newEmail !== row.email))
        return blocked;
    const rowByEmail = new Map(rows.map((row) => [row.email, row]));
    const claimedBy = new Map();
    for (const row of rows) {
        if (row.newEmail === undefined || row.newEmail === row.email)
            continue;
        const other = rowByEmail.get(row.newEmail);
        const earlier = claimedBy.get(row.newEmail);
        if (other === undefined && earlier === undefined) {
            claimedBy.set(row.newEmail, row.line);
            continue;
        }
        blocked.add(row.line);
        ctx.report("error", "PLAN_RENAME_CONFLICT", row.line, ctx.input.desired.columns.new_email, `Cannot rename ${row.emailAsWritten} to ${row.newEmailAsWritten ?? row.newEmail}: ${other === undefined
            ? `line ${earlier} renames another user to the same address`
            : `line ${other.line} is a row for that address`}.`);
    }
    return blocked;
}
//# sourceMappingURL=rename-conflicts.js.map
;// CONCATENATED MODULE: ../core/dist/plan/target-label.js
/**
 * How every message names a plan's target: `sigma`, or `periscope (acme)` when a vendor reaches
 * several targets (a Periscope site). The CLI, the Action and the renderers all say it this way.
 */
function target_label_targetLabel(where) {
    return where.target === undefined ? where.vendor : `${where.vendor} (${where.target})`;
}
//# sourceMappingURL=target-label.js.map
;// CONCATENATED MODULE: ../core/dist/plan/safety.js





/** Hex characters of the destructive set's sha256 that an acknowledgement carries. */
const ACKNOWLEDGEMENT_DIGEST_LENGTH = 8;
/**
 * The short digest of exactly these destructive changes: sha256 over the canonical JSON of the
 * list, each change without its users.csv line (moving a row does not change what it does), first
 * 8 hex characters. Two different sets, even of the same size, get different digests.
 */
function destructiveDigest(destructive) {
    const canonical = canonicalJson(destructive.map(destructivePart));
    return (0,external_node_crypto_.createHash)("sha256").update(canonical).digest("hex").slice(0, ACKNOWLEDGEMENT_DIGEST_LENGTH);
}
/**
 * What a destructive change takes away, for the digest: the change without its users.csv line, and
 * for a downgrade only its role field (a name edited in the same row is not what was acknowledged).
 */
function destructivePart(change) {
    if (change.kind === "update-user") {
        return { ...change, line: undefined, fields: change.fields.filter((field) => field.field === "role") };
    }
    return { ...change, line: undefined };
}
/**
 * The largest number of destructive changes allowed without acknowledgement for `managedUsers`
 * active managed users: the percentage (rounded down; integer arithmetic keeps `10% of 30` at
 * exactly 3) or the floor, whichever is larger (octoDNS `MAX_SAFE_DELETE_PCENT` with
 * `MIN_EXISTING_RECORDS`). The floor never lifts the limit past half of them: emptying a small
 * organisation always needs an acknowledgement, whatever the floor. Only a percentage over 50,
 * which says so explicitly, allows more.
 */
function removalLimit(managedUsers, threshold) {
    const { percent, floor } = threshold;
    const share = Math.floor((percent * managedUsers) / 100);
    return Math.max(share, Math.min(floor, Math.floor(managedUsers / 2)));
}
/**
 * The removal threshold (README.md#safety): more destructive changes than `removalLimit` make the
 * plan unsafe unless the policy acknowledges exactly this destructive set (`N@digest`), so a
 * different set, even of the same size, is blocked again.
 */
function assessSafety(changes, managedUsers, policy) {
    const destructiveChanges = changes.filter(types_isDestructive);
    const destructive = destructiveChanges.length;
    const limit = removalLimit(managedUsers, policy.removalThreshold);
    if (destructive <= limit) {
        return { destructive, managedUsers, limit, unsafe: false, acknowledgement: null, acknowledgementValue: null };
    }
    const needed = `${destructive}@${destructiveDigest(destructiveChanges)}`;
    const acknowledgement = settingHint("allow-removals", policy.surface ?? "action", needed);
    const given = policy.allowRemovals?.map((ack) => ack.digest === undefined ? `${ack.count}` : `${ack.count}@${ack.digest}`);
    const unsafe = given?.includes(needed) !== true;
    return {
        destructive,
        managedUsers,
        limit,
        unsafe,
        acknowledgement,
        acknowledgementValue: needed,
        ...(given !== undefined && unsafe ? { acknowledgementMismatch: { given: given.join(", "), needed } } : {}),
    };
}
/** Why a given acknowledgement does not allow this plan, in a sentence; "" when none was given. */
function mismatchSentence(safety, policy) {
    const mismatch = safety.acknowledgementMismatch;
    if (mismatch === undefined)
        return "";
    const given = settingHint("allow-removals", policy.surface ?? "action", mismatch.given);
    return mismatch.given.includes("@")
        ? ` The acknowledgement given, "${given}", names a different set of destructive changes, so it does not apply to this plan.`
        : ` "${given}" is a bare count: an acknowledgement names the exact destructive changes (count@digest).`;
}
/** The PLAN_UNSAFE error: names the count, the limit and the exact acknowledgement. */
function unsafeDiagnostic(safety, policy, file) {
    if (!safety.unsafe || safety.acknowledgement === null)
        return undefined;
    const { percent, floor } = policy.removalThreshold;
    return {
        severity: "error",
        code: "PLAN_UNSAFE",
        file,
        line: 0,
        message: `Unsafe plan: ${safety.destructive} destructive changes exceed the limit of ${safety.limit} ` +
            `(${percent}% of ${safety.managedUsers} active managed users, at least ${floor}, at most half).` +
            `${mismatchSentence(safety, policy)} ` +
            `Review them, then acknowledge exactly these changes with "${safety.acknowledgement}".`,
    };
}
/** An input error: any error but the safety verdict (PLAN_UNSAFE), which is reported as `unsafe` on its own. */
const isInputError = (d) => d.severity === "error" && d.code !== "PLAN_UNSAFE";
/** The plan's input errors (`isInputError`), e.g. to count them in a report. */
function inputErrors(plan) {
    return plan.diagnostics.filter(isInputError);
}
/** Whether the plan is invalid (it has input errors), whatever its safety verdict. */
function safety_hasInputErrors(plan) {
    return plan.diagnostics.some(isInputError);
}
/**
 * Why an unsafe plan stops, for the reader on `surface`: the count, the limit, why a given
 * acknowledgement does not apply, and the exact one that would (as a CLI flag, or an Action input).
 * `acknowledgement` replaces the plan's own where the adapter spells it otherwise (a roster.yml
 * run's `allow-removals: sigma=7@3fa9c1d2`).
 */
function unsafeMessage(plan, surface, acknowledgement) {
    const { destructive, limit, managedUsers } = plan.safety;
    const given = acknowledgement ?? plan.safety.acknowledgement ?? settingHint("allow-removals", surface);
    const how = surface === "cli" ? `rerun with ${given}` : `set the input "${given}"`;
    return (`Refusing: the plan for ${target_label_targetLabel(plan)} is unsafe: ${destructive} destructive changes ` +
        `(deactivations, deletions, group removals, downgrades) exceed the limit of ${limit} ` +
        `for ${managedUsers} active managed users.${mismatchSentence(plan.safety, { surface })} ` +
        `Review the plan, then ${how} to acknowledge exactly these changes.`);
}
//# sourceMappingURL=safety.js.map
;// CONCATENATED MODULE: ../core/dist/plan/plan-changes.js









/** Columns the vendor cannot use at all: reported once, on the header column, not on every row. */
function reportColumns(ctx) {
    const { desired, directory, vendor } = ctx.input;
    const roleColumn = desired.columns.role;
    if (roleColumn !== undefined && !ctx.capabilities.roles && desired.users.some((row) => row.role !== undefined)) {
        // A warning, not an error: one users.csv can feed several vendors, and only some have roles.
        ctx.report("warning", "PLAN_UNSUPPORTED", desired.headerLine, roleColumn, `${vendor.id} has no account types; the role column is ignored.`);
    }
    for (const [name, column] of Object.entries(desired.attributeColumns)) {
        if (!ctx.capabilities.attributes) {
            ctx.report("warning", "PLAN_UNSUPPORTED", desired.headerLine, column, `${vendor.id} has no user attributes; column "attr:${name}" is ignored.`);
        }
        else if (directory.attributes !== undefined && matchName(directory.attributes, name) === undefined) {
            const known = directory.attributes.length === 0 ? "none" : directory.attributes.join(", ");
            ctx.report("error", "PLAN_UNSUPPORTED", desired.headerLine, column, `Unknown user attribute "${name}" in ${vendor.id}: create it there first (existing attributes: ${known}).`);
        }
    }
}
function createGroupChanges(ctx) {
    if (!ctx.input.desired.groupsNamed.some((written) => ctx.resolveGroup(written).kind === "create"))
        return [];
    const firstLine = new Map();
    for (const row of ctx.input.desired.users) {
        for (const written of row.groups ?? []) {
            const resolved = ctx.resolveGroup(written);
            if (resolved.kind === "create" && !firstLine.has(resolved.name))
                firstLine.set(resolved.name, row.line);
        }
    }
    return [...firstLine].map(([group, line]) => ({ kind: "create-group", group, line }));
}
/** Active users the file's rows reach and Roster may change (protected identities excluded). */
function managedInFile(ctx, matched) {
    let count = 0;
    for (const user of ctx.input.directory.users) {
        if (matched.has(user.id) && user.status !== "deactivated" && ctx.protectedReason(user.email) === undefined) {
            count += 1;
        }
    }
    return count;
}
/**
 * Diffs users.csv against what the vendor has. Pure and deterministic: the same inputs give the
 * same plan and checksum, whatever order the vendor listed its users in.
 */
function planChanges(given) {
    // Only what the vendor read is planned (a kind left unread is an error, never a guess).
    const { input, diagnostics: unread } = restrictToRead(given);
    const ctx = createPlanContext(input);
    reportColumns(ctx);
    const changes = createGroupChanges(ctx);
    const blocked = collidingRenames(ctx);
    const matched = new Set();
    let unchanged = 0;
    const rows = input.desired.users;
    for (let position = 0; position < rows.length; position++) {
        const row = rows[position];
        const outcome = planRow(ctx, row, blocked.has(row.line));
        for (const change of outcome.changes)
            changes.push(change);
        if (outcome.matchedUserId !== undefined)
            matched.add(outcome.matchedUserId);
        if (outcome.unchanged)
            unchanged += 1;
    }
    const absent = planAbsentUsers(ctx, matched);
    // One by one: a spread passes every change as an argument, and deactivating 200,000 absent
    // users overflows the stack (test "plans 200,000 absent users").
    for (const change of absent.changes)
        changes.push(change);
    const sorted = sortChanges(changes);
    const safety = assessSafety(sorted, absent.managedActive + managedInFile(ctx, matched), input.policy);
    const unsafe = unsafeDiagnostic(safety, input.policy, input.desired.file);
    const core = {
        version: 1,
        vendor: input.vendor.id,
        ...(input.vendor.target === undefined ? {} : { target: input.vendor.target }),
        changes: sorted,
    };
    return {
        ...core,
        file: input.desired.file,
        counts: countChanges(sorted, { unmanaged: absent.unmanaged, unchanged }),
        safety,
        diagnostics: sortDiagnostics([
            ...input.desired.diagnostics,
            ...unread,
            ...ctx.diagnostics,
            ...(unsafe ? [unsafe] : []),
        ]),
        checksum: planChecksum(core),
    };
}
//# sourceMappingURL=plan-changes.js.map
;// CONCATENATED MODULE: ../core/dist/engine/validate-for-vendor.js

/**
 * Values the vendor can never accept, whatever it holds: what the planner would reject later as
 * PLAN_UNSUPPORTED or PLAN_RESERVED_GROUP, with the same code and message, known from the
 * capabilities alone. (A row that
 * reactivates someone is not here: whether the user is deactivated needs the live vendor.)
 */
function capabilityChecks(vendor) {
    const { capabilities, id } = vendor;
    return (user, file, columns) => {
        const out = [];
        const add = (column, message, code = "PLAN_UNSUPPORTED") => {
            const col = columns[column];
            out.push({
                severity: "error",
                code,
                file,
                line: user.line,
                message,
                ...(col === undefined ? {} : { column: col }),
            });
        };
        if (user.status === "deactivated" && !capabilities.deactivate)
            add("status", `${id} cannot deactivate users.`);
        if (user.newEmail !== undefined && user.newEmail !== user.email && !capabilities.renameEmail) {
            add("new_email", `${id} cannot change a user's email address.`);
        }
        // A group the vendor reserves by name (Adobe's admin roles, Periscope's Everyone) is known
        // without the live directory; one the directory marks reserved is left to plan.
        for (const group of user.groups ?? []) {
            if (capabilities.isReservedGroup(group)) {
                add("groups", reservedGroupMessage(group, capabilities.groupNoun, id), "PLAN_RESERVED_GROUP");
            }
        }
        return out;
    };
}
/**
 * Every offline row rule for a vendor, in one place: the capability checks above and the vendor's
 * own `validateUser` (allowed values, identity types, Adobe's group-name rules). `roster validate`,
 * the Action's offline path (fork pull requests) and `planForVendor` all use it, so a file that
 * validates never fails a plan for a reason that needed no vendor (validate-for-vendor.test.ts).
 */
function vendorRowChecks(vendor) {
    const capabilities = capabilityChecks(vendor);
    const own = vendor.validateUser?.bind(vendor);
    return (user, file, columns) => {
        const vendorOwn = own === undefined ? [] : own(user, file, columns);
        // The vendor's own rule on a group name (Adobe: no leading "_") says more than "reserved":
        // one problem per cell.
        const groupsFlagged = vendorOwn.some((d) => d.severity === "error" && d.column === columns.groups);
        const found = capabilities(user, file, columns).filter((d) => !(groupsFlagged && d.code === "PLAN_RESERVED_GROUP"));
        return [...found, ...vendorOwn];
    };
}
/**
 * How users.csv is read for a vendor: with its group separators and every offline row rule
 * (`vendorRowChecks`), so the CLI and the Action (a fork's pull request included) report the same
 * problems for the same file.
 */
function vendorCsvOptions(vendor) {
    return { groupSeparators: vendor.capabilities.groupSeparators, validateUser: vendorRowChecks(vendor) };
}
function diagnosticKey(d) {
    return `${d.code}\u0000${d.file}\u0000${d.line}\u0000${d.column ?? ""}\u0000${d.message}`;
}
/**
 * Adds the vendor's offline row checks (`vendorRowChecks`) to the desired state's diagnostics, and
 * keeps the users they reject out of it, as the CSV reader does with its own row errors.
 * Idempotent: a diagnostic already present (the reader ran the same checks) is not added twice.
 */
function validateForVendor(desired, vendor) {
    const check = vendorRowChecks(vendor);
    const columns = {};
    for (const [name, column] of Object.entries(desired.columns))
        if (column !== undefined)
            columns[name] = column;
    for (const [name, column] of Object.entries(desired.attributeColumns))
        columns[`attr:${name}`] = column;
    const seen = new Set(desired.diagnostics.map(diagnosticKey));
    const added = [];
    const rejected = new Set();
    for (const user of desired.users) {
        for (const diagnostic of check(user, desired.file, columns)) {
            if (diagnostic.severity === "error")
                rejected.add(user);
            const key = diagnosticKey(diagnostic);
            if (seen.has(key))
                continue;
            seen.add(key);
            added.push(diagnostic);
        }
    }
    if (added.length === 0 && rejected.size === 0)
        return desired;
    return {
        ...desired,
        users: rejected.size === 0 ? desired.users : desired.users.filter((user) => !rejected.has(user)),
        diagnostics: [...desired.diagnostics, ...added],
    };
}
//# sourceMappingURL=validate-for-vendor.js.map
;// CONCATENATED MODULE: ../core/dist/engine/run-plan.js







/**
 * Reads the vendor and plans. With `serverCheck`, a plan that has changes and no input errors is also
 * submitted to the vendor's server-side dry run, and each rejection becomes a PLAN_VENDOR_REJECTS
 * error on the line of the change (the file is invalid for this vendor, like an unknown group).
 */
async function planForVendor(input) {
    const { vendor, policy, context } = input;
    // The CSV parse (and the vendor's row checks) and the vendor read are independent: overlap them.
    // Planning waits for both: planning each page of users as it arrived (Adobe) was measured on the
    // 100,000-user benchmark and gained no time beyond the noise, for 25 MB more peak memory
    // (docs/benchmarks.md#memory).
    const checked = Promise.resolve(input.desired).then((parsed) => validateForVendor(parsed, vendor));
    // The vendor reads only what this file and policy need (plan/read-needs.ts): it starts on the
    // users at once and learns the rest when the file is parsed.
    const needs = checked.then((desired) => readNeedsOf(desired, policy, vendor.capabilities));
    needs.catch(() => undefined); // a file that cannot be read fails the Promise.all below, not here
    const [desired, directory] = await Promise.all([checked, vendor.read({ ...context, needs })]);
    context.logger.debug(`${vendor.id}: read ${directory.users.length} users and ${directory.groups.length} groups`);
    const plan = planChanges({ desired, directory, policy, vendor });
    // An unsafe plan is still checked: the reviewer should see rejections before acknowledging it.
    if (!input.serverCheck || vendor.check === undefined || plan.changes.length === 0 || safety_hasInputErrors(plan)) {
        return { directory, plan };
    }
    const check = await vendor.check(plan, directory, context);
    if (check.rejections.length === 0)
        return { directory, plan };
    const rejected = check.rejections.map((rejection) => {
        const change = plan.changes[rejection.index];
        const subject = change === undefined
            ? "a change"
            : change.kind === "create-group"
                ? `${change.kind} ${change.group}`
                : `${change.kind} ${change.email}`;
        const code = rejection.code === undefined ? "" : ` (${rejection.code})`;
        return {
            severity: "error",
            code: "PLAN_VENDOR_REJECTS",
            file: plan.file,
            line: change?.line ?? 0,
            message: `${vendor.id} would reject ${subject}: ${rejection.message}${code}`,
        };
    });
    return { directory, plan: { ...plan, diagnostics: sortDiagnostics([...plan.diagnostics, ...rejected]) } };
}
/**
 * Re-reads the vendor and re-plans right before writing (the state may have moved since the
 * review), then refuses without writing when the plan is invalid, unsafe, or not the reviewed
 * one (octoDNS `--checksum`); otherwise applies it.
 */
async function applyForVendor(input) {
    const { directory, plan } = await planForVendor(input);
    if (safety_hasInputErrors(plan))
        return { plan, result: undefined, refused: "invalid" };
    if (plan.safety.unsafe)
        return { plan, result: undefined, refused: "unsafe" };
    const expected = input.expectedChecksum;
    const accepted = expected === undefined ||
        (typeof expected === "string" ? checksumMatches(expected, plan.checksum) : expected.includes(plan.checksum));
    if (!accepted) {
        return { plan, result: undefined, refused: "checksum" };
    }
    if (input.beforeWrite !== undefined && plan.changes.length > 0) {
        const notice = await input.beforeWrite(plan);
        if (notice !== undefined)
            return { plan, result: undefined, refused: "superseded", notice };
    }
    const result = await applyPlan(input.vendor, plan, directory, { stopOnError: input.stopOnError }, input.context);
    return { plan, result };
}
//# sourceMappingURL=run-plan.js.map
;// CONCATENATED MODULE: ../core/dist/engine/config-run.js









/** Loads roster.yml and finds its users files. Throws RosterConfigError / ConfigError. */
async function prepareConfigRun(input) {
    const displayName = input.displayName ?? input.path;
    const loaded = await loadRosterConfig(input.path, displayName);
    const config = input.usersOverride === undefined
        ? loaded
        : { ...loaded, users: input.usersOverride.map((path) => (0,external_node_path_.resolve)(path)), usersLine: 0 };
    let vendors = config.vendors;
    if (input.only !== undefined) {
        getVendorModule(input.only); // an unknown id gets the list of vendors Roster supports
        vendors = config.vendors.filter((v) => v.id === input.only);
        if (vendors.length === 0) {
            throw new errors_ConfigError("vendor", `--vendor ${input.only}: ${displayName} does not manage ${input.only}; its vendors are ${config.vendors.map((v) => v.id).join(", ")}.`);
        }
    }
    const root = (0,external_node_path_.resolve)(input.displayRoot ?? ".");
    const prefix = (0,external_node_path_.relative)(root, config.dir).split(external_node_path_.sep).join("/");
    const files = await expandUsersFiles(config, prefix);
    return { config, vendors, modules: vendors.map((v) => getVendorModule(v.id)), files };
}
/** Every users file read as one and resolved for each vendor of the run. */
function readConfigUsers(run) {
    return readMultiVendorUsers(run.files, { config: run.config, modules: run.modules, csvOptions: vendorCsvOptions });
}
/**
 * The live vendors of a run, built from the environment plus roster.yml's settings (credentials
 * never come from roster.yml). Throws ConfigError naming the first missing setting; vendors built
 * before it are closed.
 */
async function createConfigTargets(run, env, options, 
/** The policy each target gets from roster.yml, adjusted (an acknowledgement, the surface of hints). */
adjust = (policy) => policy) {
    const targets = [];
    try {
        for (const vendorConfig of run.vendors) {
            const module = getVendorModule(vendorConfig.id);
            const settings = settingsWithConfig(env, vendorConfig, run.config.file);
            for (const vendor of module.create(settings, options)) {
                const policy = adjust(vendorConfig.policy, { id: vendor.id, site: vendor.target });
                targets.push({ config: vendorConfig, vendor, policy });
            }
        }
    }
    catch (error) {
        await Promise.all(targets.map((t) => t.vendor.close()));
        throw error;
    }
    return targets;
}
function config_run_desiredFor(users, target) {
    const desired = desiredFor(users, target.config.id, target.vendor.target);
    if (desired === undefined)
        throw new errors_ConfigError("vendor", `${target.config.id} was not read from the users files.`);
    return desired;
}
/** planForVendor for one target of a config run; the plan names each row's own file and line. */
async function planConfigTarget(input) {
    const { directory, plan } = await planForVendor({
        desired: config_run_desiredFor(input.users, input.target),
        vendor: input.target.vendor,
        policy: input.target.policy,
        context: input.context,
        ...(input.serverCheck === undefined ? {} : { serverCheck: input.serverCheck }),
    });
    return { directory, plan: localisePlan(plan, input.users.files) };
}
/**
 * applyForVendor for one target of a config run: with the reviewed checksum (or the accepted
 * ones) when there is one, and the caller's check right before the first write.
 */
async function applyConfigTarget(input) {
    const out = await applyForVendor({
        desired: config_run_desiredFor(input.users, input.target),
        vendor: input.target.vendor,
        policy: input.target.policy,
        context: input.context,
        stopOnError: input.stopOnError,
        ...(input.serverCheck === undefined ? {} : { serverCheck: input.serverCheck }),
        ...(input.expectedChecksum === undefined ? {} : { expectedChecksum: input.expectedChecksum }),
        ...(input.beforeWrite === undefined ? {} : { beforeWrite: input.beforeWrite }),
    });
    return {
        ...out,
        plan: localisePlan(out.plan, input.users.files),
        result: out.result === undefined ? undefined : localiseApplyResult(out.result, input.users.files),
    };
}
//# sourceMappingURL=config-run.js.map
;// CONCATENATED MODULE: ../core/dist/engine/exit-code.js


/** README.md#cli: scripts and CI branch on these, so they never change meaning. */
const ExitCode = {
    /** Done: the file is valid, the plan was shown, or every change was applied. */
    ok: 0,
    /** Invalid users.csv, at least one change failed, or the plan is not the reviewed one (`--checksum`). */
    failed: 1,
    /** Wrong flags or arguments, missing or invalid configuration (credentials, vendor id): the adapters'. */
    usage: 2,
    /** The plan is unsafe: too many destructive changes without the matching `--allow-removals N`. */
    unsafe: 3,
};
/**
 * One verdict for CLI and Action. Invalid input wins over unsafe (fix the file first; the
 * destructive count may change with it); a plan whose checksum differs from the reviewed one is a
 * failure (1), since nothing was applied.
 */
function exitCodeFor(outcome) {
    if (outcome.refused === "invalid" || hasInputErrors(outcome.plan))
        return ExitCode.failed;
    if (outcome.refused === "unsafe" || outcome.plan.safety.unsafe)
        return ExitCode.unsafe;
    if (outcome.refused === "checksum")
        return ExitCode.failed;
    // An unknown outcome needs a look as much as a failure does: the next plan shows what happened.
    if (outcome.result !== undefined && outcome.result.counts.failed + (outcome.result.counts.unknown ?? 0) > 0) {
        return ExitCode.failed;
    }
    return ExitCode.ok;
}
/** A one-line explanation of a refusal, for logs and reports. */
function describeRefusal(refused, plan, expectedChecksum) {
    switch (refused) {
        case "invalid":
            return `Nothing was applied: ${plan.file} has errors for ${plan.vendor}. Fix them and try again.`;
        case "unsafe":
            return `Nothing was applied: ${plan.safety.destructive} destructive changes exceed the limit of ${plan.safety.limit}. Acknowledge with "${plan.safety.acknowledgement}" to apply exactly this plan.`;
        case "superseded":
            return `Nothing was applied to ${plan.vendor}: a newer commit is the head of the default branch, and its run applies users.csv.`;
        case "checksum": {
            // As many characters as were given (at least 12), so the two checksums shown differ visibly.
            const given = expectedChecksum?.trim();
            const shown = Math.min(64, Math.max(CHECKSUM_PREFIX_LENGTH, given?.length ?? 0));
            const reviewed = given === undefined
                ? ""
                : given.length < CHECKSUM_PREFIX_LENGTH
                    ? ` (checksum "${given.slice(0, 64)}" is too short: give at least ${CHECKSUM_PREFIX_LENGTH} characters)`
                    : ` (checksum ${given.slice(0, 64)})`;
            return `Nothing was applied: the plan (checksum ${plan.checksum.slice(0, shown)}) differs from the reviewed plan${reviewed}. The vendor or users.csv changed since the review; plan again and review the new plan.`;
        }
    }
}
//# sourceMappingURL=exit-code.js.map
;// CONCATENATED MODULE: ../core/dist/engine/index.js





//# sourceMappingURL=index.js.map
;// CONCATENATED MODULE: ../core/dist/model/safety-settings.js


/**
 * The two safety settings, parsed once for the CLI flags, the Action inputs and roster.yml alike, so
 * the same text means the same thing everywhere. `setting` is the name the reader typed
 * (`--removal-threshold`, `removal-threshold`): every error names it.
 */
/**
 * `10%`, `10`, `10%,5`, `10,5` (also `;` or `/` before the floor): a percentage of the active managed
 * users, with an optional floor. Without a floor the default floor (5) applies, except that a
 * percentage of 0 means what it says: no destructive change without acknowledgement (floor 0).
 */
function parseRemovalThreshold(text, setting) {
    const match = /^\s*(\d+(?:\.\d+)?)\s*%?\s*(?:[,;/]\s*(\d+)\s*)?$/.exec(text);
    if (!match?.[1]) {
        throw new errors_ConfigError(setting, `${setting} must be a percentage from 0 to 100 with an optional floor, e.g. "10%,5" or "0"; got ${shownValue(text)}.`);
    }
    const percent = Number(match[1]);
    if (percent > 100)
        throw new errors_ConfigError(setting, `${setting} must be at most 100%; got ${shownValue(text)}.`);
    const floor = match[2] !== undefined ? Number(match[2]) : percent === 0 ? 0 : model_policy/* defaultPolicy */.G4.removalThreshold.floor;
    return { percent, floor };
}
/**
 * `7@3fa9c1d2`: the acknowledgement an unsafe plan prints, the count and the short digest of exactly
 * its destructive changes; several (one per target, e.g. Periscope sites) separated by commas,
 * spaces or newlines. A bare count (`7`) is read, so the plan can answer with the exact value to
 * use, but it never acknowledges anything (plan/safety.ts).
 */
function parseAllowRemovals(text, setting) {
    const parts = text.split(/[\s,]+/).filter((part) => part !== "");
    if (parts.length === 0)
        throw invalidAcknowledgement(setting, text);
    return parts.map((part) => {
        const match = /^(\d+)(?:@([0-9a-fA-F]{8}))?$/.exec(part);
        if (!match?.[1])
            throw invalidAcknowledgement(setting, text);
        const count = Number(match[1]);
        return match[2] === undefined ? { count } : { count, digest: match[2].toLowerCase() };
    });
}
function invalidAcknowledgement(setting, text) {
    return new errors_ConfigError(setting, `${setting} must be the acknowledgement an unsafe plan prints, a count and a digest such as "7@3fa9c1d2" (several separated by commas); got ${shownValue(text)}.`);
}
//# sourceMappingURL=safety-settings.js.map
;// CONCATENATED MODULE: ../core/dist/plan/classify.js

/**
 * For a pull request: which changes the PR introduces and which were already pending. The base
 * plan is the base branch's users.csv against the same directory; a change it also contains (same
 * kind, user or group, and payload; lines may have moved) is drift or an unapplied merge, not the
 * PR's doing. Matching counts duplicates, so one pending change never excuses two.
 */
function classifyChanges(prPlan, basePlan) {
    const pending = new Map();
    for (const change of basePlan?.changes ?? []) {
        const key = changeKey(change);
        pending.set(key, (pending.get(key) ?? 0) + 1);
    }
    return prPlan.changes.map((change) => {
        const key = changeKey(change);
        const left = pending.get(key) ?? 0;
        if (left === 0)
            return "introduced";
        pending.set(key, left - 1);
        return "pending";
    });
}
//# sourceMappingURL=classify.js.map
;// CONCATENATED MODULE: ../core/dist/report/escape.js
/**
 * The one place text from users.csv, a vendor, another bot or GitHub becomes report text. Every
 * report that reaches a reader goes through one of two escapers here: `escapeMarkdown` for
 * Markdown (pull request comments, job summaries) and `escapeTerminal` for plain text (log lines,
 * annotations, the CLI). Both cut what they are given to a bounded length first, so a
 * 200 MB one-line users.csv cannot become a 200 MB annotation (escape.test.ts, "cutText").
 *
 * Text from users.csv or a vendor is data, never markup. In a GitHub comment a display name like
 * `<img src=x> | @octocat #1` must render as those characters: no HTML, no broken table, no
 * notification, no cross-reference (docs/plan-in-pr.md#where-reports-go).
 */
const ENTITIES = {
    "&": "&amp;",
    "<": "&lt;",
    ">": "&gt;",
    "|": "&#124;",
    "`": "&#96;",
    "*": "&#42;",
    _: "&#95;",
    "~": "&#126;",
    "[": "&#91;",
    "]": "&#93;",
    "\\": "&#92;",
    // GitHub renders $...$ as math.
    $: "&#36;",
};
// Bidirectional overrides can make a name read differently from what it is ("trojan source").
const BIDI = /[\u202a-\u202e\u2066-\u2069]/g;
/** Replaces C0/C1 control characters (except those `keep` allows); a loop, not a regex, to keep them out of the source. */
function replaceControls(text, replace, keep = () => false) {
    let out = "";
    for (const char of text) {
        const code = char.charCodeAt(0);
        const control = code < 0x20 || (code >= 0x7f && code <= 0x9f);
        out += control && !keep(code) ? replace(char) : char;
    }
    return out;
}
/** How much of one quoted value (a cell, a vendor message) a report shows. */
const CELL_MAX_CHARS = 200;
/** How much of one diagnostic message (which quotes a cell) a report shows. */
const escape_MESSAGE_MAX_CHARS = 400;
/**
 * The backstop for any one text handed to an escaper: a composed line (a user's group list, a
 * message) is still readable, and nothing unbounded reaches GitHub or a terminal.
 */
const TEXT_MAX_CHARS = 4_000;
/**
 * Cuts `text` to at most about `max` characters, keeping its start and its end (a message that
 * quotes a long cell keeps the reason that follows the cell) with a marker saying how much was
 * cut. Never splits a surrogate pair. Cut cells, never rows: callers cut each value, not lists.
 */
function cutText(text, max = CELL_MAX_CHARS) {
    if (text.length <= max)
        return text;
    const tailLength = Math.floor(max * 0.3);
    let head = text.slice(0, max - tailLength);
    let tail = text.slice(text.length - tailLength);
    if (/[\ud800-\udbff]$/.test(head))
        head = head.slice(0, -1);
    if (/^[\udc00-\udfff]/.test(tail))
        tail = tail.slice(1);
    const cut = text.length - head.length - tail.length;
    return `${head}…[${cut.toLocaleString("en-US")} characters cut]…${tail}`;
}
function escapeMarkdown(text, max = TEXT_MAX_CHARS) {
    // A line break would end a table row or a list item.
    return (replaceControls(cutText(text, max).replace(/[\r\n\t]+/g, " "), () => "")
        .replace(BIDI, "")
        .replace(/[&<>|`*_~[\]\\$]/g, (char) => ENTITIES[char] ?? char)
        // @mention: GitHub links `@name` unless a word character precedes it (so emails stay as they are).
        .replace(/(?<![A-Za-z0-9])@/g, "@\u200b")
        // Issue references: #123, GH-123.
        // (`&#` is one of the entities above: raw `&` was already encoded as `&amp;`.)
        .replace(/(?<!&)#(?=\d)/g, "#\u200b")
        .replace(/\bGH-(?=\d)/gi, (match) => `${match.slice(0, 2)}\u200b-`)
        // Bare URLs would be autolinked.
        .replace(/:\/\//g, "&#58;//")
        .replace(/\bwww\./gi, (match) => `${match.slice(0, 3)}&#46;`));
}
/** A URL inside `[text](url)` in a table: characters that would end the link or the cell are encoded. */
function escapeUrl(url) {
    return url.replace(/[\s()<>|"`\\[\]]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0")}`);
}
/**
 * For a terminal: control characters (ANSI escape sequences could rewrite the screen or the
 * title) are shown as `\xNN`, line breaks inside a value as spaces.
 */
function escape_escapeTerminal(text, max = TEXT_MAX_CHARS) {
    const shown = replaceControls(cutText(text, max).replace(/[\r\n]+/g, " "), (char) => `\\x${char.charCodeAt(0).toString(16).padStart(2, "0")}`, (code) => code === 0x09);
    return shown.replace(BIDI, "");
}
//# sourceMappingURL=escape.js.map
;// CONCATENATED MODULE: ../core/dist/report/banner.js



const plural = (count, noun) => `${count.toLocaleString("en-US")} ${noun}${count === 1 ? "" : "s"}`;
function target(plan) {
    return escapeMarkdown(target_label_targetLabel(plan));
}
/**
 * The one-line banner that opens every report, so the mode is unmistakable
 * (docs/plan-in-pr.md#mode-fails-closed): dry run, applied, failed, unsafe, invalid or refused.
 */
function planBanner(plan, result, refused) {
    const where = `${target(plan)} · ${escapeMarkdown(plan.file)}`;
    if (result !== undefined) {
        const total = result.results.length;
        const unknown = result.counts.unknown ?? 0;
        const unknownText = unknown > 0 ? `, ${unknown} with unknown outcome` : "";
        if (result.counts.failed > 0) {
            return `❌ **Failed: ${result.counts.failed} of ${plural(total, "change")} failed** — ${result.counts.applied} applied, ${result.counts.skipped} skipped${unknownText} · ${where}`;
        }
        if (unknown > 0) {
            return `❔ **Outcome unknown for ${unknown} of ${plural(total, "change")}** — ${result.counts.applied} applied, ${result.counts.skipped} skipped; the next plan reads them back · ${where}`;
        }
        if (total === 0)
            return `✅ **Applied — no changes were needed** · ${where}`;
        const skipped = result.counts.skipped > 0 ? `, ${result.counts.skipped} skipped` : "";
        return `✅ **Applied: ${plural(result.counts.applied, "change")}**${skipped} · ${where}`;
    }
    const errors = inputErrors(plan).length;
    if (refused === "invalid" || errors > 0) {
        return `❌ **Invalid ${escapeMarkdown(plan.file)} — nothing was changed.** ${plural(errors, "error")} must be fixed before this plan can be applied · ${target(plan)}`;
    }
    const { safety } = plan;
    if (refused === "unsafe" || safety.unsafe) {
        const mismatch = safety.acknowledgementMismatch
            ? ` (\`${safety.acknowledgementMismatch.given}\` was given; it does not name these destructive changes)`
            : "";
        return `⛔ **Unsafe plan — nothing was changed.** ${plural(safety.destructive, "destructive change")} ${safety.destructive === 1 ? "exceeds" : "exceed"} the limit of ${safety.limit}; to apply exactly this plan, acknowledge it with \`${safety.acknowledgement ?? ""}\`${mismatch} · ${where}`;
    }
    if (refused === "superseded") {
        return `⏭️ **Not applied — superseded.** A newer commit is the head of the default branch; its run applies users.csv · ${where}`;
    }
    if (refused === "checksum") {
        return `⛔ **Not applied — this plan awaits approval: it is not the plan reviewed.** Nothing was changed · ${where}`;
    }
    if (plan.changes.length === 0)
        return `🟡 **DRY RUN — nothing was changed.** No changes: the vendor matches the file · ${where}`;
    const acknowledged = safety.acknowledgement !== null ? `, acknowledged by \`${safety.acknowledgement}\`` : "";
    const destructive = safety.destructive > 0 ? ` (${safety.destructive} destructive${acknowledged})` : "";
    return `🟡 **DRY RUN — nothing was changed.** ${plural(plan.changes.length, "change")} planned${destructive} · ${where}`;
}
//# sourceMappingURL=banner.js.map
;// CONCATENATED MODULE: ../core/dist/report/describe-change.js

/**
 * Plain-text descriptions shared by the renderers; each renderer escapes them for its medium.
 * Every value from users.csv or the vendor is cut here, one value at a time (`v`), so one long
 * cell shortens itself and never pushes the rest of the plan out of a size-limited report.
 */
const describe_change_KIND_TITLES = {
    "create-group": "Create group",
    "create-user": "Create user",
    "rename-email": "Rename email",
    "update-user": "Update user",
    "reactivate-user": "Reactivate user",
    "add-to-groups": "Add to groups",
    "remove-from-groups": "Remove from groups",
    "set-attribute": "Set attribute",
    "unset-attribute": "Unset attribute",
    "deactivate-user": "Deactivate user",
    "delete-user": "Delete user",
};
const FIELD_NAMES = {
    firstName: "first name",
    lastName: "last name",
    role: "role",
    username: "username",
    country: "country",
};
const v = (value) => cutText(value, CELL_MAX_CHARS);
const list = (values) => values.map(v).join(", ");
const quote = (value) => (value === null ? "(empty)" : `"${v(value)}"`);
function describeField(change) {
    return `${FIELD_NAMES[change.field]}: ${quote(change.from)} → ${quote(change.to)}`;
}
/** Who or what a change is about: the email, or the group for create-group. */
function describe_change_changeSubject(change) {
    switch (change.kind) {
        case "create-group":
            return v(change.group);
        case "create-user":
            return v(change.user.emailAsWritten);
        default:
            return v(change.email);
    }
}
/** What the change does, in a few words. */
function describe_change_changeDetail(change) {
    switch (change.kind) {
        case "create-group":
            return "new group";
        case "create-user": {
            const { user } = change;
            const parts = [];
            const name = [user.firstName, user.lastName].filter((part) => part !== undefined).join(" ");
            if (name !== "")
                parts.push(`name: ${v(name)}`);
            if (user.role !== undefined)
                parts.push(`role: ${v(user.role)}`);
            if (user.groups.length > 0)
                parts.push(`groups: ${list(user.groups)}`);
            for (const [attribute, value] of Object.entries(user.attributes))
                parts.push(`${v(attribute)}: ${v(value)}`);
            for (const field of ["country", "type", "username", "domain"]) {
                const value = user[field];
                if (value !== undefined)
                    parts.push(`${field}: ${v(value)}`);
            }
            return parts.join(" · ");
        }
        case "rename-email":
            return `→ ${v(change.toAsWritten)}`;
        case "update-user":
            return change.fields.map(describeField).join("; ") + (change.downgrade ? " (downgrade)" : "");
        case "reactivate-user":
            return "status: deactivated → active";
        case "add-to-groups":
            return `+ ${list(change.groups)}`;
        case "remove-from-groups":
            return `− ${list(change.groups)}${change.line === null ? " (absent from the file)" : ""}`;
        case "set-attribute":
            return `${v(change.attribute)}: ${quote(change.from)} → ${quote(change.to)}`;
        case "unset-attribute":
            return `${v(change.attribute)}: ${quote(change.from)} → (unset)`;
        case "deactivate-user":
            return change.line === null ? "absent from the file" : "status: active → deactivated";
        case "delete-user":
            return "absent from the file";
    }
}
function describe_change_describeOutcome(outcome) {
    switch (outcome.status) {
        case "applied":
            return "applied";
        case "failed":
            return `failed: ${cutText(outcome.message, escape_MESSAGE_MAX_CHARS)}${outcome.code === undefined ? "" : ` (${v(outcome.code)})`}`;
        case "skipped":
            return `skipped: ${cutText(outcome.reason, escape_MESSAGE_MAX_CHARS)}`;
        case "unknown":
            return `outcome unknown: ${cutText(outcome.message, escape_MESSAGE_MAX_CHARS)}${outcome.code === undefined ? "" : ` (${outcome.code})`}`;
    }
}
//# sourceMappingURL=describe-change.js.map
;// CONCATENATED MODULE: ../core/dist/report/budget.js
const size = (lines) => lines.reduce((total, line) => total + line.length + 1, 0);
/** A line added to a section whose items were cut; reserved in the budget up front. */
function moreLine(count) {
    return `_… ${count.toLocaleString("en-US")} more not shown._`;
}
const MORE_RESERVE = 60;
/** Chooses how many items of each section fit in `budget` characters. */
function fitSections(sections, budget) {
    const total = sections.reduce((sum, s) => sum + size(s.head) + size(s.items) + size(s.tail), 0);
    if (total <= budget)
        return sections.map((section) => ({ section, kept: section.items.length }));
    let left = budget;
    let stopped = false;
    return sections.map((section) => {
        if (stopped || section.items.length === 0) {
            stopped ||= section.items.length > 0;
            return { section, kept: 0 };
        }
        const frame = size(section.head) + size(section.tail) + MORE_RESERVE + 2;
        if (frame >= left) {
            stopped = true;
            return { section, kept: 0 };
        }
        let kept = 0;
        let used = frame;
        for (const item of section.items) {
            const cost = item.length + 1;
            if (used + cost > left)
                break;
            used += cost;
            kept += 1;
        }
        if (kept === 0) {
            stopped = true;
            return { section, kept: 0 };
        }
        if (kept < section.items.length)
            stopped = true;
        left -= used;
        return { section, kept };
    });
}
/** The lines of fitted sections; a cut section ends with how many of its items are not shown. */
function renderFitted(fitted) {
    const lines = [];
    for (const { section, kept } of fitted) {
        if (kept === 0)
            continue;
        lines.push(...section.head, ...section.items.slice(0, kept));
        if (kept < section.items.length)
            lines.push("", moreLine(section.items.length - kept));
        lines.push(...section.tail);
    }
    return lines;
}
function leftOut(fitted) {
    const shown = { changes: new Set(), problems: new Set() };
    const all = { changes: new Set(), problems: new Set() };
    for (const { section, kept } of fitted) {
        section.ids.forEach((id, index) => {
            all[section.unit].add(id);
            if (index < kept)
                shown[section.unit].add(id);
        });
    }
    const changes = all.changes.size - shown.changes.size;
    const problems = all.problems.size - shown.problems.size;
    return { changes, problems, total: changes + problems };
}
//# sourceMappingURL=budget.js.map
;// CONCATENATED MODULE: ../core/dist/report/outcomes.js

/**
 * The outcome of each change of `plan`, by index. Vendors return one result per change in plan
 * order; when the result is for an equal plan built separately, changes are matched by content.
 */
function outcomes_outcomesFor(plan, result) {
    if (result === undefined)
        return plan.changes.map(() => undefined);
    const byIndex = plan.changes.map((change, index) => {
        const applied = result.results[index];
        return applied !== undefined && applied.change === change ? applied.outcome : undefined;
    });
    if (byIndex.every((outcome) => outcome !== undefined))
        return byIndex;
    const queues = new Map();
    for (const applied of result.results) {
        const key = canonicalJson(applied.change);
        queues.set(key, [...(queues.get(key) ?? []), applied.outcome]);
    }
    return plan.changes.map((change) => queues.get(canonicalJson(change))?.shift());
}
function outcomeCountsByKind(plan, outcomes) {
    const counts = new Map();
    plan.changes.forEach((change, index) => {
        const outcome = outcomes[index];
        if (outcome === undefined)
            return;
        const entry = counts.get(change.kind) ?? { applied: 0, failed: 0, skipped: 0, unknown: 0 };
        entry[outcome.status] += 1;
        counts.set(change.kind, entry);
    });
    return counts;
}
//# sourceMappingURL=outcomes.js.map
;// CONCATENATED MODULE: ../core/dist/report/render-markdown.js






const ORIGIN_LABEL = {
    introduced: "🆕 introduced by this PR",
    pending: "⏳ already pending",
};
const OUTCOME_ICON = {
    applied: "✅",
    failed: "❌",
    skipped: "⏭️",
    unknown: "❔",
};
const SEVERITY_ICON = { error: "❌", warning: "⚠️", notice: "ℹ️" };
/**
 * `[line 3, column 2](url)`, or the file's name for a problem of the whole file. With several users
 * files read as one (roster.yml `users:` list), `own` names the row's file when it is not `file`.
 */
function lineLink(file, csvUrl, line, column, own) {
    if (line === null)
        return "—";
    const other = own !== undefined && own !== file ? own : undefined;
    const prefix = other === undefined ? "" : `${escapeMarkdown(other)} `;
    const where = line === 0
        ? escapeMarkdown(other ?? file)
        : column === undefined
            ? `${prefix}line ${line}`
            : `${prefix}line ${line}, column ${column}`;
    const url = line === 0 ? undefined : csvUrl?.(line, other);
    return url === undefined ? where : `[${where}](${escapeUrl(url)})`;
}
function countsTable(input, outcomes) {
    const { plan, result } = input;
    const byKind = outcomeCountsByKind(plan, outcomes);
    const header = result === undefined
        ? ["| Change | Planned |", "| --- | ---: |"]
        : ["| Change | Planned | Applied | Failed | Skipped |", "| --- | ---: | ---: | ---: | ---: |"];
    const rows = [];
    for (const kind of types_CHANGE_KIND_ORDER) {
        const planned = plan.counts[kind];
        if (planned === 0)
            continue;
        const done = byKind.get(kind) ?? { applied: 0, failed: 0, skipped: 0 };
        const flag = plan.changes.some((c) => c.kind === kind && types_isDestructive(c)) ? " ⚠️" : "";
        rows.push(result === undefined
            ? `| ${describe_change_KIND_TITLES[kind]}${flag} | ${planned} |`
            : `| ${describe_change_KIND_TITLES[kind]}${flag} | ${planned} | ${done.applied} | ${done.failed} | ${done.skipped} |`);
    }
    const row = (cells) => `| ${cells.join(" | ")} |`;
    const blank = result === undefined ? [] : ["", "", ""];
    const totals = result === undefined
        ? []
        : [result.counts.applied, result.counts.failed, result.counts.skipped].map((n) => `**${n}**`);
    return [
        ...header,
        ...rows,
        row(["**Total**", `**${plan.counts.total}**`, ...totals]),
        row([`Destructive (limit ${plan.safety.limit})`, plan.safety.destructive, ...blank]),
        row(["Users unchanged", plan.counts.unchanged, ...blank]),
        row([`Users not in ${escapeMarkdown(plan.file)}, left alone`, plan.counts.unmanaged, ...blank]),
    ];
}
function changeRow(input, change, index, outcomes, withKind) {
    const cells = [lineLink(input.plan.file, input.csvUrl, change.line, undefined, change.file)];
    if (withKind)
        cells.push(describe_change_KIND_TITLES[change.kind]);
    cells.push(escapeMarkdown(describe_change_changeSubject(change)), escapeMarkdown(describe_change_changeDetail(change)));
    if (input.origins !== undefined)
        cells.push(ORIGIN_LABEL[input.origins[index] ?? "introduced"]);
    if (input.result !== undefined) {
        const outcome = outcomes[index];
        cells.push(outcome === undefined ? "—" : `${OUTCOME_ICON[outcome.status]} ${escapeMarkdown(describe_change_describeOutcome(outcome))}`);
    }
    return `| ${cells.join(" | ")} |`;
}
function tableHead(input, withKind) {
    const columns = ["Line", ...(withKind ? ["Change"] : []), "User or group", "Details"];
    if (input.origins !== undefined)
        columns.push("Origin");
    if (input.result !== undefined)
        columns.push("Result");
    return [`| ${columns.join(" | ")} |`, `| ${columns.map(() => "---").join(" | ")} |`];
}
/** One problem as a list item: severity, linked location, the message (cut and escaped), its code. */
function diagnosticLine(d, csvUrl, planFile) {
    return `- ${SEVERITY_ICON[d.severity]} **${d.severity}** · ${lineLink(planFile ?? d.file, csvUrl, d.line, d.column, d.file)} · ${escapeMarkdown(d.message, escape_MESSAGE_MAX_CHARS)} \`${d.code}\``;
}
/**
 * The plan (or apply report) as GitHub-flavoured markdown for a PR comment or the job summary:
 * banner, counts, problems, destructive changes flagged and open, the rest per kind in
 * collapsed sections. Always within `maxChars`: when the plan is too large, banner and counts
 * stay, destructive changes come first, and a note says exactly how many lines were left out and
 * where the full report is (docs/plan-in-pr.md#never-fail-silently).
 */
function renderPlanMarkdown(input) {
    const { plan } = input;
    const maxChars = input.maxChars ?? 60_000;
    const outcomes = outcomes_outcomesFor(plan, input.result);
    const header = [planBanner(plan, input.result, input.refused), ""];
    if (input.heading !== undefined)
        header.push(`### ${escapeMarkdown(input.heading)}`, "");
    header.push(...countsTable(input, outcomes), "");
    const indexed = plan.changes.map((change, index) => ({ change, index }));
    const destructive = indexed.filter(({ change }) => types_isDestructive(change));
    const destructiveSection = {
        unit: "changes",
        head: [`#### ⚠️ Destructive changes (${destructive.length})`, "", ...tableHead(input, true)],
        items: destructive.map(({ change, index }) => changeRow(input, change, index, outcomes, true)),
        ids: destructive.map(({ index }) => index),
        tail: [""],
    };
    const failed = indexed.filter(({ index }) => outcomes[index]?.status === "failed");
    const failedSection = {
        unit: "changes",
        head: [`#### ❌ Failed changes (${failed.length})`, "", ...tableHead(input, true)],
        items: failed.map(({ change, index }) => changeRow(input, change, index, outcomes, true)),
        ids: failed.map(({ index }) => index),
        tail: [""],
    };
    const problemsSection = {
        unit: "problems",
        head: [`#### Problems (${plan.diagnostics.length})`, ""],
        items: plan.diagnostics.map((d) => diagnosticLine(d, input.csvUrl, plan.file)),
        ids: plan.diagnostics.map((_, index) => index),
        tail: [""],
    };
    const kindSections = types_CHANGE_KIND_ORDER.map((kind) => {
        const rows = indexed.filter(({ change }) => change.kind === kind && !types_isDestructive(change));
        return {
            unit: "changes",
            head: [`<details><summary>${describe_change_KIND_TITLES[kind]} (${rows.length})</summary>`, "", ...tableHead(input, false)],
            items: rows.map(({ change, index }) => changeRow(input, change, index, outcomes, false)),
            ids: rows.map(({ index }) => index),
            tail: ["", "</details>", ""],
        };
    });
    const footerReserve = 400 + (input.fullReportHint?.length ?? 0);
    const headerText = `${header.join("\n")}\n`;
    const budget = maxChars - headerText.length - footerReserve;
    // Priority when cutting: destructive changes, failures, problems, then the rest in kind order.
    // Failed changes also appear in their kind's section; one is left out only if neither shows it.
    const fitted = fitSections([destructiveSection, failedSection, problemsSection, ...kindSections], budget);
    const [fittedDestructive, fittedFailed, fittedProblems, ...fittedKinds] = fitted;
    const first = [fittedFailed, fittedProblems, fittedDestructive].filter((f) => f !== undefined);
    const body = renderFitted([...first, ...fittedKinds]);
    const cut = leftOut(fitted);
    const footer = [];
    if (cut.total > 0) {
        const parts = [
            cut.changes > 0 ? `${cut.changes.toLocaleString("en-US")} changes` : "",
            cut.problems > 0 ? `${cut.problems.toLocaleString("en-US")} problems` : "",
        ].filter((p) => p !== "");
        const hint = input.fullReportHint === undefined ? "" : escapeMarkdown(input.fullReportHint);
        const linked = input.fullReportUrl === undefined ? hint : `[${hint}](${escapeUrl(input.fullReportUrl)})`;
        const where = hint === "" ? "" : ` The full plan is in ${linked}.`;
        footer.push(`> ✂️ **This report was shortened to fit:** ${cut.total.toLocaleString("en-US")} lines were left out (${parts.join(", ")}). The counts above are complete.${where}`, "");
    }
    footer.push(`<sub>Plan checksum \`${plan.checksum}\`</sub>`);
    const text = `${headerText}${[...body, ...footer].join("\n")}\n`;
    if (text.length <= maxChars)
        return text;
    // Only reachable with a budget too small for banner and counts: cut hard, still saying so.
    const note = "\n\n> ✂️ **Report cut to fit the size limit.**\n";
    return `${text.slice(0, Math.max(0, maxChars - note.length))}${note}`;
}
//# sourceMappingURL=render-markdown.js.map
;// CONCATENATED MODULE: ../core/dist/report/render-review.js

const render_review_short = (checksum) => `\`${escapeMarkdown(checksum.slice(0, 12))}\``;
function render_review_where(pull) {
    return pull === undefined ? "this commit (a direct push, no pull request)" : `#${pull}`;
}
/** Why the plan made now is not the reviewed one, in a sentence; undefined when it is. */
function reviewMismatch(input) {
    const { reviewed } = input;
    const on = render_review_where(input.pull);
    switch (reviewed.status) {
        case "found":
            return reviewed.checksum === input.checksum
                ? undefined
                : `the plan made now (${render_review_short(input.checksum)}) differs from the plan Roster last showed on ${on} (${render_review_short(reviewed.checksum)}): users.csv or the vendor changed after that plan was made`;
        case "unreadable":
            return `Roster could not read the pull request's comments on ${on}, so it cannot tell which plan was reviewed`;
        case "none":
            switch (reviewed.why) {
                case "no-pull-request":
                    return "this commit came from no pull request (a direct push), so no plan was reviewed";
                case "not-in-plan":
                    return `Roster's plan comment on ${on} showed no plan for this target (it was not configured then, or could not be planned), so none was reviewed`;
                case "invalid-file":
                    return `the last Roster run on ${on} showed no plan, only an invalid-file report, so no plan was reviewed`;
                case "no-plan":
                    return `Roster's own plan comment was not found on ${on}, so no plan was reviewed`;
                case "edited-after-merge":
                    return `Roster's plan comment on ${on} was changed after the merge (a later run of the pull request's workflow), so it is not the plan reviewed before merging`;
            }
    }
}
/** The sentence under the banner of a merge report. */
function renderReviewBinding(input) {
    const mismatch = reviewMismatch(input);
    if (input.approved) {
        return `✅ Applied the plan approved by its full checksum (${render_review_short(input.checksum)}) with \`approve-checksum\`.`;
    }
    if (mismatch === undefined) {
        const { reviewed } = input;
        const at = reviewed.status === "found" && reviewed.sha !== "" ? ` at \`${escapeMarkdown(reviewed.sha.slice(0, 7))}\`` : "";
        return input.applied
            ? `✅ Applied exactly the plan reviewed on ${render_review_where(input.pull)}${at} (checksum ${render_review_short(input.checksum)}).`
            : `ℹ️ This is the plan reviewed on ${render_review_where(input.pull)}${at} (checksum ${render_review_short(input.checksum)}); it was not applied, as the banner says.`;
    }
    if (input.refused)
        return `⛔ **Nothing was applied**: ${mismatch}.`;
    if (input.empty)
        return `ℹ️ Nothing to apply; note that ${mismatch}.`;
    if (!input.applied)
        return `ℹ️ Nothing was applied, as the banner says; note also that ${mismatch}.`;
    return `⚠️ Applied without a matching review (\`reviewed-plan: report\`): ${mismatch}.`;
}
/**
 * How to approve a refused plan: a manual run with its full checksum. The targets refused in a
 * roster.yml run get one notice (at the top of the run's one comment) naming each target and its
 * checksum, and the one `approve-checksum` value (every checksum, comma-separated) that approves
 * them all.
 */
function renderApprovalHowTo(refused) {
    if (typeof refused === "string") {
        return [
            "> [!IMPORTANT]",
            "> **This plan is awaiting approval.** It is a notice, not a reviewed plan: merging again or rerunning this",
            "> workflow does not apply it. To apply exactly this plan, review it above, then run the workflow",
            "> manually on the default branch (Actions → Run workflow) with the input",
            `> \`approve-checksum: ${escapeMarkdown(refused)}\``,
            "> (the full checksum; a plan that has changed again is refused again).",
        ].join("\n");
    }
    const one = refused.length === 1;
    return [
        "> [!IMPORTANT]",
        `> **${one ? "1 plan is" : `${refused.length} plans are`} awaiting approval, not applied.** ${one ? "It is a notice, not a reviewed plan" : "They are notices, not reviewed plans"}:`,
        `> merging again or rerunning this workflow does not apply ${one ? "it" : "them"}. To apply exactly ${one ? "this plan" : "these plans"},`,
        `> review ${one ? "it" : "them"} below, then run the workflow manually on the default branch (Actions → Run workflow)`,
        "> with the input",
        `> \`approve-checksum: ${refused.map((r) => escapeMarkdown(r.checksum)).join(", ")}\``,
        "> (full checksums, one per plan; a plan that has changed again is refused again):",
        ">",
        ...refused.map((r) => `> - ${escapeMarkdown(r.target)}: \`${escapeMarkdown(r.checksum)}\``),
    ].join("\n");
}
/**
 * The banner put on top of the last plan when a later run on the same pull request failed, so an
 * old plan never looks current. `replaced`: the plan was replaced by the failed run's own report
 * (an invalid file), so there is no plan below at all.
 */
function renderOutdatedBanner(runUrl, replaced = false) {
    const run = runUrl === undefined ? "the latest workflow run" : `[the latest workflow run](${escapeUrl(runUrl)})`;
    const rest = replaced
        ? "> The plan shown here before is withdrawn: there is no plan to review or apply until a run succeeds."
        : "> The plan below is from an earlier commit or an earlier state of the vendor; it is not what would be applied now.";
    return ["> [!CAUTION]", `> **This plan is out of date: the latest run failed.** See ${run} for why.`, rest].join("\n");
}
/** The job summary of a run that failed before it could report: the error, cut and escaped. */
function renderFailureMarkdown(message) {
    return `### ❌ Roster failed\n\n${escapeMarkdown(message)}`;
}
//# sourceMappingURL=render-review.js.map
;// CONCATENATED MODULE: ../core/dist/report/render-text.js







/** A problem as the one plain line an annotation or a log shows: message (cut, escaped) and code. */
function renderDiagnosticLine(d) {
    return `${escape_escapeTerminal(d.message, escape_MESSAGE_MAX_CHARS)} (${d.code})`;
}
/** `users.csv:12:3: error: message [CODE]`, one per line, worst first as given. */
function renderDiagnosticsText(diagnostics) {
    return diagnostics
        .map((d) => `${escapeTerminal(formatLocation(d))}: ${d.severity}: ${escapeTerminal(d.message, MESSAGE_MAX_CHARS)} [${d.code}]`)
        .join("\n");
}
/** `+` creates, `−` destructive changes (deactivate, delete, removals, downgrades), `~` the rest. */
function marker(change) {
    if (isDestructive(change))
        return { sign: "−", tone: "destructive" };
    if (change.kind === "create-user" || change.kind === "create-group")
        return { sign: "+", tone: "create" };
    return { sign: "~", tone: "update" };
}
function headline(plan, result, preview = false) {
    const where = `${targetLabel(plan)}, ${plan.file}`;
    if (result !== undefined) {
        const unknown = result.counts.unknown ?? 0;
        if (result.counts.failed > 0) {
            return `FAILED: ${result.counts.failed} of ${result.results.length} changes failed${unknown > 0 ? `, ${unknown} with unknown outcome` : ""} (${where})`;
        }
        return unknown > 0
            ? `OUTCOME UNKNOWN: ${unknown} of ${result.results.length} changes may or may not have been made; plan again to see (${where})`
            : `APPLIED: ${result.counts.applied} changes applied (${where})`;
    }
    if (hasInputErrors(plan)) {
        return `INVALID ${plan.file}: nothing was changed; fix the errors below (${where})`;
    }
    if (plan.safety.unsafe) {
        return `UNSAFE PLAN: nothing was changed; ${plan.safety.destructive} destructive changes exceed the limit of ${plan.safety.limit}. Acknowledge with "${plan.safety.acknowledgement}" (${where})`;
    }
    if (preview)
        return `PLAN: ${plan.changes.length} ${plan.changes.length === 1 ? "change" : "changes"} to apply (${where})`;
    return `DRY RUN: nothing was changed (${where})`;
}
/** A plain-text plan for a terminal: grouped by kind, each change with its `users.csv:LINE`, then a summary line. */
function renderPlanText(plan, result, options = {}) {
    const style = options.style ?? ((_tone, text) => text);
    const outcomes = outcomesFor(plan, result);
    const lines = [style("heading", escapeTerminal(headline(plan, result, options.preview))), ""];
    for (const kind of CHANGE_KIND_ORDER) {
        const indexes = plan.changes.flatMap((change, index) => (change.kind === kind ? [index] : []));
        if (indexes.length === 0)
            continue;
        lines.push(`${KIND_TITLES[kind]} (${indexes.length})`);
        for (const index of indexes) {
            const change = plan.changes[index];
            if (change === undefined)
                continue;
            const where = change.line === null ? "(policy)" : `${change.file ?? plan.file}:${change.line}`;
            const { sign, tone } = marker(change);
            const outcome = outcomes[index];
            const status = outcome === undefined ? "" : `  [${describeOutcome(outcome)}]`;
            lines.push(style(tone, escapeTerminal(`  ${sign} ${where}  ${changeSubject(change)}  ${changeDetail(change)}${status}`)));
        }
        lines.push("");
    }
    if (plan.diagnostics.length > 0) {
        const problems = options.problems?.(plan.diagnostics) ?? renderDiagnosticsText(plan.diagnostics).split("\n");
        lines.push(style("heading", `Problems (${plan.diagnostics.length})`), ...problems.map((l) => style("problem", `  ${l}`)), "");
    }
    const perKind = CHANGE_KIND_ORDER.filter((kind) => plan.counts[kind] > 0)
        .map((kind) => `${plan.counts[kind]} ${KIND_TITLES[kind].toLowerCase()}`)
        .join(", ");
    const applied = result === undefined
        ? ""
        : `; ${result.counts.applied} applied, ${result.counts.failed} failed, ${result.counts.skipped} skipped` +
            ((result.counts.unknown ?? 0) > 0 ? `, ${result.counts.unknown} unknown` : "");
    lines.push(`Summary: ${plan.counts.total} changes${perKind === "" ? "" : ` (${perKind})`}, ${plan.counts.destructive} destructive (limit ${plan.safety.limit})${applied}; ` +
        `${plan.counts.unchanged} unchanged, ${plan.counts.unmanaged} not in ${escapeTerminal(plan.file)}; checksum ${plan.checksum.slice(0, 12)}.`);
    return lines.join("\n");
}
//# sourceMappingURL=render-text.js.map
;// CONCATENATED MODULE: ../core/dist/report/render-validation.js




const render_validation_plural = (count, noun) => `${count.toLocaleString("en-US")} ${noun}${count === 1 ? "" : "s"}`;
function renderValidationMarkdown(input) {
    const file = escapeMarkdown(input.file);
    const several = typeof input.vendor !== "string";
    const named = typeof input.vendor === "string" ? [input.vendor] : input.vendor;
    const notRead = several
        ? `No vendor was read${named.length === 0 ? "" : ` (${named.map((v) => escapeMarkdown(v)).join(", ")})`}`
        : `${escapeMarkdown(input.vendor)} was not read`;
    const rules = several
        ? "each vendor's own value rules"
        : `${escapeMarkdown(input.vendor)}'s own value rules`;
    const errors = input.diagnostics.filter((d) => d.severity === "error").length;
    const header = ["> [!NOTE]", "> **DRY RUN**: nothing was changed.", ""];
    if (input.heading !== undefined)
        header.push(`### ${escapeMarkdown(input.heading)}`, "");
    header.push(input.reason === undefined
        ? `**${notRead}**: ${file} has problems to fix first. There is no plan to review or apply until it is valid.`
        : `**${notRead}**: ${escapeMarkdown(input.reason)}. ${file} was validated offline only (format, columns, emails, duplicates and ${rules}); the plan of changes appears when the workflow runs with credentials.`, "", errors === 0
        ? `✅ ${file} is valid: ${render_validation_plural(input.users, "user")}.`
        : `❌ ${file} has ${render_validation_plural(errors, "error")}.`, "");
    const sorted = sortDiagnostics(input.diagnostics);
    const section = {
        unit: "problems",
        head: [`#### Problems (${sorted.length.toLocaleString("en-US")})`, ""],
        // A problem in another file than the report's (roster.yml, one of several users files) names that file.
        items: sorted.map((d) => diagnosticLine(d, input.csvUrl, input.file)),
        ids: sorted.map((_, index) => index),
        tail: [""],
    };
    const maxChars = input.maxChars ?? 60_000;
    const headerText = `${header.join("\n")}\n`;
    const fitted = fitSections([section], maxChars - headerText.length - 400 - (input.fullReportHint?.length ?? 0));
    const body = renderFitted(fitted);
    const cut = leftOut(fitted);
    if (cut.total > 0) {
        const where = input.fullReportHint === undefined ? "" : ` The full list is in ${escapeMarkdown(input.fullReportHint)}.`;
        body.push(`> ✂️ **This report was shortened to fit:** ${render_validation_plural(cut.problems, "problem")} left out. The counts above are complete.${where}`, "");
    }
    return `${headerText}${body.join("\n")}`.trimEnd();
}
//# sourceMappingURL=render-validation.js.map
;// CONCATENATED MODULE: ../core/dist/report/index.js








//# sourceMappingURL=index.js.map
;// CONCATENATED MODULE: ../core/dist/vendors/secret-values.js
/**
 * The secret values among settings, one by one, for the redactor and the Action's masks: each
 * setting named in `names` (a vendor module's `secretSettings`), whole and split at commas and
 * newlines. `PERISCOPE_API_KEY` holds one key per site (`key1,key2`), and a message may quote one
 * site's key alone: knowing only the joined list would let that key through (issue 11).
 */
function secretValuesOf(settings, names) {
    const values = new Set();
    for (const name of names) {
        const value = settings[name];
        if (value === undefined || value.trim() === "")
            continue;
        values.add(value);
        for (const part of value.split(/[,\n]/))
            if (part.trim() !== "")
                values.add(part.trim());
    }
    return [...values];
}
//# sourceMappingURL=secret-values.js.map
;// CONCATENATED MODULE: ../core/dist/index.js
// @roster/core: read a users.csv, plan it against a vendor, apply the plan, render reports.
// The public surface: the engine, the model and plan types, the CSV reader, the renderers, the
// vendor contract and registry, and the errors a caller branches on. Vendor internals (clients,
// wire types, packing, pacing) stay inside their folders; simulators ship through
// `@roster/core/testing`, value builders for tests through `@roster/core/testing/builders`.






































//# sourceMappingURL=index.js.map
;// CONCATENATED MODULE: ./src/annotations.ts


/**
 * GitHub shows at most 10 annotations of each level per step and silently drops the rest
 * (docs/plan-in-pr.md#annotations; https://github.com/actions/toolkit/blob/main/docs/problem-matchers.md#limitations). We emit the
 * worst first and, when anything is left out, one notice saying how many and where to look.
 */
const ANNOTATIONS_PER_LEVEL = 10;
const toolkitSink = {
    error: (message, properties) => core/* error */.z3(message, properties),
    warning: (message, properties) => core/* warning */.$e(message, properties),
    notice: (message, properties) => core/* notice */.lm(message, properties),
};
function propertiesOf(d) {
    // No `title`: it would come first (`::error title=…,file=…`) and GitHub shows the code anyway.
    if (d.line === 0)
        return { file: d.file };
    return d.column === undefined
        ? { file: d.file, startLine: d.line }
        : { file: d.file, startLine: d.line, startColumn: d.column };
}
/** Annotates diagnostics on their users.csv lines. Returns how many were left out. */
function annotateDiagnostics(diagnostics, sink = toolkitSink) {
    const used = { error: 0, warning: 0, notice: 0 };
    // One notice slot is kept for the "N more" line.
    const caps = {
        error: ANNOTATIONS_PER_LEVEL,
        warning: ANNOTATIONS_PER_LEVEL,
        notice: ANNOTATIONS_PER_LEVEL - 1,
    };
    let omitted = 0;
    for (const d of sortDiagnostics(diagnostics)) {
        if (used[d.severity] >= caps[d.severity]) {
            omitted += 1;
            continue;
        }
        used[d.severity] += 1;
        // Rendered by core: one line, cut, control characters shown (a message quotes a users.csv cell).
        sink[d.severity](renderDiagnosticLine(d), propertiesOf(d));
    }
    if (omitted > 0) {
        sink.notice(`${omitted} more problem${omitted === 1 ? "" : "s"} not annotated (GitHub shows 10 per level); the job summary lists them all.`);
    }
    return omitted;
}

// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(48161);
// EXTERNAL MODULE: ../../node_modules/.pnpm/@actions+github@9.1.1/node_modules/@actions/github/lib/github.js
var github = __webpack_require__(65316);
// EXTERNAL MODULE: ../../node_modules/.pnpm/@octokit+plugin-retry@8.1.1_@octokit+core@7.0.8/node_modules/@octokit/plugin-retry/dist-bundle/index.js
var dist_bundle = __webpack_require__(20545);
// EXTERNAL MODULE: ../../node_modules/.pnpm/@octokit+plugin-throttling@11.0.5_@octokit+core@7.0.8/node_modules/@octokit/plugin-throttling/dist-bundle/index.js
var plugin_throttling_dist_bundle = __webpack_require__(6404);
;// CONCATENATED MODULE: ./src/github-client.ts




/**
 * The one Octokit the Action uses, with Octokit's own retry and throttling plugins, so a flaky or
 * busy GitHub API does not lose the report (issue 11):
 *
 * - `@octokit/plugin-retry` repeats a call that failed with a 5xx or a dropped connection, up to
 *   RETRIES times, waiting 1, 4, 9 s. A 4xx is an answer, not a fault, and is not repeated.
 * - `@octokit/plugin-throttling` honours rate limits: a secondary limit (403 or 429 naming it,
 *   usually with `retry-after`) and the primary one (`x-ratelimit-remaining: 0`) are waited out
 *   and the call repeated, up to RETRIES times, but only when GitHub asks for a wait of at most
 *   MAX_WAIT_SECONDS; a longer one fails the call with a message that says "rate limit", never
 *   "permission" (github-errors.ts). It also spaces requests that create content one second apart
 *   (three for comments, which notify), as GitHub asks of integrations
 *   (https://docs.github.com/en/rest/using-the-rest-api/best-practices-for-using-the-rest-api).
 *
 * `ROSTER_GITHUB_RETRY_BASE_MS` (default 1000) is the length of one "second" of those waits. Only
 * the Action's tests set it (to 1), so that a test of a 60 s secondary limit takes 60 ms; a
 * workflow has no reason to.
 */
const RETRIES = 3;
const MAX_WAIT_SECONDS = 120;
const DEFAULT_BASE_MS = 1000;
function retryBaseMs(env = process.env) {
    const value = Number(env.ROSTER_GITHUB_RETRY_BASE_MS);
    return Number.isFinite(value) && value >= 0 && env.ROSTER_GITHUB_RETRY_BASE_MS !== "" ? value : DEFAULT_BASE_MS;
}
function onLimit(kind) {
    return (retryAfter, options, _octokit, retryCount) => {
        const call = `${options.method ?? "GET"} ${options.url ?? ""}`;
        if (retryCount >= RETRIES || retryAfter > MAX_WAIT_SECONDS) {
            core/* info */.pq(`GitHub ${kind} on ${call}: not waiting ${retryAfter} s more (retried ${retryCount} times).`);
            return false;
        }
        core/* info */.pq(`GitHub ${kind} on ${call}: waiting ${retryAfter} s, then retry ${retryCount + 1} of ${RETRIES}.`);
        return true;
    };
}
/**
 * Bottleneck groups are what plugin-throttling spaces writes with; only `key(id).schedule` is
 * used. This one spaces calls `minTime` ms apart, so the spacing follows ROSTER_GITHUB_RETRY_BASE_MS.
 */
function spacer(minTime) {
    let last = Number.NEGATIVE_INFINITY;
    let queue = Promise.resolve();
    const limiter = {
        schedule(_options, task) {
            const run = queue.then(async () => {
                const wait = last + minTime - Date.now();
                if (wait > 0)
                    await new Promise((resolve) => setTimeout(resolve, wait));
                last = Date.now();
                return task();
            });
            queue = run.catch(() => undefined);
            return run;
        },
    };
    return { key: () => limiter };
}
function createOctokit(token, env = process.env) {
    const base = retryBaseMs(env);
    return (0,github/* getOctokit */.Q)(token, {
        // getOctokit reads GITHUB_API_URL too; passing it makes GHES and the test fake explicit.
        baseUrl: env.GITHUB_API_URL || "https://api.github.com",
        retry: {
            retries: RETRIES,
            retryAfterBaseValue: base,
            // Rate limits (403, 429) belong to the throttling plugin, which reads `retry-after`.
            doNotRetry: [400, 401, 403, 404, 410, 422, 429, 451],
        },
        throttle: {
            retryAfterBaseValue: base,
            onRateLimit: onLimit("rate limit"),
            onSecondaryRateLimit: onLimit("secondary rate limit"),
            write: spacer(base),
            notifications: spacer(3 * base),
        },
    }, dist_bundle/* retry */.L, plugin_throttling_dist_bundle/* throttling */.A);
}

;// CONCATENATED MODULE: ./src/github-errors.ts
function headerOf(error, name) {
    const value = error.response?.headers?.[name];
    return typeof value === "string" || typeof value === "number" ? String(value) : undefined;
}
const RATE_LIMIT_MESSAGE = /\b(secondary )?rate limit/i;
function classifyGitHubFailure(error) {
    if (isGitHubReadError(error))
        return error.failure;
    const shape = typeof error === "object" && error !== null ? error : {};
    const status = typeof shape.status === "number" ? shape.status : undefined;
    const detail = (typeof shape.message === "string" ? shape.message : String(error)).slice(0, 300);
    const retryAfter = Number(headerOf(shape, "retry-after"));
    const retryAfterSeconds = Number.isFinite(retryAfter) && retryAfter >= 0 ? retryAfter : undefined;
    const base = { status, retryAfterSeconds, detail };
    if (status === undefined)
        return { kind: "other", ...base };
    const rateLimited = (status === 403 || status === 429) &&
        (headerOf(shape, "x-ratelimit-remaining") === "0" || RATE_LIMIT_MESSAGE.test(detail) || status === 429);
    if (rateLimited)
        return { kind: "rate-limited", ...base };
    if (status === 401)
        return { kind: "unauthorized", ...base };
    if (status === 403 || status === 404)
        return { kind: "forbidden", ...base };
    if (status === 500 && shape.response === undefined)
        return { kind: "unreachable", ...base };
    if (status >= 500)
        return { kind: "unavailable", ...base };
    return { kind: "other", ...base };
}
/**
 * A sentence saying what could not be done and why, for a warning or an error. `what` completes
 * "Could not …" ("read the comments of #7"); `permission` is the job permission that call needs.
 */
function describeGitHubFailure(what, error, permission) {
    const failure = classifyGitHubFailure(error);
    const http = failure.status === undefined ? "" : ` (HTTP ${failure.status})`;
    switch (failure.kind) {
        case "rate-limited": {
            const wait = failure.retryAfterSeconds === undefined ? "" : ` GitHub asked to wait ${failure.retryAfterSeconds} s more.`;
            return `Could not ${what}${http}: GitHub's API rate limit was still in force after Roster waited and retried.${wait} This is not a permission problem: rerun the job later, or spread the workflows that share this token.`;
        }
        case "unauthorized":
            return `Could not ${what}${http}: GitHub refused the token as invalid or expired. Check the \`github-token\` input.`;
        case "forbidden":
            return `Could not ${what}${http}: the token lacks the \`${permission}\` permission. Add \`permissions: { ${permission} }\` to the job, or pass a token that has it in \`github-token\`. Fork pull requests always get a read-only token.`;
        case "unavailable":
            return `Could not ${what}${http}: GitHub's API kept failing after Roster retried (${failure.detail}). Rerun the job.`;
        case "unreachable":
            return `Could not ${what}: GitHub's API could not be reached after Roster retried (${failure.detail}). Rerun the job.`;
        default:
            return `Could not ${what}${http}: ${failure.detail}`;
    }
}
/**
 * A read from GitHub that failed: the caller must say "could not read …", never state what the
 * answer would have been (no comment found, no pull request, no reviewed plan). Code
 * `GITHUB_READ_FAILED`; `what` completes "Could not …".
 */
class GitHubReadError extends Error {
    code = "GITHUB_READ_FAILED";
    what;
    failure;
    constructor(what, cause, permission) {
        super(describeGitHubFailure(what, cause, permission), { cause });
        this.name = "GitHubReadError";
        this.what = what;
        this.failure = classifyGitHubFailure(cause);
    }
}
function isGitHubReadError(error) {
    return typeof error === "object" && error !== null && error.code === "GITHUB_READ_FAILED";
}

;// CONCATENATED MODULE: ./src/secrets.ts


/**
 * How @actions/core escapes text inside a workflow command (`::error::…`, properties too): a
 * secret holding `%`, `:`, `,` or a line break appears in the log in this form.
 */
function escapedForms(value) {
    const data = value.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
    // The last: as it reads inside a JSON string (redactReport).
    return [data, data.replace(/:/g, "%3A").replace(/,/g, "%2C"), JSON.stringify(value).slice(1, -1)];
}
function createSecretRegistry(mask = core/* setSecret */.Pq) {
    const values = new Set();
    let redactor;
    return {
        add(value) {
            if (value === undefined || value.trim() === "" || values.has(value))
                return;
            values.add(value);
            mask(value);
            for (const form of escapedForms(value))
                values.add(form);
            redactor = undefined;
        },
        redact(text) {
            redactor ??= createRedactor([...values]);
            return redactor(text);
        },
        get size() {
            return values.size;
        },
    };
}
/** The run's registry: one per process, since the log sinks are process-wide. */
const runSecrets = createSecretRegistry();
/** Redacts with every secret registered so far. */
function redactText(text) {
    return runSecrets.redact(text);
}
/**
 * A copy of report data (plan, apply result, diagnostics) with every string redacted. Reports
 * escape text for Markdown (`_` becomes `&#95;`), after which a secret no longer reads as itself
 * to the redactor; so the data is redacted before it is rendered, and the rendered text again.
 *
 * Done on the data's JSON text in one pass (a secret's JSON-escaped form is registered too): for
 * 100,000 changes that is about 3x faster than redacting each string on its own. Should a
 * replacement ever break the JSON (a secret spanning two values), each string is redacted instead.
 */
function redactReport(value) {
    try {
        return JSON.parse(redactText(JSON.stringify(value)));
    }
    catch {
        return redactValue(value, redactText);
    }
}

;// CONCATENATED MODULE: ./src/github.ts



/** Login GitHub shows for comments made with the workflow's GITHUB_TOKEN. */
const ACTIONS_BOT_LOGIN = "github-actions[bot]";
/** The HTTP status of an Octokit RequestError, or undefined for anything else. */
function httpStatusOf(error) {
    if (typeof error === "object" && error !== null && "status" in error) {
        const status = error.status;
        if (typeof status === "number")
            return status;
    }
    return undefined;
}
function toComment(raw) {
    return {
        id: raw.id,
        body: raw.body ?? "",
        url: raw.html_url,
        authorLogin: raw.user?.login,
        authorType: raw.user?.type,
        updatedAt: raw.updated_at,
    };
}
/**
 * The client is made on first use: a run that never calls GitHub (a scheduled drift report)
 * works without a token, and one that needs it fails that call with a message naming the input.
 */
function lazyOctokit(token) {
    let octokit;
    return () => {
        if (token === "")
            throw new Error("the `github-token` input is empty");
        // Retries, rate limits and spacing: github-client.ts.
        octokit ??= createOctokit(token);
        return octokit;
    };
}
/**
 * Reads fail with a GitHubReadError (github-errors.ts): a caller then says "could not read …",
 * never what the answer would have been. Every comment body is redacted on its way out (secrets.ts).
 */
function createGitHubApi(token, repo) {
    const client = lazyOctokit(token);
    const listComments = async (issueNumber) => {
        try {
            const octokit = client();
            const raw = await octokit.paginate(octokit.rest.issues.listComments, {
                ...repo,
                issue_number: issueNumber,
                per_page: 100,
            });
            return raw.map(toComment);
        }
        catch (error) {
            throw new GitHubReadError(`read the comments of #${issueNumber}`, error, "pull-requests: read");
        }
    };
    return {
        async getOwnLogin() {
            try {
                const data = await client().graphql("query { viewer { login } }");
                const login = data.viewer?.login;
                if (typeof login !== "string" || login === "")
                    throw new Error("GitHub answered `viewer` without a login");
                return login;
            }
            catch (error) {
                // Only a refusal (403 without a rate limit) means the workflow's GITHUB_TOKEN; a rate limit
                // or an outage is an identity that could not be read (github-errors.ts).
                if (classifyGitHubFailure(error).kind === "forbidden" && httpStatusOf(error) === 403)
                    return ACTIONS_BOT_LOGIN;
                throw error;
            }
        },
        listComments,
        async createComment(issueNumber, body) {
            const octokit = client();
            const text = redactText(body);
            // Not retried blindly: GitHub may have created the comment before the answer was lost (a
            // 502 or a dropped connection), and a second POST would duplicate it. So look first, and post
            // again only when it is not there. Rate limits are retried by the throttling plugin: GitHub
            // did not act on a limited request.
            for (let attempt = 1;; attempt += 1) {
                try {
                    const { data } = await octokit.rest.issues.createComment({
                        ...repo,
                        issue_number: issueNumber,
                        body: text,
                        request: { retries: 0 },
                    });
                    return toComment(data);
                }
                catch (error) {
                    const kind = classifyGitHubFailure(error).kind;
                    if (attempt > RETRIES || (kind !== "unavailable" && kind !== "unreachable"))
                        throw error;
                    await new Promise((resolve) => setTimeout(resolve, attempt * attempt * retryBaseMs()));
                    const landed = (await listComments(issueNumber)).findLast((comment) => comment.body === text);
                    if (landed !== undefined)
                        return landed;
                }
            }
        },
        async updateComment(commentId, body) {
            const octokit = client();
            // A PATCH with the same body is idempotent: the retry plugin may repeat it.
            const { data } = await octokit.rest.issues.updateComment({
                ...repo,
                comment_id: commentId,
                body: redactText(body),
            });
            return toComment(data);
        },
        async listPullRequestsForCommit(sha) {
            try {
                const octokit = client();
                const { data } = await octokit.rest.repos.listPullRequestsAssociatedWithCommit({ ...repo, commit_sha: sha });
                return data.map((pr) => ({
                    number: pr.number,
                    merged: pr.merged_at !== null && pr.merged_at !== undefined,
                    mergedAt: pr.merged_at ?? undefined,
                }));
            }
            catch (error) {
                throw new GitHubReadError(`find the pull request of ${sha.slice(0, 7)}`, error, "pull-requests: read");
            }
        },
        async getFileText(path, ref) {
            const octokit = client();
            try {
                // The raw media type returns the bytes as text and works for files up to 100 MB
                // (the JSON form leaves `content` empty above 1 MB).
                const response = await octokit.rest.repos.getContent({
                    ...repo,
                    path,
                    ref,
                    mediaType: { format: "raw" },
                });
                const data = response.data;
                return typeof data === "string" ? data : null;
            }
            catch (error) {
                if (httpStatusOf(error) === 404)
                    return null;
                throw new GitHubReadError(`read ${path} at ${ref.slice(0, 7)}`, error, "contents: read");
            }
        },
        async getBranchHeadSha(branch) {
            const octokit = client();
            const { data } = await octokit.rest.git.getRef({ ...repo, ref: `heads/${branch}` });
            const sha = data.object?.sha;
            if (typeof sha !== "string" || !/^[0-9a-f]{40}$/i.test(sha)) {
                throw new Error(`GitHub answered refs/heads/${branch} without a commit sha`);
            }
            return sha;
        },
    };
}

;// CONCATENATED MODULE: ./src/comment.ts

const STATES = [
    "plan",
    "invalid",
    "offline",
    "awaiting-approval",
    "applied",
    "refused",
    "superseded",
];
/** `<!-- roster:comment vendor=sigma csv=users.csv -->`; `roster:result` for apply reports. */
function commentMarker(key, kind = "comment") {
    const target = key.target === undefined ? "" : ` target=${encodeValue(key.target)}`;
    return `<!-- roster:${kind} vendor=${encodeValue(key.vendor)} csv=${encodeValue(key.csv)}${target} -->`;
}
// Spaces and `--` would end the marker or the HTML comment early; `<`/`>` could start HTML.
function encodeValue(value) {
    return value
        .replace(/%/g, "%25")
        .replace(/\s/g, "%20")
        .replace(/-->/g, "--%3E")
        .replace(/</g, "%3C")
        .replace(/>/g, "%3E");
}
function metaComment(meta) {
    return `<!-- roster:meta ${JSON.stringify({ state: meta.state, checksum: meta.checksum, sha: meta.sha })} -->`;
}
/** The two lines that end every comment Roster writes: its marker, then its metadata. */
function commentFooter(marker, meta) {
    return `${marker}\n${metaComment(meta)}`;
}
const MARKER_LINE = /^<!-- roster:(?:comment|result) vendor=\S+ csv=\S+(?: target=\S+)? -->$/;
const META_LINE = /^<!-- roster:meta (\{[^\n]*\}) -->$/;
// One plan's sha256, or (one comment for several plans, as with a roster.yml) `key=sha256` pairs
// joined by `;`; empty when the comment shows no plan.
const CHECKSUM = /^(?:[0-9a-f]{64}|[\w.:@/-]+=[0-9a-f]{64}(?:;[\w.:@/-]+=[0-9a-f]{64})*)?$/;
const SHA = /^[0-9A-Za-z]{0,64}$/;
/**
 * The footer of a comment: its last two lines, exactly as written by `commentFooter`, with
 * metadata of the expected shape. Anything else (metadata elsewhere in the body, extra fields, a
 * short checksum) is no footer at all.
 */
function parseFooter(body) {
    const lines = body.replace(/\r\n/g, "\n").replace(/\n+$/, "").split("\n");
    const marker = lines.at(-2);
    const metaLine = lines.at(-1);
    if (marker === undefined || metaLine === undefined || !MARKER_LINE.test(marker))
        return undefined;
    const json = META_LINE.exec(metaLine)?.[1];
    if (json === undefined)
        return undefined;
    let value;
    try {
        value = JSON.parse(json);
    }
    catch {
        return undefined;
    }
    if (typeof value !== "object" || value === null || Array.isArray(value))
        return undefined;
    const { state, checksum, sha, ...rest } = value;
    if (Object.keys(rest).length > 0)
        return undefined;
    if (typeof state !== "string" || !STATES.includes(state))
        return undefined;
    if (typeof checksum !== "string" || !CHECKSUM.test(checksum))
        return undefined;
    if (typeof sha !== "string" || !SHA.test(sha))
        return undefined;
    return { marker, meta: { state: state, checksum, sha } };
}
/** How `renderOutdatedBanner` starts: a comment that begins so was marked out of date by a failed run. */
const OUTDATED_BANNER_START = "> [!CAUTION]\n> **This plan is out of date";
/**
 * Written by the token's own identity (an exact login match, bots included), nobody else: the one
 * rule for Roster's comments and for its drift issue (drift-issue.ts).
 */
function isOwnComment(comment, ownLogin) {
    return comment.authorLogin === ownLogin;
}
/**
 * Our latest comment with this marker in its footer: normally the only one; after an edit was
 * refused and a new comment posted instead, the newer one is the current report.
 */
function findOwnComment(comments, marker, ownLogin) {
    return comments.findLast((c) => isOwnComment(c, ownLogin) && parseFooter(c.body)?.marker === marker);
}
/**
 * Creates the marked comment or updates ours in place; no write when the body is unchanged. When
 * our comment cannot be edited (GitHub refuses the edit: deleted meanwhile, locked, hidden), a new
 * one is posted, so the current report is never missing.
 */
async function upsertComment(api, issueNumber, marker, body, ownLogin) {
    const existing = findOwnComment(await api.listComments(issueNumber), marker, ownLogin);
    const text = typeof body === "string" ? body : body(existing);
    if (existing === undefined) {
        const created = await api.createComment(issueNumber, text);
        return { outcome: "created", url: created.url };
    }
    if (existing.body === text)
        return { outcome: "unchanged", url: existing.url };
    try {
        const updated = await api.updateComment(existing.id, text);
        return { outcome: "updated", url: updated.url };
    }
    catch (error) {
        const status = httpStatusOf(error);
        if (status !== 403 && status !== 404 && status !== 410 && status !== 422)
            throw error;
        const created = await api.createComment(issueNumber, typeof body === "string" ? body : body(undefined));
        return { outcome: "replaced", url: created.url };
    }
}

;// CONCATENATED MODULE: ./src/report.ts




/**
 * Where each report goes: sticky pull request comments (capped) and the job summary (full).
 * The Markdown itself comes from @roster/core's report renderer.
 */
/** GitHub refuses bodies over 65,536 characters and counts differently from JS (docs/plan-in-pr.md#comment-size). */
const COMMENT_MAX_CHARS = 60_000;
const SUMMARY_MAX_CHARS = 900_000;
/** The heading of a target's report, in the comment, the job summary and the full-plan artifact. */
function reportHeading(key) {
    return `Roster: ${target_label_targetLabel(key)} · ${key.csv}`;
}
function render(report, links, maxChars) {
    const markdown = renderPlanMarkdown({
        plan: report.plan,
        ...(report.result === undefined ? {} : { result: report.result }),
        ...(report.origins === undefined ? {} : { origins: report.origins }),
        ...(report.refused === undefined ? {} : { refused: report.refused }),
        csvUrl: (line) => `${links.csvUrl}#L${line}`,
        // Only a place a reader can open: the uploaded artifact (artifact.ts). Past ~9,000 changes the
        // job summary is shortened too, so it is never named as where the full plan is.
        ...(links.fullPlan === undefined ? {} : { fullReportHint: links.fullPlan.hint, fullReportUrl: links.fullPlan.url }),
        heading: reportHeading(report.key),
        maxChars,
    });
    const inserted = [report.binding, report.notice].filter((text) => text !== undefined).join("\n\n");
    if (inserted === "")
        return markdown;
    // Right under the banner: whether this is what reviewers saw is the first thing to know.
    const cut = markdown.indexOf("\n\n");
    return cut === -1 ? `${markdown}\n\n${inserted}` : `${markdown.slice(0, cut)}\n\n${inserted}${markdown.slice(cut)}`;
}
function renderSummarySection(report, links, targets) {
    return render(report, links, Math.floor(SUMMARY_MAX_CHARS / Math.max(1, targets)));
}
/** A comment: the report, then the footer that is the only thing a later run trusts. */
function renderCommentBody(report, links, kind, meta, banner) {
    const footer = `\n\n${commentFooter(commentMarker(report.key, kind), meta)}`;
    const top = banner === undefined ? "" : `${banner}\n\n`;
    return `${top}${render(report, links, COMMENT_MAX_CHARS - footer.length - top.length)}${footer}`;
}
/**
 * The plan Roster last showed on a pull request for this vendor, file and target: only from the
 * footer of Roster's own plan comment. Comments that could not be read are said to be so, never
 * taken for "no plan".
 */
async function readReviewedPlan(api, pull, key, ownLogin) {
    let comments;
    try {
        comments = await api.listComments(pull.number);
    }
    catch (error) {
        warnGitHubFailure(`read the pull request's comments on #${pull.number}`, error, "pull-requests: read");
        return { status: "unreadable" };
    }
    const own = findOwnComment(comments, commentMarker(key, "comment"), ownLogin);
    const meta = own === undefined ? undefined : parseFooter(own.body)?.meta;
    if (own === undefined || meta === undefined)
        return { status: "none", why: "no-plan" };
    // A plan comment changed after the merge (a rerun of the pull request's workflow) was not the
    // one reviewers merged: only an explicit approval applies it.
    if (isAfter(own.updatedAt, pull.mergedAt))
        return { status: "none", why: "edited-after-merge" };
    if (meta.state === "invalid")
        return { status: "none", why: "invalid-file" };
    if (meta.state !== "plan" || meta.checksum === "")
        return { status: "none", why: "no-plan" };
    return { status: "found", checksum: meta.checksum, sha: meta.sha };
}
function isAfter(time, reference) {
    if (time === undefined || reference === undefined)
        return false;
    const [a, b] = [Date.parse(time), Date.parse(reference)];
    return Number.isFinite(a) && Number.isFinite(b) && a > b;
}
/**
 * Posts or updates a report comment. A refused write (403 on a read-only or fork token) is a
 * warning naming the permission, never a crash: the job summary still has the report.
 */
async function postComment(api, pullNumber, marker, body, ownLogin) {
    try {
        const posted = await upsertComment(api, pullNumber, marker, body, ownLogin);
        core/* info */.pq(`Comment on #${pullNumber} ${posted.outcome}: ${posted.url}`);
        return posted.url;
    }
    catch (error) {
        warnGitHubFailure(`comment on #${pullNumber}`, error, "pull-requests: write");
        return undefined;
    }
}
/**
 * The token's own login, or undefined (with a warning) when it could not be read: Roster then
 * writes no comment and trusts none, since it cannot tell its own comments from anyone else's.
 */
async function ownIdentity(api) {
    try {
        return await api.getOwnLogin();
    }
    catch (error) {
        warnGitHubFailure("read the token's own identity (GraphQL `viewer`)", error, "pull-requests: read");
        return undefined;
    }
}
/** A rate limit, a missing permission and an outage each get their own advice (github-errors.ts). */
function warnGitHubFailure(what, error, permission) {
    core/* warning */.$e(describeGitHubFailure(what, error, permission));
}

;// CONCATENATED MODULE: ./src/artifact.ts







/** Artifact names refuse `" : < > | * ? \ /` and control characters; keep a readable slug. */
function artifactName(vendor, csv, job) {
    const slug = (text) => text
        .replace(/[^A-Za-z0-9._-]+/g, "-")
        .replace(/^-+|-+$/g, "")
        .slice(0, 60);
    return ["roster-plan", slug(vendor), slug(csv), ...(job ? [slug(job)] : [])].filter((p) => p !== "").join("-");
}
function documentOf(reports, context) {
    const targets = reports.map((report) => ({
        vendor: report.key.vendor,
        ...(report.key.target === undefined ? {} : { target: report.key.target }),
        csv: report.key.csv,
        plan: report.plan,
        ...(report.result === undefined ? {} : { result: report.result }),
        ...(report.origins === undefined ? {} : { origins: report.origins }),
        ...(report.refused === undefined ? {} : { refused: report.refused }),
    }));
    const { mode, repository, sha } = context;
    return `${JSON.stringify({ roster: 1, mode, repository, sha, targets }, null, 2)}\n`;
}
function markdownOf(reports, context) {
    return reports
        .map((report) => renderPlanMarkdown({
        plan: report.plan,
        ...(report.result === undefined ? {} : { result: report.result }),
        ...(report.origins === undefined ? {} : { origins: report.origins }),
        ...(report.refused === undefined ? {} : { refused: report.refused }),
        csvUrl: (line) => `${context.csvUrl}#L${line}`,
        heading: reportHeading(report.key),
        // Never shortened: this file is where the whole plan is.
        maxChars: Number.MAX_SAFE_INTEGER,
    }))
        .join("\n\n");
}
async function upload(name, files, dir) {
    const { DefaultArtifactClient } = await __webpack_require__.e(/* import() */ 430).then(__webpack_require__.bind(__webpack_require__, 42430));
    const response = await new DefaultArtifactClient().uploadArtifact(name, files, dir);
    return { id: response.id };
}
/** Writes the full plan files and uploads them; never throws for a failed upload. */
async function saveFullPlan(reports, context, env = process.env) {
    const name = artifactName(context.vendor, context.csv, env.GITHUB_JOB);
    const dir = (0,external_node_path_.join)(env.RUNNER_TEMP || (0,external_node_os_.tmpdir)(), `${name}-${env.GITHUB_RUN_ID ?? "local"}`);
    await (0,promises_.mkdir)(dir, { recursive: true });
    const jsonPath = (0,external_node_path_.join)(dir, "plan.json");
    const markdownPath = (0,external_node_path_.join)(dir, "plan.md");
    // Report data is redacted already (run.ts); the rendered text once more, as everything written.
    await (0,promises_.writeFile)(jsonPath, redactText(documentOf(reports, context)));
    await (0,promises_.writeFile)(markdownPath, redactText(markdownOf(reports, context)));
    const files = { jsonPath, markdownPath };
    if (!env.ACTIONS_RUNTIME_TOKEN || !env.ACTIONS_RESULTS_URL) {
        const note = `📄 The full plan was written to \`${jsonPath}\` (and \`plan.md\` beside it) on the runner, and not uploaded: this run has no artifact service (ACTIONS_RUNTIME_TOKEN is not set).`;
        core/* info */.pq(note);
        return { ...files, note };
    }
    // The runner masks it already; registered all the same, as every credential the run holds.
    runSecrets.add(env.ACTIONS_RUNTIME_TOKEN);
    try {
        const { id } = await upload(name, [jsonPath, markdownPath], dir);
        const runUrl = `${context.serverUrl}/${context.repository}/actions/runs/${env.GITHUB_RUN_ID ?? ""}`;
        const url = id === undefined ? runUrl : `${runUrl}/artifacts/${id}`;
        core/* info */.pq(`Full plan uploaded as the artifact ${name}: ${url}`);
        return {
            ...files,
            artifact: { name, url },
            note: `📎 Full plan (JSON and Markdown): the [\`${name}\`](${url}) artifact of this run.`,
        };
    }
    catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        core/* warning */.$e(`Could not upload the full plan as an artifact (${reason}). It is in ${jsonPath} on the runner; the comment and the job summary are unaffected.`);
        return {
            ...files,
            note: `📄 The full plan was written to \`${jsonPath}\` on the runner; uploading it as an artifact failed (see the warning in the log).`,
        };
    }
}

;// CONCATENATED MODULE: ./src/config-origins.ts





/**
 * For a roster.yml pull request: which changes of each target the pull request introduces and
 * which were already pending before it (drift made in a vendor's UI, or an earlier merge not yet
 * applied), as the single-vendor comment does (targets.ts `classifyAgainstBase`, README "Pull
 * requests"). The base commit's roster.yml and users files are fetched from GitHub into a
 * temporary directory, read as a config run there, and planned against the directory each target
 * has just read, with the base's own mapping and policy; a change the base plan also has is
 * pending.
 *
 * The users files fetched are those the pull request's roster.yml names; one the base had that
 * the pull request deleted is not read. No base roster.yml, an invalid base, or a vendor the base
 * did not manage: everything is introduced. GitHub not answering: no origins at all (a warning),
 * never a guess.
 */
async function classifyConfigAgainstBase(github, config, files, baseSha, targets) {
    const origins = new Map();
    const everythingIntroduced = () => {
        for (const t of targets)
            origins.set(t.key, classifyChanges(t.plan, undefined));
        return origins;
    };
    const root = await (0,promises_.mkdtemp)((0,external_node_path_.join)((0,external_node_os_.tmpdir)(), "roster-base-"));
    try {
        let configText;
        const fetched = new Map();
        try {
            configText = await github.getFileText(config, baseSha);
            if (configText === null)
                return everythingIntroduced();
            for (const file of files) {
                const text = await github.getFileText(file, baseSha);
                if (text !== null)
                    fetched.set(file, text);
            }
        }
        catch (error) {
            warnGitHubFailure(`read ${config} and its users files on the base branch`, error, "contents: read");
            return origins;
        }
        // Paths are the repository-relative names the run already checked are inside the workspace.
        for (const [path, text] of [[config, configText], ...fetched]) {
            await (0,promises_.mkdir)((0,external_node_path_.dirname)((0,external_node_path_.join)(root, path)), { recursive: true });
            await (0,promises_.writeFile)((0,external_node_path_.join)(root, path), text);
        }
        let base;
        let run;
        try {
            run = await prepareConfigRun({ path: (0,external_node_path_.join)(root, config), displayName: config, displayRoot: root });
            // Only what was fetched: a base roster.yml naming files elsewhere reads nothing of the runner's.
            if (run.files.some((file) => !(0,external_node_path_.resolve)(file.path).startsWith(`${(0,external_node_path_.resolve)(root)}${external_node_path_.sep}`))) {
                return everythingIntroduced();
            }
            base = await readConfigUsers(run);
        }
        catch {
            // An invalid base config (or one naming files the pull request removed) has no plan of its own.
            return everythingIntroduced();
        }
        if (hasErrors(base.diagnostics))
            return everythingIntroduced();
        for (const t of targets) {
            const vendorConfig = run.vendors.find((v) => v.id === t.id);
            const desired = vendorConfig === undefined ? undefined : desiredFor(base, t.id, t.site);
            if (vendorConfig === undefined || desired === undefined) {
                origins.set(t.key, classifyChanges(t.plan, undefined));
                continue;
            }
            const basePlan = planChanges({
                desired,
                directory: t.directory,
                policy: vendorConfig.policy,
                vendor: t.vendor,
            });
            origins.set(t.key, classifyChanges(withoutFiles(t.plan), basePlan));
        }
        return origins;
    }
    finally {
        await (0,promises_.rm)(root, { recursive: true, force: true });
    }
}
/**
 * The pull request's plan names each change's users file (several files read as one); the base
 * plan does not. A change is the same change whichever file its row is in, as it is whatever its
 * line (`classifyChanges`).
 */
function withoutFiles(plan) {
    return { ...plan, changes: plan.changes.map(({ file: _file, ...change }) => change) };
}

;// CONCATENATED MODULE: ./src/config-sections.ts

function renderSection(section, links, maxChars, hint) {
    if (section.plan === undefined) {
        return `### ❌ ${section.label}\n\nNot planned: ${section.error ?? "unknown error"}`.slice(0, Math.max(0, maxChars));
    }
    const markdown = renderPlanMarkdown({
        plan: section.plan,
        ...(section.result === undefined ? {} : { result: section.result }),
        ...(section.refused === undefined ? {} : { refused: section.refused }),
        ...(section.origins === undefined ? {} : { origins: section.origins }),
        csvUrl: (line, file) => `${links.blobBase}/${file ?? links.defaultFile}#L${line}`,
        ...(hint === undefined ? {} : { fullReportHint: hint }),
        heading: `Roster: ${section.label}`,
        maxChars,
    });
    if (section.binding === undefined)
        return markdown;
    const cut = markdown.indexOf("\n\n");
    return cut === -1
        ? `${markdown}\n\n${section.binding}`
        : `${markdown.slice(0, cut)}\n\n${section.binding}${markdown.slice(cut)}`;
}
/**
 * Every section within one shared budget (a comment's 60,000 characters). Sections that fit whole
 * keep their size; the rest share what remains equally (water-filling), so one huge plan cannot
 * push another vendor's destructive changes out: the renderer keeps banner, counts and destructive
 * changes of each section first and says what it left out.
 */
function renderSections(sections, links, budget, hint) {
    const separator = 2;
    const full = sections.map((s) => renderSection(s, links, 1_000_000, undefined).length + separator);
    const allowance = new Array(sections.length).fill(0);
    let left = budget;
    let open = sections.map((_, i) => i);
    while (open.length > 0) {
        const share = Math.floor(left / open.length);
        const fits = open.filter((i) => (full[i] ?? 0) <= share);
        if (fits.length === 0) {
            for (const i of open)
                allowance[i] = share;
            break;
        }
        for (const i of fits) {
            allowance[i] = full[i] ?? 0;
            left -= full[i] ?? 0;
        }
        open = open.filter((i) => !fits.includes(i));
    }
    return sections.map((s, i) => {
        const size = (allowance[i] ?? 0) - separator;
        return (full[i] ?? 0) - separator <= size
            ? renderSection(s, links, 1_000_000, undefined)
            : renderSection(s, links, size, hint);
    });
}
/** `sigma=<sha256>;periscope.acme-rbac=<sha256>`: every target's checksum in one comment's metadata. */
function checksumsText(sections) {
    return sections.flatMap((s) => (s.plan === undefined ? [] : [`${s.key}=${s.plan.checksum}`])).join(";");
}
function parseChecksums(text) {
    const map = new Map();
    for (const part of text.split(";")) {
        const at = part.lastIndexOf("=");
        if (at > 0)
            map.set(part.slice(0, at), part.slice(at + 1));
    }
    return map;
}

;// CONCATENATED MODULE: ./src/context.ts

function readPullRequest(repository) {
    const pr = github/* context */._.payload.pull_request;
    if (pr === undefined || typeof pr.number !== "number")
        return undefined;
    // A deleted fork leaves `head.repo` null: treat it as a fork, it has no secrets either.
    const headRepo = pr.head?.repo?.full_name;
    return {
        number: pr.number,
        headSha: pr.head?.sha ?? github/* context */._.sha,
        baseSha: pr.base?.sha ?? "",
        fromFork: headRepo === undefined || headRepo.toLowerCase() !== repository.toLowerCase(),
        closed: pr.state === "closed",
    };
}
function readRunFacts() {
    const repository = process.env.GITHUB_REPOSITORY ?? `${github/* context */._.repo.owner}/${github/* context */._.repo.repo}`;
    const serverUrl = github/* context */._.serverUrl.replace(/\/+$/, "");
    const repositoryPayload = github/* context */._.payload.repository;
    const defaultBranch = typeof repositoryPayload?.default_branch === "string" ? repositoryPayload.default_branch : undefined;
    return {
        eventName: github/* context */._.eventName,
        ref: github/* context */._.ref,
        sha: github/* context */._.sha,
        repo: github/* context */._.repo,
        repository,
        defaultBranch,
        pullRequest: readPullRequest(repository),
        serverUrl,
        workspace: process.env.GITHUB_WORKSPACE ?? process.cwd(),
        runUrl: runUrlOf(serverUrl, repository, process.env.GITHUB_RUN_ID),
    };
}
function runUrlOf(serverUrl, repository, runId) {
    return runId !== undefined && /^\d+$/.test(runId) ? `${serverUrl}/${repository}/actions/runs/${runId}` : undefined;
}

;// CONCATENATED MODULE: ./src/drift-issue.ts




/**
 * The drift issue of a roster.yml run on `schedule` / `workflow_dispatch`: one open issue per
 * config, labelled `roster-drift` and found by a hidden marker, whose body is the plan (the same
 * renderer and budget as the pull request comment). Opened or updated while the plan is not
 * empty; closed with a comment when a later run finds no drift. Needs `issues: write`; without
 * it, a warning naming the permission (the job summary still has the plan).
 *
 * Only an issue authored by the token's own identity is Roster's (the same exact-login rule as
 * its comments, comment.ts `isOwnComment`): anyone can open an issue with the label and the
 * marker, and Roster neither updates nor closes it, but opens its own.
 */
const DRIFT_LABEL = "roster-drift";
function createDriftIssueApi(token, repo) {
    let octokit;
    const client = () => {
        if (token === "")
            throw new Error("the `github-token` input is empty");
        // The same client as every other GitHub call: retries and rate limits handled (github-client.ts).
        octokit ??= createOctokit(token);
        return octokit;
    };
    return {
        async findOpenIssue(marker, ownLogin) {
            const issues = await client().paginate(client().rest.issues.listForRepo, {
                ...repo,
                labels: DRIFT_LABEL,
                state: "open",
                per_page: 100,
            });
            const found = issues.find((issue) => isOwnComment({ authorLogin: issue.user?.login }, ownLogin) &&
                (issue.body ?? "").includes(marker) &&
                issue.pull_request === undefined);
            return found === undefined ? undefined : { number: found.number, body: found.body ?? "" };
        },
        async createIssue(title, body) {
            const created = await client().rest.issues.create({ ...repo, title, body, labels: [DRIFT_LABEL] });
            return created.data.number;
        },
        async updateIssue(issue, title, body) {
            await client().rest.issues.update({ ...repo, issue_number: issue, title, body });
        },
        async closeIssue(issue, comment) {
            await client().rest.issues.createComment({ ...repo, issue_number: issue, body: comment });
            await client().rest.issues.update({ ...repo, issue_number: issue, state: "closed", state_reason: "completed" });
        },
    };
}
/** `<!-- roster:drift config=roster.yml -->`: one issue per config file. */
function driftMarker(config) {
    return `<!-- roster:drift config=${config.replace(/\s/g, "%20").replace(/-->/g, "--%3E")} -->`;
}
/** Opens, updates or closes the drift issue; returns its number when one is open afterwards. */
async function syncDriftIssue(api, report) {
    const marker = driftMarker(report.config);
    try {
        const open = await api.findOpenIssue(marker, report.ownLogin);
        if (report.changes === 0) {
            if (open !== undefined) {
                await api.closeIssue(open.number, `✅ No drift: the vendors match ${report.config} again (${report.runUrl}). Closing.`);
                core/* info */.pq(`Drift issue #${open.number} closed: no drift.`);
            }
            return undefined;
        }
        const title = `Roster drift: ${report.changes} ${report.changes === 1 ? "change" : "changes"} pending (${report.config})`;
        const body = `${report.body}\n\n_Found by ${report.runUrl}._\n\n${marker}`;
        if (open === undefined) {
            const number = await api.createIssue(title, body);
            core/* info */.pq(`Drift issue #${number} opened.`);
            return number;
        }
        if (open.body !== body)
            await api.updateIssue(open.number, title, body);
        core/* info */.pq(`Drift issue #${open.number} updated.`);
        return open.number;
    }
    catch (error) {
        warnGitHubFailure("open, update or close the drift issue", error, "issues: write");
        return undefined;
    }
}

;// CONCATENATED MODULE: ./src/head-check.ts


/**
 * Two merges seconds apart start two applies; without a check the older file's values could land
 * last and win. So an apply, once it has read the vendor and made its plan, first asks GitHub
 * whether its commit (GITHUB_SHA) is still the head of the default branch. If a newer commit has
 * landed, it skips with a notice: the newer commit's run applies the newer file. The README's
 * `concurrency:` advice stays the first defence (it queues the runs); this check covers the window
 * where both runs read before either writes, and runs without that setting.
 *
 * When GitHub cannot answer, nothing is applied and the run fails, naming the permission: a plan
 * that may be stale is never written on a guess. The default branch comes from the event payload;
 * `resolveMode` applies only on a push to it, so it is known whenever this runs.
 */
function supersededCheck(github, facts) {
    return async (plan) => {
        const branch = facts.defaultBranch;
        if (branch === undefined)
            return undefined;
        let head;
        try {
            head = await github.getBranchHeadSha(branch);
        }
        catch (error) {
            const reason = error instanceof Error ? error.message : String(error);
            throw new Error(`Nothing was applied: could not confirm that ${facts.sha.slice(0, 7)} is still the head of ${branch} ` +
                `(${reason}). The workflow needs \`contents: read\`; re-run the job.`);
        }
        if (head.toLowerCase() === facts.sha.toLowerCase())
            return undefined;
        const notice = `Skipped applying to ${target_label_targetLabel(plan)}: ${branch} has moved on from ${facts.sha.slice(0, 7)} to ${head.slice(0, 7)}, ` +
            `and the run for that newer commit applies its users.csv.`;
        core/* notice */.lm(notice);
        return notice;
    };
}

;// CONCATENATED MODULE: ./src/inputs.ts



/**
 * An input whose value is wrong; the message names the input and the accepted values. A
 * ConfigError (code `CONFIG_INVALID`, `setting` = the input's name) like every other bad setting.
 */
class InputError extends errors_ConfigError {
    constructor(input, message) {
        super(input, `Invalid input "${input}": ${message}`);
        this.name = "InputError";
    }
}
/** Action input → vendor setting (README.md#inputs): credentials and vendor options. */
const SETTING_INPUTS = {
    "sigma-client-id": "SIGMA_CLIENT_ID",
    "sigma-client-secret": "SIGMA_CLIENT_SECRET",
    "sigma-base-url": "SIGMA_BASE_URL",
    "sigma-send-invite": "SIGMA_SEND_INVITE",
    "periscope-site": "PERISCOPE_SITE",
    "periscope-api-key": "PERISCOPE_API_KEY",
    "periscope-base-url": "PERISCOPE_BASE_URL",
    "periscope-api": "PERISCOPE_API",
    "periscope-invited-by": "PERISCOPE_INVITED_BY",
    "adobe-org-id": "ADOBE_ORG_ID",
    "adobe-client-id": "ADOBE_CLIENT_ID",
    "adobe-client-secret": "ADOBE_CLIENT_SECRET",
    "adobe-umapi-url": "ADOBE_UMAPI_URL",
    "adobe-ims-url": "ADOBE_IMS_URL",
    "adobe-default-identity-type": "ADOBE_DEFAULT_IDENTITY_TYPE",
    "adobe-default-country": "ADOBE_DEFAULT_COUNTRY",
};
/** Inputs whose values are secrets. Vendor modules also declare theirs (`secretSettings`). */
const SECRET_INPUTS = [
    "sigma-client-secret",
    "periscope-api-key",
    "adobe-client-secret",
    "github-token",
];
const MODES = ["auto", "plan", "apply"];
const REVIEWED = ["require", "report"];
function readSecret(name) {
    const value = core/* getInput */.V4(name);
    // Periscope takes one key per site as a comma-separated list, and a vendor may print one alone:
    // each part is a secret of its own (masked and redacted), as well as the whole.
    for (const secret of secretValuesOf({ [name]: value }, [name]))
        runSecrets.add(secret);
    return value;
}
function readChoice(name, choices, fallback) {
    const value = core/* getInput */.V4(name) || fallback;
    if (choices.includes(value))
        return value;
    throw new InputError(name, `${shownValue(value)} is not one of ${choices.map((c) => `\`${c}\``).join(", ")}`);
}
function readBoolean(name, fallback) {
    const value = core/* getInput */.V4(name);
    if (value === "")
        return fallback;
    if (/^(true|yes|on)$/i.test(value))
        return true;
    if (/^(false|no|off)$/i.test(value))
        return false;
    throw new InputError(name, `${shownValue(value)} is not \`true\` or \`false\``);
}
/**
 * The safety inputs go through core's parsers, the same as the CLI flags (model/safety-settings.ts);
 * their ConfigError becomes an InputError naming the input.
 */
function viaCore(name, parse, text) {
    try {
        return parse(text, name);
    }
    catch (error) {
        if (error instanceof errors_ConfigError)
            throw new InputError(name, error.message);
        throw error;
    }
}
/** `10%`, `10%,5`, `10` (percent) or `10,5`; `0` means no destructive change without acknowledgement. */
function inputs_parseRemovalThreshold(text) {
    return viaCore("removal-threshold", parseRemovalThreshold, text);
}
/** Comma- or newline-separated emails, blanks dropped. */
function parseList(text) {
    return text
        .split(/[\n,]/)
        .map((item) => item.trim())
        .filter((item) => item !== "");
}
/**
 * `approve-checksum`: one full sha256 per target to approve (comma- or newline-separated). A
 * prefix approves nothing: it is an error, so nobody believes a short checksum approved a plan.
 */
function parseApproveChecksums(text) {
    const items = parseList(text);
    for (const item of items) {
        if (!/^[0-9a-f]{64}$/.test(item)) {
            throw new InputError("approve-checksum", `${shownValue(item)} is not a full plan checksum: give all 64 hexadecimal characters, as the refused plan's notice shows them`);
        }
    }
    return items;
}
function readPolicy() {
    const allowRemovals = core/* getInput */.V4("allow-removals");
    const threshold = core/* getInput */.V4("removal-threshold");
    return {
        absentUsers: readChoice("absent-users", model_policy/* ABSENT_USER_ACTIONS */.Or, model_policy/* defaultPolicy */.G4.absentUsers),
        groupScope: readChoice("group-scope", model_policy/* GROUP_SCOPES */.EH, model_policy/* defaultPolicy */.G4.groupScope),
        createMissingGroups: readBoolean("create-missing-groups", model_policy/* defaultPolicy */.G4.createMissingGroups),
        protectedUsers: parseList(core/* getInput */.V4("protected-users")),
        removalThreshold: threshold === "" ? model_policy/* defaultPolicy */.G4.removalThreshold : inputs_parseRemovalThreshold(threshold),
        ...(allowRemovals === "" ? {} : { allowRemovals: viaCore("allow-removals", parseAllowRemovals, allowRemovals) }),
        surface: "action",
    };
}
/** Reads, validates and masks every input. Throws InputError naming the first bad input. */
function parseInputs() {
    // Secrets first: nothing below may log before they are masked.
    const secrets = new Map(SECRET_INPUTS.map((name) => [name, readSecret(name)]));
    const settings = {};
    for (const [input, setting] of Object.entries(SETTING_INPUTS)) {
        const value = secrets.get(input) ?? core/* getInput */.V4(input);
        if (value !== "")
            settings[setting] = value;
    }
    const vendor = core/* getInput */.V4("vendor");
    // With `config` (roster.yml) the vendors come from the file.
    if (vendor === "" && core/* getInput */.V4("config") === "") {
        throw new InputError("vendor", "required: `sigma`, `periscope` or `adobe` (or `config: roster.yml` for every vendor it names)");
    }
    const csv = (core/* getInput */.V4("csv") || "users.csv").replace(/^\.\//, "");
    return {
        vendor,
        csv,
        mode: readChoice("mode", MODES, "auto"),
        settings,
        policy: readPolicy(),
        stopOnError: readBoolean("stop-on-error", false),
        serverCheck: readBoolean("server-check", false),
        githubToken: secrets.get("github-token") ?? "",
        comment: readBoolean("comment", true),
        reviewedPlan: readChoice("reviewed-plan", REVIEWED, "require"),
        approveChecksums: parseApproveChecksums(core/* getInput */.V4("approve-checksum")),
    };
}

;// CONCATENATED MODULE: ./src/mode.ts
/**
 * The mode fails closed (docs/plan-in-pr.md#mode-fails-closed): only a push may apply, and `auto` applies only on
 * a push to the default branch. Applying from an unmerged pull request is the worst failure a
 * dry-run tool can have (safe-settings#339), so `mode: apply` on any other event still plans.
 * The one other event that applies is the approval of a refused plan: a `workflow_dispatch` run
 * on the default branch with `approve-checksum`, which applies only a plan with that checksum.
 */
function resolveMode(input, event) {
    const isPush = event.eventName === "push";
    const onDefault = event.defaultBranch !== undefined && event.ref === `refs/heads/${event.defaultBranch}`;
    if (input === "plan")
        return { mode: "plan", reason: "the `mode` input is `plan`" };
    if (event.approval === true) {
        if (event.eventName === "workflow_dispatch" && onDefault) {
            return { mode: "apply", reason: "a manual run on the default branch approving a plan by its checksum" };
        }
        return {
            mode: "plan",
            reason: "`approve-checksum` applies only in a manual run on the default branch",
            warning: `approve-checksum is ignored on a ${event.eventName} event${onDefault ? "" : " off the default branch"}: a plan is approved by a workflow_dispatch run on the default branch. This run is a dry run.`,
        };
    }
    if (input === "apply") {
        if (isPush)
            return { mode: "apply", reason: "the `mode` input is `apply`" };
        return {
            mode: "plan",
            reason: `a \`${event.eventName}\` event never applies`,
            warning: `mode: apply is ignored on a ${event.eventName} event: Roster applies only on a push. This run is a dry run.`,
        };
    }
    if (isPush && onDefault)
        return { mode: "apply", reason: `a push to the default branch (${event.defaultBranch})` };
    if (isPush) {
        const branch = event.ref.replace(/^refs\/heads\//, "");
        return {
            mode: "plan",
            reason: event.defaultBranch === undefined
                ? "a push whose event payload does not name the default branch"
                : `a push to ${branch}, not the default branch (${event.defaultBranch})`,
        };
    }
    return { mode: "plan", reason: `a \`${event.eventName}\` event` };
}

;// CONCATENATED MODULE: ./src/outputs.ts



/** One checksum for the run: the plan's own, or a sha256 over each target's in order. */
function combinedChecksum(plans) {
    if (plans.length === 0)
        return "";
    if (plans.length === 1)
        return plans[0]?.checksum ?? "";
    return (0,external_node_crypto_.createHash)("sha256")
        .update(plans.map((p) => p.checksum).join("\n"))
        .digest("hex");
}
function summariseOutputs(mode, plans, results, commentUrl) {
    let creates = 0;
    let removals = 0;
    let total = 0;
    for (const plan of plans) {
        creates += plan.counts["create-user"] + plan.counts["create-group"];
        removals += plan.counts.destructive;
        total += plan.counts.total;
    }
    return {
        mode,
        hasChanges: total > 0,
        creates,
        updates: total - creates - removals,
        removals,
        // A change whose outcome is unknown needs the same look as a failed one (and fails the step).
        failed: results.reduce((sum, r) => sum + r.counts.failed + (r.counts.unknown ?? 0), 0),
        planChecksum: combinedChecksum(plans),
        commentUrl,
    };
}
function setOutputs(outputs) {
    // Outputs reach later steps and their logs: the same redactor as every other report (secrets.ts).
    const set = (name, value) => core/* setOutput */.uH(name, redactText(value));
    set("mode", outputs.mode);
    set("has-changes", String(outputs.hasChanges));
    set("creates", String(outputs.creates));
    set("updates", String(outputs.updates));
    set("removals", String(outputs.removals));
    set("failed", String(outputs.failed));
    set("plan-checksum", outputs.planChecksum);
    set("comment-url", outputs.commentUrl);
    set("full-plan-path", outputs.fullPlanPath ?? "");
}

;// CONCATENATED MODULE: ./src/summary.ts


/**
 * The job summary holds the full report. GitHub refuses a step summary over 1 MiB (the upload
 * fails with "supports content up to a size of 1024k"; docs/plan-in-pr.md#job-summary), so the
 * text is cut on a line boundary below that budget, with a note saying so.
 */
const SUMMARY_BUDGET_BYTES = 1_000_000;
const TRUNCATION_NOTE = "\n\n> [!WARNING]\n> The report was cut to fit GitHub's 1 MiB job summary limit.\n";
/** Joins sections and keeps the result under `budget` bytes of UTF-8. */
function fitSummary(sections, budget = SUMMARY_BUDGET_BYTES) {
    const text = sections.join("\n\n");
    if (Buffer.byteLength(text, "utf8") <= budget)
        return text;
    const room = budget - Buffer.byteLength(TRUNCATION_NOTE, "utf8");
    let cut = Buffer.from(text, "utf8").subarray(0, Math.max(0, room)).toString("utf8");
    // A cut inside a multi-byte character leaves U+FFFD; a cut mid-line leaves half a table row.
    const lastNewline = cut.lastIndexOf("\n");
    if (lastNewline > 0)
        cut = cut.slice(0, lastNewline);
    return `${cut.replace(/\uFFFD$/, "")}${TRUNCATION_NOTE}`;
}
/** Writes the summary when the runner provides one (GITHUB_STEP_SUMMARY); logs otherwise. */
async function writeSummary(sections) {
    if (!process.env.GITHUB_STEP_SUMMARY) {
        core/* info */.pq("GITHUB_STEP_SUMMARY is not set: no job summary written.");
        return;
    }
    // Redacted before it is cut, so the cut cannot split a secret and keep half of it (secrets.ts).
    await core/* summary */.z.addRaw(fitSummary(sections.map(redactText)), true).write();
}

;// CONCATENATED MODULE: ./src/offline.ts







/** Annotates, summarises, comments (when the token can) and fails only for an invalid file. */
async function validateOffline(run) {
    const { inputs, desired, github, facts } = run;
    annotateDiagnostics(desired.diagnostics);
    const errors = desired.diagnostics.filter((d) => d.severity === "error").length;
    // A problem links to its own file: with a roster.yml, that is roster.yml or one of its users
    // files (the renderer passes the file a problem names when it is not the report's own).
    const csvUrl = (line, file) => `${facts.serverUrl}/${facts.repository}/blob/${facts.pullRequest?.headSha ?? facts.sha}/${file ?? desired.file}#L${line}`;
    const report = (maxChars, fullReportHint) => renderValidationMarkdown({
        vendor: run.vendors ?? inputs.vendor,
        file: desired.file,
        users: desired.users.length,
        diagnostics: desired.diagnostics,
        reason: run.reason,
        csvUrl,
        maxChars,
        ...(fullReportHint === undefined ? {} : { fullReportHint }),
    });
    await writeSummary([report(900_000)]);
    let commentUrl = "";
    const pr = facts.pullRequest;
    // A closed pull request keeps the comment it was reviewed with.
    const ownLogin = pr !== undefined && !pr.closed && inputs.comment ? await ownIdentity(github) : undefined;
    if (pr !== undefined && ownLogin !== undefined) {
        for (const target of run.targets) {
            const marker = commentMarker({ vendor: inputs.vendor, csv: inputs.csv, target });
            const footer = commentFooter(marker, {
                state: errors > 0 ? "invalid" : "offline",
                checksum: "",
                sha: pr.headSha,
            });
            const markdown = report(COMMENT_MAX_CHARS - footer.length - 600, "the job summary of this workflow run");
            // A plan shown earlier in this comment is replaced by this report; say so, with the run.
            const body = (existing) => {
                const replacesPlan = existing !== undefined &&
                    (parseFooter(existing.body)?.meta.state === "plan" || existing.body.startsWith(OUTDATED_BANNER_START));
                const banner = replacesPlan ? `${renderOutdatedBanner(facts.runUrl, true)}\n\n` : "";
                return `${banner}${markdown}\n\n${footer}`;
            };
            const url = await postComment(github, pr.number, marker, body, ownLogin);
            if (url === undefined)
                break;
            commentUrl = url;
        }
    }
    setOutputs({
        mode: run.mode,
        hasChanges: false,
        creates: 0,
        updates: 0,
        removals: 0,
        failed: 0,
        planChecksum: "",
        commentUrl,
    });
    if (errors > 0) {
        core/* setFailed */.C1(`${inputs.csv} has ${errors} problem${errors === 1 ? "" : "s"}: see the annotations and the job summary. Nothing was ${run.mode === "apply" ? "applied" : "planned"}.`);
    }
    else if (run.reason !== undefined) {
        const notRead = run.vendors === undefined ? `${inputs.vendor} was not read` : `No vendor was read (${run.vendors.join(", ")})`;
        core/* notice */.lm(`${inputs.csv} is valid. ${notRead}: ${run.reason}.`);
    }
}
/**
 * A vendor with targets (Periscope sites) comments per target; an earlier comment without a
 * target (a run that could not reach the vendor) would otherwise stay behind, stale.
 */
async function retireUntargetedComment(github, pullNumber, inputs, ownLogin, sha) {
    const marker = commentMarker({ vendor: inputs.vendor, csv: inputs.csv });
    try {
        const existing = findOwnComment(await github.listComments(pullNumber), marker, ownLogin);
        const body = `_Superseded: the plan for each ${inputs.vendor} target is in its own comment below._\n\n${commentFooter(marker, { state: "superseded", checksum: "", sha })}`;
        if (existing !== undefined && existing.body !== body)
            await github.updateComment(existing.id, body);
    }
    catch (error) {
        warnGitHubFailure(`update the earlier comment on #${pullNumber}`, error, "pull-requests: write");
    }
}

;// CONCATENATED MODULE: ./src/review.ts




async function readReview(inputs, facts, github, keys) {
    // Read even with `comment: false` and `report`: the job summary says whether this was reviewed.
    const pulls = await pullsForCommit(github, facts.sha);
    const ownLogin = pulls.refs.length > 0 ? await ownIdentity(github) : undefined;
    const reviewed = new Map();
    // Only a merged pull request's plan was reviewed for this commit; with several (rare), the
    // first one's plan is the one checked. An open pull request that happens to contain a directly
    // pushed commit reviewed nothing that was merged.
    const first = pulls.refs.find((pull) => pull.merged);
    for (const key of keys) {
        // One read per comment: the targets of a roster.yml run share theirs.
        const marker = commentMarker(key);
        if (reviewed.has(marker))
            continue;
        let plan;
        if (!pulls.readable)
            plan = { status: "unreadable" };
        else if (first === undefined)
            plan = { status: "none", why: "no-pull-request" };
        else if (ownLogin === undefined)
            plan = { status: "unreadable" };
        else
            plan = await readReviewedPlan(github, first, key, ownLogin);
        reviewed.set(marker, plan);
    }
    const reviewedOf = (key) => {
        const plan = reviewed.get(commentMarker(key)) ?? { status: "none", why: "no-plan" };
        return key.section === undefined ? plan : sectionOf(plan, key.section);
    };
    return {
        pulls: pulls.refs.map((pull) => pull.number),
        ownLogin,
        reviewed: reviewedOf,
        accepted(key) {
            const found = reviewedOf(key);
            const own = found.status === "found" ? [found.checksum] : [];
            // `approve-checksum` is a plain list of full checksums, matched against every target: a
            // checksum is one plan's (it covers the target), so it can approve no other target's plan.
            if (inputs.approveChecksums.length > 0)
                return [...inputs.approveChecksums, ...own];
            return inputs.reviewedPlan === "require" ? own : undefined;
        },
    };
}
/** One target's reviewed plan in a comment that holds several (`key=sha256;…`). */
function sectionOf(plan, section) {
    if (plan.status !== "found")
        return plan;
    const checksum = parseChecksums(plan.checksum).get(section);
    return checksum === undefined ? { status: "none", why: "not-in-plan" } : { ...plan, checksum };
}
/** Adds the review binding (and, for a refused plan, how to approve it) to an apply outcome. */
function bindToReview(outcome, key, review, inputs) {
    const { plan } = outcome;
    const empty = plan.changes.length === 0;
    // A plan with nothing to write is never held back: there is nothing to approve.
    let settled = outcome;
    if (outcome.refused === "checksum" && empty) {
        const { refused: _refused, ...rest } = outcome;
        settled = {
            ...rest,
            result: { plan, results: [], counts: { applied: 0, failed: 0, skipped: 0 }, durationMs: 0 },
        };
    }
    const refused = settled.refused === "checksum";
    const binding = renderReviewBinding({
        pull: review.pulls[0],
        checksum: plan.checksum,
        reviewed: review.reviewed(key),
        approved: settled.result !== undefined && inputs.approveChecksums.includes(plan.checksum),
        policy: inputs.reviewedPlan,
        refused,
        applied: settled.result !== undefined,
        empty,
    });
    return { ...settled, binding, ...(refused ? { notice: renderApprovalHowTo(plan.checksum) } : {}) };
}
/** Each target's apply report (or refusal awaiting approval) on the merged pull request(s). */
async function commentResults(github, pulls, ownLogin, sha, outcomes, links) {
    let url = "";
    for (const pull of pulls) {
        for (const outcome of outcomes) {
            const state = outcome.refused === "checksum" ? "awaiting-approval" : outcome.result === undefined ? "refused" : "applied";
            const body = renderCommentBody(outcome, links, "result", { state, checksum: outcome.plan.checksum, sha });
            url = (await postComment(github, pull, commentMarker(outcome.key, "result"), body, ownLogin)) ?? url;
        }
    }
    return url;
}
/** The merged pull request(s) of a commit; `readable: false` when GitHub could not be asked. */
async function pullsForCommit(github, sha) {
    try {
        const pulls = await github.listPullRequestsForCommit(sha);
        // On the default branch GitHub lists the merged pull request that introduced the commit; a
        // direct push has none, and the job summary is the only report then.
        const merged = pulls.filter((p) => p.merged);
        return { refs: merged.length > 0 ? merged : pulls, readable: true };
    }
    catch (error) {
        warnGitHubFailure(`find the pull request of ${sha.slice(0, 7)}`, error, "pull-requests: read");
        return { refs: [], readable: false };
    }
}

;// CONCATENATED MODULE: ./src/config-run.ts



















/**
 * The Action with `config: roster.yml` (docs/roster-yml.md): one step plans or applies every
 * vendor and site roster.yml names, one sticky comment per pull request holds a section per
 * target within one shared budget, outputs come per target and in total, and on `schedule` /
 * `workflow_dispatch` the plan also opens, updates or closes the drift issue.
 *
 * - Credentials come from the step's `env:` (the variables the CLI reads) and the existing
 *   inputs; an input wins over the environment.
 * - The policy lives in roster.yml, reviewed with the users files. The runner fills every input
 *   with its default, so an input left at its default is ignored; one set to anything else is
 *   refused with a message pointing to roster.yml. `allow-removals` acknowledges one target's
 *   plan: `N` when there is one target, else `sigma=3, periscope.acme-rbac=2`.
 * - A merge applies each target only when its plan is the one reviewed on the pull request (its
 *   entry in the footer of Roster's own config comment) or approved in `approve-checksum`, with
 *   the single-vendor rules of review.ts; a target whose plan differs writes nothing while the
 *   others apply (test/config-review.e2e.test.ts).
 */
function configInput() {
    const value = core/* getInput */.V4("config").trim().replace(/^\.\//, "");
    return value === "" ? undefined : value;
}
const logger = {
    info: (message) => core/* info */.pq(message),
    warn: (message) => core/* warning */.$e(message),
    debug: (message) => core/* debug */.Yz(message),
};
/** Policy inputs and their action.yml defaults, with the roster.yml key that replaces each. */
const POLICY_INPUTS = [
    ["absent-users", ["", "ignore"], "absent-users"],
    ["group-scope", ["", "listed"], "group-scope"],
    ["create-missing-groups", ["", "false"], "create-groups"],
    ["protected-users", [""], "protect"],
    ["removal-threshold", ["", "10%,5"], "removal-threshold` / `removal-floor"],
    ["csv", ["", "users.csv"], "users"],
];
function refusePolicyInputs(config) {
    for (const [input, defaults, key] of POLICY_INPUTS) {
        const value = core/* getInput */.V4(input).trim();
        if (defaults.includes(value))
            continue;
        throw new InputError(input, `with \`config\`, this lives in ${config}, reviewed with the users files: set \`${key}\` there (under \`vendors.<vendor>\` for a policy) and leave \`${input}\` at its default.`);
    }
}
/** `3` (one target) or `sigma=3, periscope.acme-rbac=2`. */
function parseAllowRemovalsFor(text, keys) {
    const acknowledged = new Map();
    const trimmed = text.trim();
    if (trimmed === "")
        return acknowledged;
    if (!trimmed.includes("=")) {
        if (keys.length !== 1) {
            throw new InputError("allow-removals", `with several targets, say whose plan: e.g. \`${keys[0] ?? "sigma"}=${trimmed}\` (targets: ${keys.join(", ")}).`);
        }
        acknowledged.set(keys[0] ?? "", parseAllowRemovals(trimmed, "allow-removals"));
        return acknowledged;
    }
    for (const part of trimmed
        .split(/[,\n]/)
        .map((p) => p.trim())
        .filter((p) => p !== "")) {
        const match = /^([\w.-]+)\s*=\s*(\S+)$/.exec(part);
        if (match?.[1] === undefined || !keys.includes(match[1])) {
            throw new InputError("allow-removals", `\`${part}\` is not \`<target>=<count@digest>\` with a target among ${keys.join(", ")}.`);
        }
        acknowledged.set(match[1], parseAllowRemovals(match[2] ?? "", "allow-removals"));
    }
    return acknowledged;
}
/** Vendor settings from the step's environment, overlaid by the inputs that set the same names. */
function settingsOf(inputs) {
    const settings = {};
    for (const [name, value] of Object.entries(process.env)) {
        if (value !== undefined && value !== "" && /^(SIGMA|PERISCOPE|ADOBE)_/.test(name))
            settings[name] = value;
    }
    for (const [name, value] of Object.entries(inputs.settings))
        if (value !== undefined && value !== "")
            settings[name] = value;
    // Secrets from the environment are masked and redacted like the secret inputs (secrets.ts): a
    // vendor may echo one, into the log or into a report. Each Periscope site's key on its own too.
    for (const id of VENDOR_IDS) {
        for (const value of secretValuesOf(settings, getVendorModule(id).secretSettings))
            runSecrets.add(value);
    }
    return settings;
}
function keyOf(target) {
    return target.vendor.target !== undefined && (target.config.sites ?? []).length > 0
        ? `${target.vendor.id}.${target.vendor.target}`
        : target.vendor.id;
}
function labelOf(target) {
    return target_label_targetLabel({ vendor: target.vendor.id, target: target.vendor.target });
}
function describe(error) {
    return error instanceof Error ? error.message : String(error);
}
/**
 * `onFailure` receives what a failed pull request run needs to mark the config's plan comment out
 * of date (outdated.ts), once the run knows its pull request and token.
 */
async function runConfigAction(config, onFailure = () => undefined) {
    const inputs = parseInputs();
    const facts = readRunFacts();
    const resolved = resolveMode(inputs.mode, { ...facts, approval: inputs.approveChecksums.length > 0 });
    if (resolved.warning !== undefined)
        core/* warning */.$e(resolved.warning);
    refusePolicyInputs(config);
    const settings = settingsOf(inputs);
    core/* info */.pq(resolved.mode === "plan"
        ? `Roster DRY RUN for ${config}: nothing will be changed (${resolved.reason}).`
        : `Roster LIVE for ${config}: applying changes (${resolved.reason}).`);
    // roster.yml and every users file it names must be inside the checked-out repository: a path
    // or glob with `..` must not make the Action read files the pull request does not hold.
    const workspace = (0,external_node_path_.resolve)(facts.workspace);
    const inside = (path) => path === workspace || path.startsWith(`${workspace}${external_node_path_.sep}`);
    const configPath = (0,external_node_path_.resolve)(workspace, config);
    if (!inside(configPath))
        throw new InputError("config", `${shownValue(config)} is outside the repository.`);
    const github = createGitHubApi(inputs.githubToken, facts.repo);
    // The offline report takes the place of the config's one comment (same marker: vendor=all, csv=config).
    const offlineInputs = { ...inputs, vendor: "all", csv: config };
    const pr = facts.pullRequest;
    if (resolved.mode === "plan" && pr !== undefined && !pr.closed && inputs.comment) {
        onFailure({ github, inputs: offlineInputs, facts });
    }
    let vendors = [];
    const offline = (reason, diagnostics, desired) => validateOffline({
        inputs: offlineInputs,
        facts,
        desired: desired ?? {
            file: config,
            users: [],
            headerLine: 0,
            columns: {},
            attributeColumns: {},
            groupsNamed: [],
            diagnostics,
        },
        github,
        mode: resolved.mode,
        reason,
        targets: [undefined],
        vendors,
    }).then(() => undefined);
    let run;
    try {
        run = await prepareConfigRun({ path: configPath, displayName: config, displayRoot: workspace });
    }
    catch (error) {
        // An invalid roster.yml is reported like an invalid users file: annotated on its lines, in
        // the summary and in the config's one comment (state `invalid`: no plan to review).
        if (error instanceof RosterConfigError)
            return offline(undefined, error.diagnostics);
        throw error;
    }
    vendors = run.vendors.map((v) => v.id);
    const outside = run.files.find((file) => !inside((0,external_node_path_.resolve)(file.path)));
    if (outside !== undefined) {
        throw new InputError("config", `${config} names a users file outside the repository (${shownValue(outside.name)}).`);
    }
    const users = await readConfigUsers(run);
    const combined = users.byTarget.values().next().value;
    if (pr?.fromFork === true) {
        return offline("this pull request comes from a fork, and GitHub gives fork pull requests no secrets", users.diagnostics, combined);
    }
    if (hasErrors(users.diagnostics))
        return offline(undefined, users.diagnostics, combined);
    let targets;
    try {
        // Tokens the vendors are granted at run time are secrets too (secrets.ts).
        targets = await createConfigTargets(run, settings, {
            mode: resolved.mode,
            logger,
            onSecret: (value) => runSecrets.add(value),
        });
    }
    catch (error) {
        if (pr !== undefined && isCoreError(error) && error.code === "CONFIG_MISSING") {
            return offline(`credentials are not available to this run (${describe(error)})`, users.diagnostics, combined);
        }
        throw error;
    }
    const acknowledged = parseAllowRemovalsFor(core/* getInput */.V4("allow-removals"), targets.map(keyOf));
    targets = targets.map((t) => {
        const n = acknowledged.get(keyOf(t));
        return n === undefined ? t : { ...t, policy: { ...t.policy, allowRemovals: n } };
    });
    const context = { logger };
    // A merge (or an approval run) is held to the plan reviewed on the pull request, target by
    // target, exactly as the single-vendor path (review.ts): each target is applied only when its
    // plan's checksum is the one Roster showed for it in the config's comment, or one given in
    // `approve-checksum`. A target whose plan differs writes nothing; the others still apply, as
    // each Periscope site does on its own in a single-vendor run (docs/roster-yml.md#the-action).
    const reviewKey = (target) => ({ vendor: "all", csv: config, section: keyOf(target) });
    const review = resolved.mode === "apply" ? await readReview(inputs, facts, github, targets.map(reviewKey)) : undefined;
    let sections;
    // On a pull request, each plan with changes, kept with its directory to tell what the pull
    // request introduces from what was pending on the base branch (config-origins.ts).
    const planned = [];
    try {
        const settled = await Promise.allSettled(targets.map(async (target) => {
            const base = { key: keyOf(target), label: labelOf(target) };
            if (review === undefined) {
                const { directory, plan } = await planConfigTarget({
                    users,
                    target,
                    context,
                    serverCheck: inputs.serverCheck,
                });
                if (pr !== undefined && plan.changes.length > 0) {
                    planned.push({
                        key: base.key,
                        id: target.config.id,
                        site: target.vendor.target,
                        vendor: target.vendor,
                        directory,
                        plan,
                    });
                }
                return { ...base, plan };
            }
            const accepted = review.accepted(reviewKey(target));
            const out = await applyConfigTarget({
                users,
                target,
                context,
                serverCheck: inputs.serverCheck,
                stopOnError: inputs.stopOnError,
                // Two merges seconds apart: only the head of the default branch writes (head-check.ts).
                beforeWrite: supersededCheck(github, facts),
                ...(accepted === undefined ? {} : { expectedChecksum: accepted }),
            });
            // The one notice for every refused target is built below, not one per target.
            const { notice: _perTarget, ...bound } = bindToReview({
                ...base,
                plan: out.plan,
                ...(out.result === undefined ? {} : { result: out.result }),
                ...(out.refused === undefined ? {} : { refused: out.refused }),
            }, reviewKey(target), review, inputs);
            return bound;
        }));
        const origins = pr === undefined || planned.length === 0
            ? new Map()
            : await classifyConfigAgainstBase(github, config, users.files, pr.baseSha, planned);
        sections = settled.map((result, i) => {
            const target = targets[i];
            const of = origins.get(keyOf(target));
            // Redacted as data, before any renderer escapes it (secrets.ts).
            return redactReport(result.status === "fulfilled"
                ? { ...result.value, ...(of === undefined ? {} : { origins: of }) }
                : { key: keyOf(target), label: labelOf(target), error: describe(result.reason) });
        });
    }
    finally {
        await Promise.allSettled(targets.map((t) => t.vendor.close()));
    }
    for (const s of sections) {
        if (s.plan !== undefined)
            core/* info */.pq(`${s.label}: ${s.plan.counts.total} changes (${s.plan.counts.destructive} destructive), checksum ${s.plan.checksum.slice(0, 12)}`);
        else
            core/* error */.z3(`${s.label}: ${s.error}`);
    }
    const plans = sections.flatMap((s) => (s.plan === undefined ? [] : [s.plan]));
    annotateDiagnostics(plans.flatMap((p) => p.diagnostics));
    const sha = pr?.headSha ?? facts.sha;
    const links = {
        blobBase: `${facts.serverUrl}/${facts.repository}/blob/${sha}`,
        defaultFile: users.files[0] ?? "users.csv",
    };
    const heading = `## Roster · ${config} · ${users.files.join(", ")}`;
    // One notice for every target refused at merge: each target's checksum and the one value of
    // `approve-checksum` that approves them all.
    const awaiting = sections.flatMap((s) => s.refused === "checksum" && s.plan !== undefined ? [{ target: s.label, checksum: s.plan.checksum }] : []);
    const top = awaiting.length === 0 ? [heading] : [heading, renderApprovalHowTo(awaiting)];
    let commentUrl = "";
    if (resolved.mode === "plan" && pr !== undefined && inputs.comment) {
        // The token's exact identity; when it cannot be read, Roster writes no comment and trusts none.
        // A closed pull request keeps the comment it was reviewed with.
        const ownLogin = pr.closed ? undefined : await ownIdentity(github);
        if (pr.closed)
            core/* info */.pq(`#${pr.number} is closed: its plan comment is what was reviewed, so it is left as it is.`);
        if (ownLogin !== undefined) {
            commentUrl = await postConfigComment(github, pr.number, "comment", top, sections, links, sha, config, ownLogin);
        }
    }
    else if (review?.ownLogin !== undefined && inputs.comment) {
        for (const pull of review.pulls) {
            commentUrl = await postConfigComment(github, pull, "result", top, sections, links, facts.sha, config, review.ownLogin);
        }
    }
    const full = renderSections(sections, links, 900_000);
    await writeSummary([...top, ...full]);
    const results = sections.flatMap((s) => (s.result === undefined ? [] : [s.result]));
    setOutputs(summariseOutputs(resolved.mode, plans, results, commentUrl));
    setTargetOutputs(sections);
    const drift = core/* getInput */.V4("drift-issue").trim().toLowerCase();
    if (resolved.mode === "plan" &&
        ["schedule", "workflow_dispatch"].includes(facts.eventName) &&
        !["false", "no", "off"].includes(drift)) {
        const changes = plans.reduce((sum, p) => sum + p.counts.total, 0);
        const body = [
            heading,
            ...renderSections(sections, links, COMMENT_MAX_CHARS - 400, "the job summary of the workflow run"),
        ].join("\n\n");
        // Only Roster's own issue is updated or closed; without its identity it cannot tell which that is.
        const ownLogin = await ownIdentity(github);
        if (ownLogin === undefined)
            core/* warning */.$e("The drift issue was not opened, updated or closed: see the warning above.");
        else
            await syncDriftIssue(createDriftIssueApi(inputs.githubToken, facts.repo), {
                config,
                ownLogin,
                changes,
                body,
                runUrl: `${facts.serverUrl}/${facts.repository}/actions/runs/${process.env.GITHUB_RUN_ID ?? ""}`,
            });
    }
    failIfNeeded(sections, resolved.mode, facts.defaultBranch);
}
async function postConfigComment(github, issue, kind, top, sections, links, sha, config, ownLogin) {
    const marker = commentMarker({ vendor: "all", csv: config }, kind);
    // `awaiting-approval` is a notice, never read as a reviewed plan: only a `comment` in state
    // `plan` is (report.ts readReviewedPlan).
    const state = kind === "comment"
        ? "plan"
        : sections.some((s) => s.refused === "checksum")
            ? "awaiting-approval"
            : sections.some((s) => s.result === undefined)
                ? "refused"
                : "applied";
    const footer = `\n\n${commentFooter(marker, { state, checksum: checksumsText(sections), sha })}`;
    const head = top.join("\n\n");
    const budget = COMMENT_MAX_CHARS - footer.length - head.length - 2;
    const body = `${[head, ...renderSections(sections, links, budget, "the job summary of this workflow run")].join("\n\n")}${footer}`;
    return (await postComment(github, issue, marker, body, ownLogin)) ?? "";
}
/** `sigma-changes`, `periscope-acme-rbac-destructive`...: the per-target outputs. */
function setTargetOutputs(sections) {
    for (const s of sections) {
        const slug = s.key.replace(/[^A-Za-z0-9]+/g, "-");
        core/* setOutput */.uH(`${slug}-has-changes`, String((s.plan?.counts.total ?? 0) > 0));
        core/* setOutput */.uH(`${slug}-changes`, String(s.plan?.counts.total ?? 0));
        core/* setOutput */.uH(`${slug}-destructive`, String(s.plan?.counts.destructive ?? 0));
        core/* setOutput */.uH(`${slug}-failed`, String(s.result?.counts.failed ?? 0));
        core/* setOutput */.uH(`${slug}-plan-checksum`, s.plan?.checksum ?? "");
    }
}
function failIfNeeded(sections, mode, branch) {
    const problems = [];
    const awaiting = [];
    for (const s of sections) {
        if (s.plan === undefined)
            problems.push(`${s.label}: ${s.error}`);
        else if (safety_hasInputErrors(s.plan))
            problems.push(`${s.label}: invalid for this vendor`);
        else if (s.plan.safety.unsafe) {
            const value = s.plan.safety.acknowledgementValue ?? s.plan.safety.destructive;
            problems.push(unsafeMessage(s.plan, "action", `allow-removals: ${s.key}=${value}`));
        }
        else if (s.refused === "checksum")
            awaiting.push(s);
        else if ((s.result?.counts.failed ?? 0) > 0)
            problems.push(`${s.label}: ${s.result?.counts.failed} changes failed`);
        else if (s.binding?.startsWith("⚠️"))
            core/* warning */.$e(`${s.label}: applied without a matching review (\`reviewed-plan: report\`); see the job summary.`);
    }
    if (awaiting.length > 0) {
        const checksums = awaiting.map((s) => s.plan?.checksum ?? "");
        problems.push(`nothing was applied to ${awaiting.map((s) => s.label).join(", ")}: not the reviewed plan (see the job summary). To apply exactly ${awaiting.length === 1 ? "this plan" : "these plans"}, run this workflow manually on ${branch ?? "the default branch"} with the input \`approve-checksum: ${checksums.join(", ")}\` (${awaiting.map((s, i) => `${s.label}: ${checksums[i]}`).join("; ")})`);
    }
    if (problems.length > 0)
        core/* setFailed */.C1(`Roster ${mode}: ${problems.join("; ")}`);
}

;// CONCATENATED MODULE: ./src/outdated.ts



/**
 * A failed pull request run leaves the last plan in place, marked out of date with a link to
 * the run, so nobody reviews it as current (test/review-chain.e2e.test.ts, "a failed rerun").
 */
async function markPlansOutdated(target) {
    const { github, inputs, facts } = target;
    const pr = facts.pullRequest;
    if (pr === undefined)
        return;
    const ownLogin = await ownIdentity(github);
    if (ownLogin === undefined)
        return;
    // Every target's plan comment of this vendor and file: `... csv=users.csv -->` or `... target=x -->`.
    const prefix = commentMarker({ vendor: inputs.vendor, csv: inputs.csv }).replace(/ -->$/, "");
    const banner = renderOutdatedBanner(facts.runUrl);
    let comments;
    try {
        comments = await github.listComments(pr.number);
    }
    catch (error) {
        warnGitHubFailure(`read the pull request's comments on #${pr.number}`, error, "pull-requests: read");
        return;
    }
    for (const comment of comments) {
        if (!isOwnComment(comment, ownLogin))
            continue;
        const footer = parseFooter(comment.body);
        if (footer === undefined || footer.meta.state !== "plan")
            continue;
        if (footer.marker !== `${prefix} -->` && !footer.marker.startsWith(`${prefix} target=`))
            continue;
        const body = `${banner}\n\n${withoutOutdatedBanner(comment.body)}`;
        if (body === comment.body)
            continue;
        await postComment(github, pr.number, footer.marker, body, ownLogin);
    }
}
function withoutOutdatedBanner(body) {
    return body.startsWith(OUTDATED_BANNER_START) ? body.slice(body.indexOf("\n\n") + 2) : body;
}

;// CONCATENATED MODULE: ./src/targets.ts




function targets_keyOf(step) {
    return { vendor: step.inputs.vendor, csv: step.inputs.csv, target: step.vendor.target };
}
function context(step) {
    return { logger: step.logger };
}
/** Dry run; on a pull request, also tells introduced changes from already-pending ones. */
async function planTarget(step) {
    const { directory, plan } = await planForVendor({
        desired: step.desired,
        vendor: step.vendor,
        policy: step.inputs.policy,
        context: context(step),
        serverCheck: step.inputs.serverCheck,
    });
    logCounts(plan);
    const pr = step.facts.pullRequest;
    if (pr === undefined || plan.changes.length === 0)
        return { key: targets_keyOf(step), plan };
    const origins = await classifyAgainstBase(step, plan, directory, pr.baseSha);
    return origins === undefined ? { key: targets_keyOf(step), plan } : { key: targets_keyOf(step), plan, origins };
}
/**
 * Plans the base branch's users.csv against the same directory: a change the base plan also has
 * was pending before this pull request (drift, or an earlier merge not applied yet).
 * No base file means everything is introduced.
 */
async function classifyAgainstBase(step, plan, directory, baseSha) {
    let text;
    try {
        text = await step.github.getFileText(step.inputs.csv, baseSha);
    }
    catch (error) {
        warnGitHubFailure(`read ${step.inputs.csv} on the base branch`, error, "contents: read");
        return undefined;
    }
    if (text === null)
        return classifyChanges(plan, undefined);
    const base = await readUsersCsv({ file: step.inputs.csv, input: text }, { groupSeparators: step.vendor.capabilities.groupSeparators });
    // An invalid base file has no plan of its own: everything in the pull request counts as introduced.
    if (hasErrors(base.diagnostics))
        return classifyChanges(plan, undefined);
    const basePlan = planChanges({ desired: base, directory, policy: step.inputs.policy, vendor: step.vendor });
    // The base file manages data this pull request's read left out (a column or group it dropped):
    // the base plan could not be made in full, so telling pending from introduced would be a guess.
    if (basePlan.diagnostics.some((d) => d.code === "PLAN_NOT_READ"))
        return undefined;
    return classifyChanges(plan, basePlan);
}
/**
 * Re-reads, re-plans and applies unless the plan is invalid, unsafe, or (when `accepted` is
 * given) none of the accepted checksums: the reviewed plan's, or those approved by a manual run.
 */
async function applyTarget(step, accepted) {
    const output = await applyForVendor({
        desired: step.desired,
        vendor: step.vendor,
        policy: step.inputs.policy,
        context: context(step),
        stopOnError: step.inputs.stopOnError,
        beforeWrite: supersededCheck(step.github, step.facts),
        ...(accepted === undefined ? {} : { expectedChecksum: accepted }),
    });
    logCounts(output.plan);
    if (output.refused === "invalid" || output.refused === "unsafe")
        core/* warning */.$e(`Nothing was applied to ${target_label_targetLabel(output.plan)}: the plan is ${output.refused}.`);
    if (output.result !== undefined) {
        const { applied, failed, skipped } = output.result.counts;
        core/* info */.pq(`${target_label_targetLabel(output.plan)}: ${applied} applied, ${failed} failed, ${skipped} skipped.`);
    }
    return {
        key: targets_keyOf(step),
        plan: output.plan,
        ...(output.result === undefined ? {} : { result: output.result }),
        ...(output.refused === undefined ? {} : { refused: output.refused }),
    };
}
function logCounts(plan) {
    core/* info */.pq(`${target_label_targetLabel(plan)}: ${plan.counts.total} change${plan.counts.total === 1 ? "" : "s"} planned (${plan.counts.destructive} destructive), checksum ${plan.checksum.slice(0, 12)}.`);
}

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(73024);
;// CONCATENATED MODULE: ./src/workspace-file.ts




/** The refusal, with which rule it broke in `reason` (tests and callers branch on it). */
class WorkspaceFileError extends errors_ConfigError {
    reason;
    constructor(input, reason, message) {
        super(input, message);
        this.name = "WorkspaceFileError";
        this.reason = reason;
    }
}
function isInside(root, path) {
    const rel = (0,external_node_path_.relative)(root, path);
    return rel === "" || (!rel.startsWith("..") && !(0,external_node_path_.isAbsolute)(rel));
}
function errnoOf(error) {
    return typeof error === "object" && error !== null && "code" in error ? String(error.code) : undefined;
}
/**
 * Opens `path` (relative to `workspace`) for reading after the checks above. `input` names the
 * Action input the path came from, for the message. The caller closes the handle.
 */
async function openWorkspaceFile(workspace, path, input) {
    const shown = `\`${input}\` input "${path}"`;
    const root = await (0,promises_.realpath)(workspace);
    const given = (0,external_node_path_.resolve)(root, path);
    if (!isInside(root, given)) {
        throw new WorkspaceFileError(input, "outside", `The ${shown} points outside the workspace (GITHUB_WORKSPACE): Roster reads only files inside the checked-out repository. Give a path relative to the repository root.`);
    }
    let real;
    try {
        real = await (0,promises_.realpath)(given);
    }
    catch (error) {
        if (errnoOf(error) === "ENOENT" || errnoOf(error) === "ENOTDIR") {
            throw new WorkspaceFileError(input, "missing", `The ${shown} names no file in the repository (nothing there, or a link to nothing). Check the path, and that the workflow checks the repository out (actions/checkout) before this step.`);
        }
        throw error;
    }
    if (!isInside(root, real)) {
        throw new WorkspaceFileError(input, "link-outside", `The ${shown} is a symbolic link, or lies under one, that leads outside the workspace: Roster refuses to read it. Replace the link with the file itself.`);
    }
    const notRegular = () => new WorkspaceFileError(input, "not-regular", `The ${shown} is not a regular file (a directory, device, socket or pipe): Roster reads only regular files.`);
    let handle;
    try {
        // O_NONBLOCK: opening a named pipe must not wait for a writer; a regular file ignores it.
        handle = await (0,promises_.open)(real, external_node_fs_.constants.O_RDONLY | external_node_fs_.constants.O_NOFOLLOW | external_node_fs_.constants.O_NONBLOCK);
    }
    catch (error) {
        // ELOOP: the last step became a link after realpath looked (a race); ENXIO: a socket.
        if (errnoOf(error) === "ELOOP" || errnoOf(error) === "ENXIO")
            throw notRegular();
        throw error;
    }
    const stats = await handle.stat().catch(async (error) => {
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
async function readWorkspaceUsersCsv(workspace, path, input, options) {
    const handle = await openWorkspaceFile(workspace, path, input);
    const stream = handle.createReadStream({ highWaterMark: 64 * 1024, autoClose: false });
    try {
        return await readUsersCsv({ file: path, input: stream }, options);
    }
    catch (cause) {
        if (typeof cause === "object" && cause !== null && "syscall" in cause) {
            throw new CoreError("CSV_UNREADABLE", `cannot read ${path}: ${errnoOf(cause) ?? "read failed"}`, { cause });
        }
        throw cause;
    }
    finally {
        stream.destroy();
        await handle.close().catch(() => undefined);
    }
}

;// CONCATENATED MODULE: ./src/run.ts



















/**
 * Where a failed pull request run reports that the plan shown is out of date (README "Pull
 * requests"); set once the run knows its pull request and token.
 */
let failureReport;
/** The action's one try/catch (docs/style.md#the-action-is-a-thin-adapter): anything thrown fails the step with its message. */
async function run() {
    try {
        await runAction();
    }
    catch (error) {
        const message = describeError(error);
        core/* setFailed */.C1(message);
        // Best effort: the summary page is where people look first; the log already has the error.
        await writeSummary([renderFailureMarkdown(message)]).catch(() => undefined);
        if (failureReport !== undefined)
            await markPlansOutdated(failureReport).catch(() => undefined);
    }
}
/** Error text for the log, with vendor setting names translated to the inputs that set them. */
function describeError(error) {
    // One line, cut: a thrown message may quote a vendor's answer or a users.csv cell.
    let message = escape_escapeTerminal(error instanceof Error ? error.message : String(error));
    for (const [input, setting] of Object.entries(SETTING_INPUTS)) {
        // Word boundaries: PERISCOPE_API must not match inside PERISCOPE_API_KEY.
        message = message.replace(new RegExp(`\\b${setting}\\b`, "g"), `\`${input}\``);
    }
    return message;
}
/** Vendor log lines may quote a vendor's answer: one line, cut, like every other report text. */
const run_logger = {
    info: (message) => core/* info */.pq(escape_escapeTerminal(message)),
    warn: (message) => core/* warning */.$e(escape_escapeTerminal(message)),
    debug: (message) => core/* debug */.Yz(escape_escapeTerminal(message)),
};
/** Registers what the vendor module calls secret, beyond the inputs `parseInputs` registered. */
function maskVendorSecrets(module, inputs) {
    for (const value of secretValuesOf(inputs.settings, module.secretSettings))
        runSecrets.add(value);
}
function banner(resolved) {
    return resolved.mode === "plan"
        ? `Roster DRY RUN: nothing will be changed (${resolved.reason}).`
        : `Roster LIVE: applying changes (${resolved.reason}).`;
}
async function runAction() {
    // roster.yml: every vendor in one step (config-run.ts).
    const config = configInput();
    if (config !== undefined) {
        return runConfigAction(config, (target) => {
            failureReport = target;
        });
    }
    const inputs = parseInputs();
    const module = getVendorModule(inputs.vendor);
    maskVendorSecrets(module, inputs);
    const facts = readRunFacts();
    const resolved = resolveMode(inputs.mode, { ...facts, approval: inputs.approveChecksums.length > 0 });
    if (resolved.warning !== undefined)
        core/* warning */.$e(resolved.warning);
    core/* info */.pq(banner(resolved));
    const github = createGitHubApi(inputs.githubToken, facts.repo);
    const pr = facts.pullRequest;
    if (resolved.mode === "plan" && pr !== undefined && !pr.closed && inputs.comment) {
        failureReport = { github, inputs, facts };
    }
    // Every offline rule (the same checks as `roster validate`), so a fork's pull request is told
    // everything that needs no vendor.
    const desired = await readWorkspaceUsersCsv(facts.workspace, inputs.csv, "csv", vendorCsvOptions(module));
    const links = {
        csvUrl: `${facts.serverUrl}/${facts.repository}/blob/${pr?.headSha ?? facts.sha}/${inputs.csv}`,
    };
    const offline = await vendorsOrOfflineReason(module, inputs, facts, resolved);
    const offlineRun = { inputs, facts, desired, github, mode: resolved.mode };
    if (typeof offline === "string") {
        await validateOffline({ ...offlineRun, reason: offline, targets: [undefined] });
        return;
    }
    if (hasErrors(desired.diagnostics)) {
        // An invalid file never reaches the vendor: nothing to plan, nothing to apply. The report goes
        // in each target's comment, so fixing the file updates the comments that then show the plan.
        await Promise.allSettled(offline.map((vendor) => vendor.close()));
        await validateOffline({ ...offlineRun, reason: undefined, targets: offline.map((vendor) => vendor.target) });
        return;
    }
    const outcomes = [];
    let review;
    try {
        if (resolved.mode === "apply") {
            review = await readReview(inputs, facts, github, offline.map((vendor) => targets_keyOf({ inputs, vendor })));
        }
        for (const vendor of offline) {
            const step = { vendor, desired, inputs, facts, github, logger: run_logger };
            // Redacted as data, before any renderer escapes it (secrets.ts).
            if (review === undefined) {
                outcomes.push(redactReport(await planTarget(step)));
                continue;
            }
            const key = targets_keyOf(step);
            outcomes.push(redactReport(bindToReview(await applyTarget(step, review.accepted(key)), key, review, inputs)));
        }
    }
    finally {
        await Promise.allSettled(offline.map((vendor) => vendor.close()));
    }
    await report(inputs, facts, resolved, outcomes, links, github, review);
}
/**
 * The vendors to use, or why this pull request is validated offline instead: a fork gets no
 * secrets, and neither does a run whose credentials are simply not configured for pull requests.
 */
async function vendorsOrOfflineReason(module, inputs, facts, resolved) {
    const onPullRequest = facts.pullRequest !== undefined;
    if (onPullRequest && facts.pullRequest?.fromFork) {
        return "this pull request comes from a fork, and GitHub gives fork pull requests no secrets";
    }
    try {
        // Tokens the vendor is granted at run time are secrets too (secrets.ts).
        return module.create(inputs.settings, { mode: resolved.mode, logger: run_logger, onSecret: (value) => runSecrets.add(value) });
    }
    catch (error) {
        if (onPullRequest && isCoreError(error) && error.code === "CONFIG_MISSING") {
            return `the ${inputs.vendor} credentials are not available to this run (${describeError(error)})`;
        }
        throw error;
    }
}
async function report(inputs, facts, resolved, outcomes, reportLinks, github, review) {
    let links = reportLinks;
    const plans = outcomes.map((o) => o.plan);
    const results = outcomes.flatMap((o) => (o.result === undefined ? [] : [o.result]));
    annotateDiagnostics(uniqueDiagnostics(plans.flatMap((p) => p.diagnostics)));
    const fullPlan = await saveFullPlan(outcomes, {
        vendor: inputs.vendor,
        csv: inputs.csv,
        mode: resolved.mode,
        repository: facts.repository,
        sha: facts.pullRequest?.headSha ?? facts.sha,
        serverUrl: facts.serverUrl,
        csvUrl: links.csvUrl,
    });
    if (fullPlan.artifact !== undefined) {
        links = { ...links, fullPlan: { hint: `the ${fullPlan.artifact.name} artifact`, url: fullPlan.artifact.url } };
    }
    const pr = facts.pullRequest;
    let commentUrl = "";
    if (resolved.mode === "plan" && pr !== undefined && inputs.comment) {
        commentUrl = await commentPlans(github, pr, inputs, outcomes, links);
    }
    else if (review !== undefined && inputs.comment && review.ownLogin !== undefined) {
        commentUrl = await commentResults(github, review.pulls, review.ownLogin, facts.sha, outcomes, links);
    }
    await writeSummary([...outcomes.map((o) => renderSummarySection(o, links, outcomes.length)), fullPlan.note]);
    const outputs = {
        ...summariseOutputs(resolved.mode, plans, results, commentUrl),
        fullPlanPath: fullPlan.jsonPath,
    };
    setOutputs(outputs);
    run_failIfNeeded(inputs, facts, outcomes, outputs);
}
/**
 * Each target's plan on the pull request, with the footer a merge reads: `plan` (or `invalid`
 * for a plan with problems) and the head commit it was made at. Returns the last comment's URL.
 */
async function commentPlans(github, pr, inputs, outcomes, links) {
    if (pr.closed) {
        core/* info */.pq(`#${pr.number} is closed: its plan comment is what was reviewed, so it is left as it is.`);
        return "";
    }
    const ownLogin = await ownIdentity(github);
    if (ownLogin === undefined)
        return "";
    if (outcomes.some((o) => o.key.target !== undefined)) {
        await retireUntargetedComment(github, pr.number, inputs, ownLogin, pr.headSha);
    }
    let url = "";
    for (const outcome of outcomes) {
        const state = safety_hasInputErrors(outcome.plan) ? "invalid" : "plan";
        const body = renderCommentBody(outcome, links, "comment", {
            state,
            checksum: outcome.plan.checksum,
            sha: pr.headSha,
        });
        url = (await postComment(github, pr.number, commentMarker(outcome.key, "comment"), body, ownLogin)) ?? url;
    }
    return url;
}
function uniqueDiagnostics(diagnostics) {
    const seen = new Set();
    return diagnostics.filter((d) => {
        const key = `${d.code}|${d.file}|${d.line}|${d.column ?? ""}|${d.message}`;
        if (seen.has(key))
            return false;
        seen.add(key);
        return true;
    });
}
function run_failIfNeeded(inputs, facts, outcomes, outputs) {
    const reasons = [];
    for (const { plan, refused, binding } of outcomes) {
        const where = target_label_targetLabel(plan);
        if (plan.safety.unsafe)
            reasons.push(unsafeMessage(plan, "action"));
        const errors = inputErrors(plan).length;
        if (errors > 0)
            reasons.push(`${inputs.csv} has ${errors} problem${errors === 1 ? "" : "s"} for ${where}: see the annotations.`);
        if (refused === "checksum") {
            const branch = facts.defaultBranch ?? "the default branch";
            reasons.push(`Nothing was applied to ${where}: this plan is not the reviewed plan (see the job summary). To apply exactly this plan, run this workflow manually on ${branch} with the input \`approve-checksum: ${plan.checksum}\`.`);
        }
        else if (binding?.startsWith("⚠️")) {
            core/* warning */.$e(`${where}: applied without a matching review (\`reviewed-plan: report\`); see the job summary.`);
        }
    }
    if (outputs.failed > 0)
        reasons.push(`${outputs.failed} change${outputs.failed === 1 ? "" : "s"} failed to apply: see the job summary.`);
    if (reasons.length > 0)
        core/* setFailed */.C1(reasons.join("\n"));
}

;// CONCATENATED MODULE: ./src/start.ts
/** What the entry point (index.ts) starts once the process runs with Roster's heap options. */





function start() {
    // Before anything can log: every line goes through the redactor (output-guard.ts).
    guardProcessOutput(redactText);
    return run().finally(() => core/* debug */.Yz((0,heap/* describeHeap */.id)()));
}


/***/ }),

/***/ 2466:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   EH: () => (/* binding */ GROUP_SCOPES),
/* harmony export */   G4: () => (/* binding */ defaultPolicy),
/* harmony export */   Or: () => (/* binding */ ABSENT_USER_ACTIONS)
/* harmony export */ });
/** The choices of `absent-users` and `group-scope`, for every reader of them (CLI flags, Action inputs, roster.yml). */
const ABSENT_USER_ACTIONS = [
    "ignore",
    "remove-groups",
    "deactivate",
    "delete",
];
const GROUP_SCOPES = ["listed", "exact"];
const defaultPolicy = {
    absentUsers: "ignore",
    groupScope: "listed",
    createMissingGroups: false,
    protectedUsers: [],
    removalThreshold: { percent: 10, floor: 5 },
};
//# sourceMappingURL=policy.js.map

/***/ })

};
;