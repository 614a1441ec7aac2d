/**
 * Where a person reads Roster's messages, so every hint names what they can actually type there: a
 * CLI flag (`--allow-removals 7@3fa9c1d2`) in a terminal, an Action input
 * (`allow-removals: 7@3fa9c1d2`) in a pull request. This file is the one place that spells them.
 */
export type Surface = "cli" | "action";

/** The settings a message may point the reader to. */
export type HintSetting =
  | "allow-removals"
  | "removal-threshold"
  | "create-groups"
  | "absent-users"
  | "group-scope"
  | "protect";

const NAMES: Readonly<Record<HintSetting, Readonly<Record<Surface, string>>>> = {
  "allow-removals": { cli: "--allow-removals", action: "allow-removals" },
  "removal-threshold": { cli: "--removal-threshold", action: "removal-threshold" },
  "create-groups": { cli: "--create-groups", action: "create-missing-groups" },
  "absent-users": { cli: "--absent-users", action: "absent-users" },
  "group-scope": { cli: "--group-scope", action: "group-scope" },
  protect: { cli: "--protect", action: "protected-users" },
};

/** The flag or input name alone: `--create-groups`, `create-missing-groups`. */
export function settingName(setting: HintSetting, surface: Surface): string {
  return NAMES[setting][surface];
}

/**
 * The setting with its value, as typed on that surface: `--allow-removals 7@3fa9c1d2` or
 * `allow-removals: 7@3fa9c1d2`. A switch without a value (`--create-groups`) is `true` in the Action.
 */
export function settingHint(setting: HintSetting, surface: Surface, value?: string): string {
  const name = settingName(setting, surface);
  if (surface === "cli") return value === undefined ? name : `${name} ${value}`;
  return `${name}: ${value ?? "true"}`;
}
