import { Agent } from "undici";

/**
 * One keep-alive Agent shared by every client that was not given a dispatcher, so the
 * three vendors' clients reuse connections. Reference-counted: the last `close()` closes it,
 * so a CLI run or a test file does not keep idle sockets open.
 */
let shared: { agent: Agent; users: number } | undefined;

export interface SharedAgentLease {
  readonly agent: Agent;
  release(): Promise<void>;
}

export function acquireSharedAgent(): SharedAgentLease {
  if (!shared) {
    // Vendors throttle far below 8 parallel connections per origin (docs/vendors/adobe.md#action-api).
    shared = { agent: new Agent({ connections: 8, keepAliveTimeout: 10_000, keepAliveMaxTimeout: 60_000 }), users: 0 };
  }
  const current = shared;
  current.users++;
  let released = false;
  return {
    agent: current.agent,
    async release(): Promise<void> {
      if (released) return;
      released = true;
      current.users--;
      if (current.users === 0) {
        if (shared === current) shared = undefined;
        await current.agent.close();
      }
    },
  };
}
