/** A failed step in the action endpoint: the `errorCode` and `message` UMAPI returns (UM-DOC ErrorRef). */
export interface StepError {
  readonly errorCode: string;
  readonly message: string;
}

export function stepError(errorCode: string, message: string): StepError {
  return { errorCode, message };
}

export const MAX_EMAIL = 60;
export const MAX_NAME = 250;

/** ISO 3166-1 alpha-2 shape; UMAPI also rejects countries Adobe does not serve (error.country.invalid). */
export function isCountryCode(value: string): boolean {
  return /^[A-Z]{2}$/.test(value);
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A step is `{ "<name>": params }` with exactly one key. */
export function stepName(step: unknown): string | undefined {
  if (!isObject(step)) return undefined;
  const keys = Object.keys(step);
  return keys.length === 1 ? keys[0] : undefined;
}

/** Validates an add/remove name list: a JSON array of strings, at most `max` long. */
export function checkList(value: unknown, max: number, what: string): readonly string[] | StepError {
  if (!Array.isArray(value)) {
    return stepError("error.command.add_remove.list_not_array", `The ${what} list must be a JSON array.`);
  }
  if (value.length === 0 || value.some((v) => typeof v !== "string" || v === "")) {
    return stepError("error.group.invalid_list", `The ${what} list is empty or contains a null entry.`);
  }
  if (value.length > max) {
    return stepError(
      "error.command.add_remove.list_too_long",
      `Too many entries in the ${what} list: ${value.length} (at most ${max}).`,
    );
  }
  return value as string[];
}

export function isStepError(value: unknown): value is StepError {
  return isObject(value) && typeof value.errorCode === "string";
}
