import type { AdobeSeed } from "./state.js";

/**
 * A small demo organisation for tests, the demo and `roster sandbox`: users of all three identity
 * types, user groups, product profiles and the reserved admin groups (`_org_admin`, `_admin_*`).
 * The credentials are the simulator's own; they open nothing else.
 */
export const adobeDemoSeed: AdobeSeed = {
  orgId: "12345@AdobeOrg",
  clientId: "roster-demo-client",
  clientSecret: "p8e-demo-secret-not-real",
  groups: [
    { groupName: "Designers", type: "USER_GROUP", description: "Creative team" },
    { groupName: "Marketing", type: "USER_GROUP" },
    { groupName: "Contractors", type: "USER_GROUP" },
    { groupName: "Partners (shared)", type: "USER_GROUP", readOnly: true },
    { groupName: "All Apps", type: "PRODUCT_PROFILE", productName: "Creative Cloud All Apps", licenseQuota: "50" },
    { groupName: "Acrobat Pro", type: "PRODUCT_PROFILE", productName: "Acrobat Pro", licenseQuota: "100" },
    { groupName: "Photoshop", type: "PRODUCT_PROFILE", productName: "Photoshop", licenseQuota: "10" },
    { groupName: "_org_admin", type: "SYSADMIN_GROUP" },
    { groupName: "_admin_Designers", type: "USER_ADMIN_GROUP" },
    { groupName: "_product_admin_Photoshop", type: "PRODUCT_ADMIN_GROUP" },
  ],
  users: [
    {
      email: "admin@example.com",
      type: "federatedID",
      firstname: "Ada",
      lastname: "Admin",
      country: "US",
      groups: ["_org_admin", "All Apps"],
    },
    {
      email: "alice@example.com",
      type: "federatedID",
      firstname: "Alice",
      lastname: "Anders",
      country: "US",
      groups: ["Designers", "All Apps"],
    },
    {
      email: "bob@example.com",
      type: "federatedID",
      firstname: "Bob",
      lastname: "Baker",
      country: "GB",
      groups: ["Designers", "_admin_Designers"],
    },
    {
      email: "carol@example.com",
      type: "enterpriseID",
      firstname: "Carol",
      lastname: "Chen",
      country: "US",
      groups: ["Marketing", "Acrobat Pro"],
    },
    {
      email: "dan@example.com",
      type: "enterpriseID",
      firstname: "Dan",
      lastname: "Diaz",
      country: "ES",
      groups: ["Marketing"],
    },
    {
      email: "erin@example.com",
      type: "federatedID",
      username: "erin",
      domain: "example.com",
      firstname: "Erin",
      lastname: "Evans",
      country: "DE",
      groups: ["Photoshop"],
    },
    {
      email: "frank@gmail.com",
      type: "adobeID",
      firstname: "Frank",
      lastname: "Fischer",
      groups: ["Contractors", "Acrobat Pro"],
    },
    { email: "grace@outlook.com", type: "adobeID", groups: ["Contractors"] },
    {
      email: "heidi@example.com",
      type: "federatedID",
      firstname: "Heidi",
      lastname: "Hart",
      country: "FR",
      groups: ["Partners (shared)", "All Apps"],
    },
    {
      email: "ivan@example.com",
      type: "enterpriseID",
      firstname: "Ivan",
      lastname: "Ivanov",
      country: "US",
      groups: [],
    },
  ],
};
