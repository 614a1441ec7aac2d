import type { SimResponse } from "../../../simulator/index.js";
import type { ActionError, ActionResponse } from "../wire-types.js";
import type { AdobeSimStore } from "./state.js";
import { findUser } from "./state.js";
import type { StepError } from "./step-errors.js";
import { isObject, MAX_NAME, stepError, stepName } from "./step-errors.js";
import { CREATE_STEPS, runUserStep } from "./user-steps.js";
import { runUserGroupStep } from "./usergroup-steps.js";

/**
 * POST /action/{orgId}[?testOnly=true] (UM-DOC ActionsRef, ActionsCmds, usergroupActionCommands):
 * a JSON array of at most 10 command entries; per entry a `user` or `usergroup` root and a `do`
 * list of steps run in order. The reply is 200 whenever the request was understood, with counts per
 * entry and an `errors` item per failed step ({index, step}). Test mode changes nothing.
 */
interface EntryFailure {
  readonly step: number;
  readonly error: StepError;
}

const USERGROUP_CREATE = "createUserGroup";

/** Checks that need no state: steps are single-key objects, create first/once, removeFromOrg last, step count. */
function checkShape(steps: readonly unknown[], isUser: boolean, maxSteps: number): EntryFailure | undefined {
  if (steps.length === 0)
    return { step: 0, error: stepError("error.command.steps.malformed", "The do list is empty.") };
  if (steps.length > maxSteps) {
    return {
      step: maxSteps,
      error: stepError(
        "error.command.add_remove.list_too_long",
        `Too many steps in a command: ${steps.length} (at most ${maxSteps}).`,
      ),
    };
  }
  let creates = 0;
  for (const [i, step] of steps.entries()) {
    const name = stepName(step);
    if (name === undefined)
      return { step: i, error: stepError("error.command.step.unknown", "Each step must be an object with one key.") };
    const isCreate = isUser ? CREATE_STEPS[name] !== undefined : name === USERGROUP_CREATE;
    if (isCreate) {
      creates += 1;
      if (creates > 1)
        return {
          step: i,
          error: stepError("error.command.create.more_than_one", "A command can contain only one create step."),
        };
      if (i > 0)
        return {
          step: i,
          error: stepError("error.command.create.not_first", "A create step must be the first one in a command."),
        };
    }
    if (isUser && name === "removeFromOrg" && i !== steps.length - 1) {
      return {
        step: i,
        error: stepError("error.command.removefromorg.not_last", "removeFromOrg must be the last step in a command."),
      };
    }
    if (!isUser && name === "deleteUserGroup" && i !== steps.length - 1) {
      return {
        step: i,
        error: stepError("error.command.illegal_entry", "Nothing may follow deleteUserGroup in a command."),
      };
    }
  }
  return undefined;
}

function runEntry(store: AdobeSimStore, entry: unknown, testOnly: boolean): EntryFailure[] {
  if (!isObject(entry)) {
    return [
      { step: 0, error: stepError("error.command.user_usergroup.missing", "Each command must be a JSON object.") },
    ];
  }
  const user = entry.user;
  const usergroup = entry.usergroup;
  if ((typeof user === "string") === (typeof usergroup === "string")) {
    return [
      {
        step: 0,
        error: stepError("error.command.user_usergroup.missing", "A command needs exactly one user or usergroup."),
      },
    ];
  }
  const root = typeof user === "string" ? user : String(usergroup);
  if (root.length > MAX_NAME)
    return [{ step: 0, error: stepError("error.command.string.too_long", "The root identifier is too long.") }];
  if (!Array.isArray(entry.do))
    return [{ step: 0, error: stepError("error.command.steps.malformed", "do must be a JSON array.") }];
  const steps: unknown[] = entry.do;
  const shape = checkShape(steps, typeof user === "string", store.config.maxStepsPerEntry);
  if (shape !== undefined) return [shape];
  const failures: EntryFailure[] = [];
  if (typeof user === "string") {
    const domain = typeof entry.domain === "string" ? entry.domain : undefined;
    if (!user.includes("@") && domain === undefined) {
      return [
        {
          step: 0,
          error: stepError(
            "error.command.domain.missing",
            "A domain is required when the user is not an email address.",
          ),
        },
      ];
    }
    const useAdobeID = entry.useAdobeID === true;
    const ctx = { store, root: user, domain, useAdobeID, testOnly, user: findUser(store, user, domain, useAdobeID) };
    for (const [i, step] of steps.entries()) {
      const name = stepName(step) ?? "";
      const error = runUserStep(ctx, name, (step as Record<string, unknown>)[name]);
      if (error !== undefined) {
        failures.push({ step: i, error });
        if (store.config.stopEntryOnError) break;
      }
    }
  } else {
    const ctx = { store, root, testOnly, virtual: false };
    for (const [i, step] of steps.entries()) {
      const name = stepName(step) ?? "";
      const error = runUserGroupStep(ctx, name, (step as Record<string, unknown>)[name]);
      if (error !== undefined) {
        failures.push({ step: i, error });
        if (store.config.stopEntryOnError) break;
      }
    }
  }
  return failures;
}

function malformed(message: string): SimResponse {
  return { status: 400, body: { result: "error.command.malformed", message } };
}

/** Array order, or a seeded shuffle of it (`config.shuffleEntries`, UMAPI guarantees no order). */
function executionOrder(store: AdobeSimStore, length: number): number[] {
  const order = Array.from({ length }, (_, index) => index);
  if (!store.config.shuffleEntries) return order;
  for (let i = length - 1; i > 0; i -= 1) {
    const j = Math.floor(store.shuffle() * (i + 1));
    [order[i], order[j]] = [order[j] as number, order[i] as number];
  }
  return order;
}

export function handleAction(store: AdobeSimStore, body: unknown, testOnly: boolean): SimResponse {
  if (!Array.isArray(body) || body.length === 0) {
    return malformed("The request body must be a non-empty JSON array of commands.");
  }
  // Over 10 entries: rejected as a whole (docs/vendors/adobe.md#open-questions [U]; configurable).
  if (body.length > store.config.maxEntriesPerRequest) {
    return malformed(`Too many commands: ${body.length} (at most ${store.config.maxEntriesPerRequest} per request).`);
  }
  const errors: ActionError[] = [];
  let ok = 0;
  for (const index of executionOrder(store, body.length)) {
    const entry: unknown = body[index];
    const failures = runEntry(store, entry, testOnly);
    if (failures.length === 0) ok += 1;
    const root = isObject(entry) ? entry : {};
    for (const failure of failures) {
      errors.push({
        index,
        step: failure.step,
        ...(typeof root.requestID === "string" ? { requestID: root.requestID } : {}),
        message: failure.error.message,
        ...(typeof root.user === "string" ? { user: root.user } : {}),
        ...(typeof root.usergroup === "string" ? { usergroup: root.usergroup } : {}),
        errorCode: failure.error.errorCode,
      });
    }
  }
  const notCompleted = body.length - ok;
  const response: ActionResponse = {
    completed: testOnly ? 0 : ok,
    notCompleted,
    completedInTestMode: testOnly ? ok : 0,
    result: notCompleted === 0 ? "success" : ok === 0 ? "error" : "partial",
    ...(errors.length > 0 ? { errors } : {}),
  };
  return { status: 200, body: response };
}
