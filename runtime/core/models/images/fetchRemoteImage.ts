import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import { request as httpsRequest, type RequestOptions } from "node:https";
import type { LookupFunction } from "node:net";
import type { ModelContentPart } from "../modelTypes.ts";
import { invalidImage } from "./imageErrors.ts";
import { imageType } from "./imageType.ts";
import { isPublicAddress } from "./isPublicAddress.ts";
import { maxImageBytes } from "./maxImageBytes.ts";

/** Options of {@link fetchRemoteImage}. */
export interface RemoteImageOptions {
  /** `models.imageUrlHosts` of the tenant file: exact host names; anything else is refused. */
  readonly allowedHosts: readonly string[];
  /** Aborts the fetch with the request. */
  readonly signal: AbortSignal;
  /** The whole download's deadline, in milliseconds. @default 10000 */
  readonly timeoutMs?: number;
  /**
   * Resolves a host name; every address must be public. Tests pass one that maps names to 127.0.0.1
   * together with `allowPrivateForTests`. @default node:dns lookup
   */
  readonly lookup?: LookupFunction;
  /** Extra options for the HTTPS request (tests: a CA for a local server, and the port it listens on). */
  readonly requestOptions?: Pick<RequestOptions, "ca" | "port">;
  /** Tests only: accept private addresses. */
  readonly allowPrivateForTests?: boolean;
}

/**
 * Fetches an `https` image URL for a model, on the tenant's behalf and only where its file allows:
 *
 * - the host must be in `models.imageUrlHosts` (exactly; no scheme other than https, no credentials), on
 *   the https port: the tenant file names hosts without ports, so no other service of an allowed host is
 *   reached (nor probed port by port through the errors);
 * - every address the host resolves to must be public ({@link isPublicAddress}), and the connection goes
 *   to the address that was checked (no second lookup a DNS rebinding could change);
 * - no redirects; at most {@link maxImageBytes}; a PNG, JPEG, GIF or WebP by its bytes; the whole
 *   download within the timeout.
 *
 * Every refusal is a 400 naming `path`, so the caller knows which image to fix.
 */
export async function fetchRemoteImage(
  url: string,
  path: string,
  options: RemoteImageOptions,
): Promise<Extract<ModelContentPart, { type: "image" }>> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw invalidImage(path, "is not a valid URL");
  }
  if (parsed.protocol !== "https:" || parsed.username !== "" || parsed.password !== "") {
    throw invalidImage(path, "must be an https URL without credentials");
  }
  const host = parsed.hostname.toLowerCase();
  if (!options.allowedHosts.includes(host)) {
    throw invalidImage(
      path,
      options.allowedHosts.length === 0
        ? "is a remote URL, but this tenant allows only data: URLs; send the image as data:image/...;base64, or ask the platform team to add its host to models.imageUrlHosts"
        : `is on host ${host}, which is not in this tenant's models.imageUrlHosts (${options.allowedHosts.join(", ")}); send it as a data: URL instead`,
    );
  }
  // URL drops the scheme's default port, so any port left is another one.
  if (parsed.port !== "") {
    throw invalidImage(
      path,
      `is on port ${parsed.port}; images are fetched from the https port, 443, only: drop the port or send the image as a data: URL`,
    );
  }
  const lookup = checkedLookup(options.lookup ?? dnsLookup, options.allowPrivateForTests === true);
  const data = await download(parsed, path, lookup, options);
  const mediaType = imageType(data);
  if (mediaType === undefined) {
    throw invalidImage(path, "did not answer with a PNG, JPEG, GIF or WebP image");
  }
  return { type: "image", mediaType, data };
}

/** A lookup that refuses a host if any address it resolves to is not public. */
function checkedLookup(lookup: LookupFunction, allowPrivate: boolean): LookupFunction {
  return (hostname, options, callback) => {
    lookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, "", 0);
      const list = (
        Array.isArray(addresses) ? addresses : [{ address: addresses, family: 4 }]
      ) as LookupAddress[];
      const refused = list.find((entry) => !allowPrivate && !isPublicAddress(entry.address));
      if (refused !== undefined || list.length === 0) {
        const failure = Object.assign(new Error(`${hostname} resolves to a private address`), {
          code: "SILO_PRIVATE_ADDRESS",
        });
        return callback(failure, "", 0);
      }
      if ((options as { all?: boolean }).all)
        return (callback as (e: null, a: LookupAddress[]) => void)(null, list);
      const first = list[0] as LookupAddress;
      callback(null, first.address, first.family);
    });
  };
}

function download(
  url: URL,
  path: string,
  lookup: LookupFunction,
  options: RemoteImageOptions,
): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const request = httpsRequest(
      url,
      {
        lookup,
        // A connection of its own: a pooled one would skip the lookup, and with it the address check.
        agent: false,
        // A deadline for the whole download, not only for a silent socket: a host that drips its bytes
        // slowly cannot hold the request open.
        signal: AbortSignal.any([options.signal, AbortSignal.timeout(options.timeoutMs ?? 10_000)]),
        timeout: options.timeoutMs ?? 10_000,
        headers: { accept: "image/png, image/jpeg, image/gif, image/webp" },
        ...options.requestOptions,
      },
      (response) => {
        const status = response.statusCode ?? 0;
        if (status !== 200) {
          response.resume();
          const moved = status >= 300 && status < 400 ? " (redirects are not followed)" : "";
          return reject(invalidImage(path, `could not be fetched: its host answered HTTP ${status}${moved}`));
        }
        const declared = Number(response.headers["content-length"] ?? 0);
        if (declared > maxImageBytes) {
          response.destroy();
          return reject(
            invalidImage(path, `is ${declared} bytes; images may be at most ${maxImageBytes} bytes`),
          );
        }
        const chunks: Buffer[] = [];
        let size = 0;
        response.on("data", (chunk: Buffer) => {
          size += chunk.length;
          if (size > maxImageBytes) {
            response.destroy();
            reject(invalidImage(path, `is larger than ${maxImageBytes} bytes; downscale or compress it`));
          } else chunks.push(chunk);
        });
        response.on("end", () => resolve(Buffer.concat(chunks)));
        response.on("error", (error) => reject(fetchFailed(path, error)));
      },
    );
    request.on("timeout", () => request.destroy(new Error("timed out")));
    request.on("error", (error) => reject(fetchFailed(path, error)));
    request.end();
  });
}

function fetchFailed(path: string, error: Error): Error {
  if ((error as { code?: string }).code === "SILO_PRIVATE_ADDRESS") {
    return invalidImage(
      path,
      "is on a host that resolves to a private address; only public hosts are fetched",
    );
  }
  return invalidImage(
    path,
    `could not be fetched (${error.message}); check the URL or send the image as a data: URL`,
  );
}
