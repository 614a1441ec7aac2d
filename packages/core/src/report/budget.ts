/**
 * Fitting a report into a size budget (a PR comment holds 65,536 characters; we aim for ~60k,
 * docs/plan-in-pr.md#comment-size). Sections are offered in priority order; items are kept as a prefix of
 * that order, so what is cut is always "everything after this point", and the count of what was
 * cut is exact.
 */
export interface Section {
  /** Lines before the items (a heading, a table header), shown only if at least one item is. */
  readonly head: readonly string[];
  readonly items: readonly string[];
  /**
   * What each item shows (same index as `items`), e.g. a change's index: an item listed in two
   * sections (a failed destructive change) counts as left out only if no section shows it.
   */
  readonly ids: readonly number[];
  /** Lines after the items. */
  readonly tail: readonly string[];
  /** Counted in the "left out" note: "changes" or "problems". */
  readonly unit: "changes" | "problems";
}

export interface FittedSection {
  readonly section: Section;
  /** How many of its items are kept (a prefix). */
  readonly kept: number;
}

const size = (lines: readonly string[]) => lines.reduce((total, line) => total + line.length + 1, 0);

/** A line added to a section whose items were cut; reserved in the budget up front. */
export function moreLine(count: number): string {
  return `_… ${count.toLocaleString("en-US")} more not shown._`;
}

const MORE_RESERVE = 60;

/** Chooses how many items of each section fit in `budget` characters. */
export function fitSections(sections: readonly Section[], budget: number): FittedSection[] {
  const total = sections.reduce((sum, s) => sum + size(s.head) + size(s.items) + size(s.tail), 0);
  if (total <= budget) return sections.map((section) => ({ section, kept: section.items.length }));
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
      if (used + cost > left) break;
      used += cost;
      kept += 1;
    }
    if (kept === 0) {
      stopped = true;
      return { section, kept: 0 };
    }
    if (kept < section.items.length) stopped = true;
    left -= used;
    return { section, kept };
  });
}

/** The lines of fitted sections; a cut section ends with how many of its items are not shown. */
export function renderFitted(fitted: readonly FittedSection[]): string[] {
  const lines: string[] = [];
  for (const { section, kept } of fitted) {
    if (kept === 0) continue;
    lines.push(...section.head, ...section.items.slice(0, kept));
    if (kept < section.items.length) lines.push("", moreLine(section.items.length - kept));
    lines.push(...section.tail);
  }
  return lines;
}

export function leftOut(fitted: readonly FittedSection[]): { changes: number; problems: number; total: number } {
  const shown = { changes: new Set<number>(), problems: new Set<number>() };
  const all = { changes: new Set<number>(), problems: new Set<number>() };
  for (const { section, kept } of fitted) {
    section.ids.forEach((id, index) => {
      all[section.unit].add(id);
      if (index < kept) shown[section.unit].add(id);
    });
  }
  const changes = all.changes.size - shown.changes.size;
  const problems = all.problems.size - shown.problems.size;
  return { changes, problems, total: changes + problems };
}
