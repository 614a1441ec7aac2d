import type { PeriscopeSimSeed } from "./state.js";

/** Demo API keys, one per site: fake values, safe to print (`roster sandbox`). */
export const periscopeDemoKeys = {
  "acme-analytics": "demo-v1-3f9c2a7e51d84b06",
  "acme-rbac": "demo-rbac-8e41d0c6b2a9f573",
} as const;

/** The admin both demo sites name in invitations (PERISCOPE_INVITED_BY). */
export const periscopeDemoAdmin = "admin@acme.example";

/**
 * Two demo sites: `acme-analytics`, a v1 site with users and groups, and `acme-rbac`, an RBAC site
 * with v2 users and roles.
 */
export const periscopeDemoSeed: PeriscopeSimSeed = {
  sites: [
    {
      name: "acme-analytics",
      apiKey: periscopeDemoKeys["acme-analytics"],
      rbac: false,
      groups: ["Everyone", "Analysts", "Finance", "Sales Ops"],
      users: [
        { email: periscopeDemoAdmin, first_name: "Ada", last_name: "Admin", groups: ["Everyone"] },
        {
          email: "grace.hopper@acme.example",
          first_name: "Grace",
          last_name: "Hopper",
          groups: ["Everyone", "Analysts"],
        },
        { email: "alan.turing@acme.example", first_name: "Alan", last_name: "Turing", groups: ["Analysts", "Finance"] },
        { email: "linus.pauling@acme.example", first_name: "Linus", last_name: "Pauling", groups: ["Sales Ops"] },
        { email: "mary.jackson@acme.example", first_name: "Mary", last_name: "Jackson", groups: [] },
      ],
    },
    {
      name: "acme-rbac",
      apiKey: periscopeDemoKeys["acme-rbac"],
      rbac: true,
      roles: ["Viewer", "Editor", "Admin"],
      dashboards: ["Revenue", "Pipeline", "Churn", "Usage"],
      users: [
        { email: periscopeDemoAdmin, first_name: "Ada", last_name: "Admin", groups: ["Admin"] },
        { email: "katherine.johnson@acme.example", first_name: "Katherine", last_name: "Johnson", groups: ["Editor"] },
        { email: "dorothy.vaughan@acme.example", first_name: "Dorothy", last_name: "Vaughan", groups: ["Viewer"] },
        {
          email: "edsger.dijkstra@acme.example",
          first_name: "Edsger",
          last_name: "Dijkstra",
          groups: ["Viewer", "Editor"],
        },
      ],
    },
  ],
};
