/**
 * How every message names a plan's target: `sigma`, or `periscope (acme)` when a vendor reaches
 * several targets (a Periscope site). The CLI, the Action and the renderers all say it this way.
 */
export function targetLabel(where: { readonly vendor: string; readonly target?: string | undefined }): string {
  return where.target === undefined ? where.vendor : `${where.vendor} (${where.target})`;
}
