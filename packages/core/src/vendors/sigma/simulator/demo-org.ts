import { SIGMA_DEMO_CLIENT_ID, SIGMA_DEMO_CLIENT_SECRET, type SigmaSeed } from "./seed.js";

/**
 * The demo organisation `roster sandbox --vendor sigma` starts with: 12 members across the four
 * built-in account types (one deactivated), four teams, a `region` user attribute, and the API
 * client's own admin member (which Roster must never touch).
 */
export const sigmaDemoSeed: SigmaSeed = {
  organizationId: "org-acme-demo",
  client: {
    clientId: SIGMA_DEMO_CLIENT_ID,
    clientSecret: SIGMA_DEMO_CLIENT_SECRET,
    memberEmail: "roster-bot@acme.example",
  },
  accountTypes: ["admin", "creator", "explorer", "viewer"],
  teams: [
    { name: "Analytics", description: "Central analytics team" },
    { name: "Finance", description: "FP&A", visibility: "public" },
    "Sales",
    "Support",
  ],
  userAttributes: [{ name: "region", description: "Sales region for row-level security" }],
  members: [
    { email: "roster-bot@acme.example", firstName: "Roster", lastName: "Bot", memberType: "admin" },
    {
      email: "ada.lovelace@acme.example",
      firstName: "Ada",
      lastName: "Lovelace",
      memberType: "admin",
      teams: ["Analytics"],
      attributes: { region: "EMEA" },
    },
    {
      email: "grace.hopper@acme.example",
      firstName: "Grace",
      lastName: "Hopper",
      memberType: "creator",
      teams: ["Analytics", "Finance"],
      attributes: { region: "AMER" },
    },
    {
      email: "alan.turing@acme.example",
      firstName: "Alan",
      lastName: "Turing",
      memberType: "creator",
      teams: ["Analytics"],
      attributes: { region: "EMEA" },
    },
    {
      email: "katherine.johnson@acme.example",
      firstName: "Katherine",
      lastName: "Johnson",
      memberType: "creator",
      teams: ["Finance"],
    },
    {
      email: "edsger.dijkstra@acme.example",
      firstName: "Edsger",
      lastName: "Dijkstra",
      memberType: "explorer",
      teams: ["Sales"],
      attributes: { region: "EMEA" },
    },
    {
      email: "barbara.liskov@acme.example",
      firstName: "Barbara",
      lastName: "Liskov",
      memberType: "explorer",
      teams: ["Sales", "Support"],
      attributes: { region: "AMER" },
    },
    {
      email: "donald.knuth@acme.example",
      firstName: "Donald",
      lastName: "Knuth",
      memberType: "explorer",
      teams: ["Support"],
    },
    {
      email: "margaret.hamilton@acme.example",
      firstName: "Margaret",
      lastName: "Hamilton",
      memberType: "viewer",
      teams: ["Sales"],
      attributes: { region: "APAC" },
    },
    {
      email: "linus.pauling@acme.example",
      firstName: "Linus",
      lastName: "Pauling",
      memberType: "viewer",
      teams: ["Support"],
    },
    { email: "radia.perlman@acme.example", firstName: "Radia", lastName: "Perlman", memberType: "viewer" },
    {
      email: "ken.thompson@acme.example",
      firstName: "Ken",
      lastName: "Thompson",
      memberType: "viewer",
      isArchived: true,
    },
  ],
};
