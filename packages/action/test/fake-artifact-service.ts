import { once } from "node:events";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A fake of the Actions results service that @actions/artifact uploads to: the two Twirp calls
 * (CreateArtifact, FinalizeArtifact) and the blob storage PUTs in between. It records what was
 * uploaded. `runtimeToken` is a JWT-shaped token carrying the `Actions.Results` scope the client
 * reads its run and job ids from.
 */
export interface FakeArtifactService {
  readonly url: string;
  readonly runtimeToken: string;
  /** Names of the finalized artifacts, with their uploaded size in bytes. */
  readonly finalized: { name: string; size: number }[];
  close(): Promise<void>;
}

const TWIRP = "/twirp/github.actions.results.api.v1.ArtifactService/";

export async function startFakeArtifactService(artifactId = 7321): Promise<FakeArtifactService> {
  const finalized: { name: string; size: number }[] = [];
  let uploaded = 0;
  let url = "";
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const body = Buffer.concat(chunks);
      const path = new URL(request.url ?? "/", "http://fake").pathname;
      const json = (value: unknown) => {
        response.writeHead(200, { "content-type": "application/json" });
        response.end(JSON.stringify(value));
      };
      if (request.method === "POST" && path === `${TWIRP}CreateArtifact`) {
        return json({ ok: true, signed_upload_url: `${url}/blob/plan.zip?sig=fake` });
      }
      if (request.method === "POST" && path === `${TWIRP}FinalizeArtifact`) {
        const { name } = JSON.parse(body.toString("utf8")) as { name: string };
        finalized.push({ name, size: uploaded });
        return json({ ok: true, artifact_id: String(artifactId) });
      }
      if (request.method === "PUT" && path.startsWith("/blob/")) {
        uploaded += body.length;
        response.writeHead(201, { "x-ms-request-id": "fake", "x-ms-version": "2024-11-04" });
        return response.end();
      }
      response.writeHead(404);
      response.end();
    });
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
  const runtimeToken = `${part({ alg: "none", typ: "JWT" })}.${part({ scp: "Actions.Results:run-1:job-1" })}.sig`;
  return {
    url,
    runtimeToken,
    finalized,
    close: () => new Promise<void>((resolve, reject) => server.close((e) => (e ? reject(e) : resolve()))),
  };
}
