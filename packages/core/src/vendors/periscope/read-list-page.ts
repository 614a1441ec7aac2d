import type { z } from "zod";
import { VendorProtocolError } from "../../errors.js";
import {
  type BodyReader,
  createListingSplitter,
  MalformedJsonError,
  malformedJson,
  parseWireAt,
  readWholeBody,
  requestName,
  TwoListsError,
  type WireRequest,
} from "../../http/index.js";
import { checkClaimed, checkStreamedEnvelope, listPlaces, openListPage } from "./wire-schemas.js";
import type { WireId } from "./wire-types.js";

const VENDOR = "Periscope";

/**
 * What a listing keeps of each item, or a promise of it: the users listing maps each user to the
 * directory's user as it is checked, with the group index read at the same time (site-family.ts).
 */
export type Keep<T, R> = ((item: T) => R) | PromiseLike<(item: T) => R>;

/** One page as read: what `keep` made of its items, and its cursor fields (`ListPage`). */
export interface ReadPage<R> {
  readonly items: R[];
  readonly next: WireId | undefined;
  readonly claimed: number | undefined;
}

/** The first item that failed its check: checked again, to be reported, once the envelope is. */
interface BadItem {
  readonly index: number;
  readonly value: unknown;
}

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
export function readListPage<T, R>(
  request: WireRequest,
  key: string,
  item: z.ZodType<T>,
  keep: Keep<T, R>,
): BodyReader<ReadPage<R>> {
  return async ({ headers, chunks }) => {
    const kept: R[] = [];
    const whole = async (body: unknown): Promise<ReadPage<R>> => {
      const page = openListPage(request, body, key);
      const project = await keep;
      page.each(item, (entry) => kept.push(project(entry)));
      return { items: kept, next: page.next, claimed: page.claimed };
    };
    const contentType = headers["content-type"];
    if (!contentType?.toLowerCase().includes("json")) return whole(await readWholeBody(chunks, contentType));

    let project = typeof keep === "function" ? keep : undefined;
    // A `keep` still pending (the group index being read) does not hold the body back, which would
    // let a slow group read time the users request out: the items checked meanwhile wait for it.
    let waiting: T[] = [];
    if (project === undefined) {
      Promise.resolve(keep).then(
        (ready) => {
          project = ready;
        },
        () => {}, // reported by the `await keep` below
      );
    }
    const handOn = (ready: (entry: T) => R): void => {
      for (const entry of waiting) kept.push(ready(entry));
      waiting = [];
    };
    let bad: BadItem | undefined;
    const splitter = createListingSplitter({
      listAt: listPlaces(key),
      onItems: (items, first) => {
        // Those that waited go first, in order, once `keep` is there.
        if (project !== undefined && waiting.length > 0) handOn(project);
        for (let index = 0; index < items.length && bad === undefined; index += 1) {
          const checked = item.safeParse(items[index]);
          if (!checked.success) bad = { index: first + index, value: items[index] };
          else if (project !== undefined) kept.push(project(checked.data));
          else waiting.push(checked.data);
        }
      },
    });
    let split: ReturnType<typeof splitter.end>;
    try {
      for await (const chunk of chunks) {
        splitter.push(chunk);
      }
      split = splitter.end();
    } catch (error) {
      if (error instanceof MalformedJsonError) {
        if (error.empty) return whole(undefined);
        throw malformedJson(VENDOR, request, error.message);
      }
      if (error instanceof TwoListsError) {
        throw new VendorProtocolError(
          VENDOR,
          requestName(request),
          `a JSON listing that holds ${error.path.join(".")} twice, so which list it means is unclear`,
        );
      }
      throw error;
    }
    if (split.at === undefined) return whole(split.envelope);
    const { next, claimed } = checkStreamedEnvelope(request, split.envelope, key, split.at);
    if (bad !== undefined) {
      // Described as the whole body would be: its keys, or a bare array's length.
      const body = split.at.length === 0 ? new Array(split.count) : split.envelope;
      parseWireAt(VENDOR, request, item, body, [...split.at, bad.index], bad.value);
    }
    checkClaimed(request, claimed, split.count);
    handOn(project ?? (await keep));
    return { items: kept, next, claimed };
  };
}
