import { describe, expect, it } from "vitest";
import * as core from "./index.js";
import * as testing from "./testing/index.js";

describe("@roster/core's main entry", () => {
  it("holds the engine, the renderers and the vendor registry", () => {
    for (const name of ["planForVendor", "applyForVendor", "readUsersCsv", "renderPlanMarkdown", "getVendorModule"]) {
      expect(core).toHaveProperty(name);
    }
  });

  it("holds each rule the CLI and the Action share, once", () => {
    for (const name of [
      "targetLabel",
      "inputErrors",
      "hasInputErrors",
      "unsafeMessage",
      "exitCodeFor",
      "ExitCode",
      "ABSENT_USER_ACTIONS",
      "GROUP_SCOPES",
      "vendorCsvOptions",
    ]) {
      expect(core).toHaveProperty(name);
    }
    // The exit codes are one table (`ExitCode`), not loose constants beside it.
    for (const name of ["EXIT_OK", "EXIT_FAILED", "EXIT_USAGE", "EXIT_UNSAFE"]) expect(core).not.toHaveProperty(name);
  });

  it("exports no test support: simulators and builders live under ./testing", () => {
    const shared = Object.keys(core).filter((name) => name in testing);
    expect(shared).toEqual([]);
    for (const name of ["capabilitiesOf", "desiredState", "directoryOf", "currentUser", "desiredUser"]) {
      expect(core).not.toHaveProperty(name);
    }
  });

  it("exports no vendor internals (clients, packing, pacing, the HTTP client itself)", () => {
    for (const name of [
      "packActions",
      "mapOutcomes",
      "createUmapiClient",
      "createPeriscopeV1Client",
      "createHttpClient",
    ]) {
      expect(core).not.toHaveProperty(name);
    }
  });
});
