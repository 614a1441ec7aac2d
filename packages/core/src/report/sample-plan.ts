import { defaultPolicy, type Policy } from "../model/policy.js";
import { planChanges } from "../plan/plan-changes.js";
import { capabilitiesOf, type DesiredRowInput, desiredState, directoryOf } from "../plan/test-builders.js";
import type { Plan } from "../plan/types.js";

/**
 * A small plan with every kind of change, used by the report tests and handy for previewing the
 * renderers (`renderPlanMarkdown({ plan: samplePlan() })`).
 */
export function samplePlan(overrides: { rows?: DesiredRowInput[]; policy?: Partial<Policy> } = {}): Plan {
  const rank = (role: string) => ({ admin: 3, creator: 2, viewer: 1 })[role.toLowerCase()];
  return planChanges({
    desired: desiredState(
      overrides.rows ?? [
        {
          email: "ann@example.com",
          firstName: "Ann",
          lastName: "Lee",
          role: "Creator",
          groups: ["Sales", "Data"],
          attributes: { region: "EU" },
        },
        { email: "bob@example.com", role: "Viewer", groups: ["Sales"] },
        { email: "cy@example.com", newEmail: "cyrus@example.com", status: "active", attributes: { region: null } },
        { email: "dee@example.com", status: "deactivated" },
        { email: "eve@example.com", groups: ["Ghosts"] },
      ],
    ),
    directory: directoryOf(
      [
        { email: "bob@example.com", role: "Admin", groups: ["Ops"] },
        { email: "cy@example.com", status: "deactivated", groups: ["Sales"], attributes: { region: "US" } },
        { email: "dee@example.com" },
        { email: "eve@example.com" },
        { email: "old@example.com", groups: ["Sales"] },
      ],
      { groups: ["Sales", "Ops"], roles: ["Admin", "Creator", "Viewer"], attributes: ["region"] },
    ),
    // Four users and every kind of destructive change: more than half of them, which the default
    // threshold blocks (plan/safety.ts); the sample lifts it to show a plain dry run.
    policy: {
      ...defaultPolicy,
      createMissingGroups: true,
      absentUsers: "remove-groups",
      removalThreshold: { percent: 100, floor: 0 },
      ...overrides.policy,
    },
    vendor: { id: "sigma", capabilities: capabilitiesOf({ roleRank: rank }) },
  });
}
