import type { ApplyRefusal, ApplyResult, ChangeOrigin, Plan } from "@roster/core";
import { renderPlanMarkdown } from "@roster/core";

/** One vendor target's report inside the one comment of a roster.yml run. */
export interface ConfigSection {
  /** `sigma`, `periscope.acme-rbac`: the target's key in roster.yml terms. */
  readonly key: string;
  /** `sigma`, `periscope (acme-rbac)`. */
  readonly label: string;
  readonly plan?: Plan;
  readonly result?: ApplyResult;
  readonly refused?: ApplyRefusal;
  /** On a pull request: per change, introduced by it or already pending (config-origins.ts). */
  readonly origins?: readonly ChangeOrigin[];
  readonly binding?: string;
  /** The vendor could not be read or written: its message (already redacted by core). */
  readonly error?: string;
}

export interface SectionLinks {
  /** `https://github.com/o/r/blob/<sha>`; a line links to `<base>/<file>#L<n>`. */
  readonly blobBase: string;
  /** The users file a line belongs to when the plan names none (one users file). */
  readonly defaultFile: string;
}

function renderSection(
  section: ConfigSection,
  links: SectionLinks,
  maxChars: number,
  hint: string | undefined,
): string {
  if (section.plan === undefined) {
    return `### ❌ ${section.label}\n\nNot planned: ${section.error ?? "unknown error"}`.slice(
      0,
      Math.max(0, maxChars),
    );
  }
  const markdown = renderPlanMarkdown({
    plan: section.plan,
    ...(section.result === undefined ? {} : { result: section.result }),
    ...(section.refused === undefined ? {} : { refused: section.refused }),
    ...(section.origins === undefined ? {} : { origins: section.origins }),
    csvUrl: (line: number, file?: string) => `${links.blobBase}/${file ?? links.defaultFile}#L${line}`,
    ...(hint === undefined ? {} : { fullReportHint: hint }),
    heading: `Roster: ${section.label}`,
    maxChars,
  });
  if (section.binding === undefined) return markdown;
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
export function renderSections(
  sections: readonly ConfigSection[],
  links: SectionLinks,
  budget: number,
  hint?: string,
): string[] {
  const separator = 2;
  const full = sections.map((s) => renderSection(s, links, 1_000_000, undefined).length + separator);
  const allowance = new Array<number>(sections.length).fill(0);
  let left = budget;
  let open = sections.map((_, i) => i);
  while (open.length > 0) {
    const share = Math.floor(left / open.length);
    const fits = open.filter((i) => (full[i] ?? 0) <= share);
    if (fits.length === 0) {
      for (const i of open) allowance[i] = share;
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
export function checksumsText(sections: readonly ConfigSection[]): string {
  return sections.flatMap((s) => (s.plan === undefined ? [] : [`${s.key}=${s.plan.checksum}`])).join(";");
}

export function parseChecksums(text: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const part of text.split(";")) {
    const at = part.lastIndexOf("=");
    if (at > 0) map.set(part.slice(0, at), part.slice(at + 1));
  }
  return map;
}
