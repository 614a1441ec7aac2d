import type { Change } from "../../plan/types.js";
import { malformedAnswer, type OutcomeBook } from "./apply-outcomes.js";
import { SIGMA_ATTRIBUTE_BATCH, SIGMA_TEAM_PATCH_MAX_IDS, type SigmaClient } from "./client.js";
import { toAttributeValue } from "./mapping.js";
import { createNameIndex, type NameIndex } from "./name-index.js";
import type { SigmaReadIndex } from "./read.js";

interface Op<T> {
  readonly index: number;
  readonly item: T;
}

/**
 * The team and attribute writes answer with a small JSON body or none; Roster reads nothing from
 * it. Text that is not JSON (a proxy's HTML page served with 200) means the request may never have
 * reached Sigma, so the outcome is unknown rather than applied.
 */
export function expectJsonOrEmpty(body: unknown, label: string): void {
  if (typeof body === "string") throw malformedAnswer(label, "a body that is not JSON");
}

function chunk<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let start = 0; start < items.length; start += size) chunks.push(items.slice(start, start + size));
  return chunks;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

const unique = (ops: readonly Op<unknown>[]) => [...new Set(ops.map((op) => op.index))];

/**
 * Team membership: every add and remove of one team travels in `PATCH /v2/teams/{id}/members
 * {add, remove}`, at most 100 ids per call in total (docs/vendors/sigma.md#teams: the cap is undocumented, 100 is safe),
 * so 250 adds to one team cost 3 calls. A failed chunk fails each change with an id in it.
 *
 * Returns the team PATCHes, one function per call, not yet sent (so apply can run them beside
 * other independent requests). Changes that cannot be sent are settled right away.
 */
export function membershipCalls(
  client: SigmaClient,
  book: OutcomeBook,
  changes: readonly Change[],
  teams: NameIndex,
  inactive: (memberId: string) => boolean,
): (() => Promise<void>)[] {
  const perTeam = new Map<string, Op<{ readonly op: "add" | "remove"; readonly userId: string }>[]>();
  for (const [index, change] of changes.entries()) {
    if (change.kind !== "add-to-groups" && change.kind !== "remove-from-groups") continue;
    const op = change.kind === "add-to-groups" ? "add" : "remove";
    if (inactive(change.userId)) {
      book.reject([index], {
        status: "failed",
        message: "Inactive members cannot be added or removed from a team.",
        code: "MEMBER_INACTIVE",
      });
      continue;
    }
    for (const group of change.groups) push(perTeam, group, { index, item: { op, userId: change.userId } });
  }
  // Every chunk of every team is one independent call.
  const calls: {
    readonly teamId: string;
    readonly part: Op<{ readonly op: "add" | "remove"; readonly userId: string }>[];
  }[] = [];
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
    for (const part of chunk(ordered, SIGMA_TEAM_PATCH_MAX_IDS)) calls.push({ teamId, part });
  }
  return calls.map(({ teamId, part }) => async () => {
    const add = part.filter((op) => op.item.op === "add").map((op) => op.item.userId);
    const remove = part.filter((op) => op.item.op === "remove").map((op) => op.item.userId);
    await book.attempt(unique(part), async () =>
      expectJsonOrEmpty(
        await client.patchTeamMembers(teamId, {
          ...(add.length > 0 && { add }),
          ...(remove.length > 0 && { remove }),
        }),
        "PATCH /v2/teams/{teamId}/members",
      ),
    );
  });
}

/**
 * User attributes: per attribute, one `POST …/users {assignments}` per 100 values to set (new
 * members' values included) and one `PATCH …/users {delete}` per 100 values to unset (docs/vendors/sigma.md#user-attributes).
 */
export async function applyAttributes(
  client: SigmaClient,
  book: OutcomeBook,
  changes: readonly Change[],
  created: ReadonlyMap<number, string>,
  index: SigmaReadIndex | undefined,
): Promise<void> {
  const sets = new Map<string, Op<{ readonly userId: string; readonly value: string }>[]>();
  const unsets = new Map<string, Op<string>[]>();
  const newMembers = new Set<number>();
  for (const [position, change] of changes.entries()) {
    if (change.kind === "set-attribute") {
      push(sets, change.attribute, { index: position, item: { userId: change.userId, value: change.to } });
    } else if (change.kind === "unset-attribute") {
      push(unsets, change.attribute, { index: position, item: change.userId });
    } else if (change.kind === "create-user") {
      const userId = created.get(position);
      if (userId === undefined) continue;
      newMembers.add(position);
      for (const [name, value] of Object.entries(change.user.attributes)) {
        push(sets, name, { index: position, item: { userId, value } });
      }
    }
  }
  if (sets.size === 0 && unsets.size === 0) return;
  const attributeIds = await resolveAttributeIds(client, index);
  const followUp = (position: number) =>
    newMembers.has(position) ? "member created, but setting its attributes failed" : undefined;
  for (const name of new Set([...sets.keys(), ...unsets.keys()])) {
    const id = attributeIds.get(name);
    const ops = [...(sets.get(name) ?? []), ...(unsets.get(name) ?? [])];
    if (id === undefined) {
      const failure = {
        status: "failed",
        message: `user attribute "${name}" does not exist in Sigma`,
        code: "ATTRIBUTE_NOT_FOUND",
      } as const;
      book.reject(unique(ops), failure, followUp);
      continue;
    }
    for (const part of chunk(sets.get(name) ?? [], SIGMA_ATTRIBUTE_BATCH)) {
      const assignments = part.map((op) => ({ userId: op.item.userId, value: toAttributeValue(op.item.value) }));
      await book.attempt(
        unique(part),
        async () =>
          expectJsonOrEmpty(await client.assignAttribute(id, assignments), "POST /v2/user-attributes/{id}/users"),
        followUp,
      );
    }
    for (const part of chunk(unsets.get(name) ?? [], SIGMA_ATTRIBUTE_BATCH)) {
      await book.attempt(unique(part), async () =>
        expectJsonOrEmpty(
          await client.unassignAttribute(
            id,
            part.map((op) => op.item),
          ),
          "PATCH /v2/user-attributes/{id}/users",
        ),
      );
    }
  }
}

async function resolveAttributeIds(client: SigmaClient, index: SigmaReadIndex | undefined): Promise<NameIndex> {
  const source =
    index?.attributeIdByName ??
    new Map(
      (await client.listUserAttributes()).map((attribute) => [attribute.name, attribute.userAttributeId] as const),
    );
  return createNameIndex(source);
}
