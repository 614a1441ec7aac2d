import { type Dispatcher, EnvHttpProxyAgent } from "undici";

/**
 * One keep-alive dispatcher shared by every client that was not given one, so the three vendors'
 * clients reuse connections. Reference-counted: the last `close()` closes it, so a CLI run or a
 * test file does not keep idle sockets open.
 *
 * Corporate networks: undici's EnvHttpProxyAgent honours HTTP_PROXY / HTTPS_PROXY / NO_PROXY (and
 * their lowercase forms) from the process environment, read when the dispatcher is first made; with
 * none set it is a plain Agent. https requests go through the proxy in a CONNECT tunnel, http ones
 * are forwarded. A proxy that re-signs TLS needs its CA in NODE_EXTRA_CA_CERTS (README,
 * "Corporate networks"). https://undici.nodejs.org/#/docs/api/EnvHttpProxyAgent
 */
let shared: { agent: Dispatcher; users: number } | undefined;

export interface SharedAgentLease {
  readonly agent: Dispatcher;
  release(): Promise<void>;
}

export function acquireSharedAgent(): SharedAgentLease {
  if (!shared) {
    // Vendors throttle far below 8 parallel connections per origin (docs/vendors/adobe.md#action-api).
    const agent = new EnvHttpProxyAgent({ connections: 8, keepAliveTimeout: 10_000, keepAliveMaxTimeout: 60_000 });
    shared = { agent, users: 0 };
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
