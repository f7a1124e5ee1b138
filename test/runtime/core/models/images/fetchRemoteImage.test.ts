import { createServer, type Server } from "node:https";
import type { AddressInfo, LookupFunction } from "node:net";
import selfsigned from "selfsigned";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  fetchRemoteImage,
  type RemoteImageOptions,
} from "../../../../../runtime/core/models/images/fetchRemoteImage.ts";

const png = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=",
  "base64",
);
const path = "body.messages[0].content[0].image_url.url";
const host = "images.example.com";

let server: Server;
let port: number;
let ca: string;
const requests: string[] = [];

beforeAll(async () => {
  const pems = await selfsigned.generate([{ name: "commonName", value: host }], {
    notAfterDate: new Date(Date.now() + 86_400_000),
    extensions: [{ name: "subjectAltName", altNames: [{ type: 2, value: host }] }],
  });
  ca = pems.cert;
  server = createServer({ key: pems.private, cert: pems.cert }, (request, response) => {
    requests.push(request.url ?? "");
    if (request.url === "/cat.png") response.writeHead(200, { "content-type": "image/png" }).end(png);
    else if (request.url === "/moved.png")
      response.writeHead(302, { location: "https://169.254.169.254/" }).end();
    else if (request.url === "/drip.png") {
      // A byte every 100 ms: the socket is never silent for long, but the download never ends.
      response.writeHead(200, { "content-type": "image/png" });
      const timer = setInterval(() => response.write(png.subarray(0, 1)), 100);
      response.on("close", () => clearInterval(timer));
    } else if (request.url === "/page.html")
      response.writeHead(200, { "content-type": "text/html" }).end("<html>");
    else response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(
  () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }),
);

/** Resolves every name to 127.0.0.1, where the test server listens. */
const toLoopback: LookupFunction = (_hostname, options, callback) => {
  if ((options as { all?: boolean }).all) {
    (callback as (error: null, addresses: { address: string; family: number }[]) => void)(null, [
      { address: "127.0.0.1", family: 4 },
    ]);
  } else callback(null, "127.0.0.1", 4);
};

const options = (overrides: Partial<RemoteImageOptions> = {}): RemoteImageOptions => ({
  allowedHosts: [host],
  signal: new AbortController().signal,
  lookup: toLoopback,
  // The URLs name the default port, as the tenant's allowed hosts are; the test server listens elsewhere.
  requestOptions: { ca, port },
  allowPrivateForTests: true,
  ...overrides,
});

describe("fetchRemoteImage", () => {
  it("fetches an image from an allowed host and types it by its bytes", async () => {
    const image = await fetchRemoteImage(`https://${host}/cat.png`, path, options());

    expect(image.mediaType).toBe("image/png");
    expect(Buffer.from(image.data).equals(png)).toBe(true);
  });

  it("refuses a host that resolves to a private address, without sending a request", async () => {
    const before = requests.length;

    const attempt = fetchRemoteImage(
      `https://${host}/cat.png`,
      path,
      options({ allowPrivateForTests: false }),
    );

    await expect(attempt).rejects.toMatchObject({ code: "VALIDATION_FAILED", fields: [{ path }] });
    await expect(attempt).rejects.toThrow("resolves to a private address");
    expect(requests.length).toBe(before);
  });

  it.each([
    [
      "a host the tenant does not allow",
      "https://elsewhere.example.com/cat.png",
      "not in this tenant's models.imageUrlHosts",
    ],
    ["plain http", `http://${host}/cat.png`, "must be an https URL"],
    ["credentials in the URL", `https://user:pw@${host}/cat.png`, "must be an https URL without credentials"],
    [
      "another port of an allowed host",
      `https://${host}:8443/cat.png`,
      "images are fetched from the https port, 443, only",
    ],
  ])("refuses %s before any connection", async (_case, url, message) => {
    const before = requests.length;

    await expect(fetchRemoteImage(url, path, options())).rejects.toThrow(message);
    expect(requests.length).toBe(before);
  });

  it("says that only data: URLs are allowed when the tenant allows no host", async () => {
    await expect(
      fetchRemoteImage(`https://${host}/cat.png`, path, options({ allowedHosts: [] })),
    ).rejects.toThrow("this tenant allows only data: URLs");
  });

  it("does not follow redirects, and refuses what is not an image", async () => {
    await expect(fetchRemoteImage(`https://${host}/moved.png`, path, options())).rejects.toThrow(
      "answered HTTP 302 (redirects are not followed)",
    );
    await expect(fetchRemoteImage(`https://${host}/page.html`, path, options())).rejects.toThrow(
      "did not answer with a PNG, JPEG, GIF or WebP image",
    );
  });

  it("gives up on a host that drips its bytes, at the deadline for the whole download", async () => {
    const started = performance.now();

    const attempt = fetchRemoteImage(`https://${host}/drip.png`, path, options({ timeoutMs: 600 }));

    await expect(attempt).rejects.toMatchObject({ code: "VALIDATION_FAILED", fields: [{ path }] });
    expect(performance.now() - started).toBeLessThan(5_000);
  });
});
