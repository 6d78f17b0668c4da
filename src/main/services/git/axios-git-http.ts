import type { Readable } from 'node:stream';
import type { AxiosInstance, AxiosResponse } from 'axios';
import type { GitHttpRequest, GitHttpResponse, HttpClient } from 'isomorphic-git';

async function collect(body: AsyncIterableIterator<Uint8Array> | undefined): Promise<Buffer | undefined> {
  if (!body) return undefined;
  const parts: Uint8Array[] = [];
  for await (const part of body) parts.push(part);
  return Buffer.concat(parts);
}

function plainHeaders(headers: AxiosResponse['headers']): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(headers as Record<string, unknown>)) {
    if (value === undefined || value === null) continue;
    out[key.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
  }
  return out;
}

/**
 * An isomorphic-git `http` plugin on an axios instance, so git traffic uses the same proxy,
 * certificates and timeouts as the sync client. Every status code is returned to
 * isomorphic-git (it produces its own errors, e.g. for 401 and `onAuth`); the body is streamed.
 */
export function createAxiosHttp(axios: AxiosInstance): HttpClient {
  return {
    async request(request: GitHttpRequest): Promise<GitHttpResponse> {
      const method = request.method ?? 'GET';
      const response = await axios.request<Readable>({
        url: request.url,
        method,
        headers: request.headers,
        // isomorphic-git hands the pack request as an async iterator; axios wants a buffer.
        data: await collect(request.body),
        responseType: 'stream',
        signal: request.signal,
        validateStatus: () => true,
        maxRedirects: 5,
        // Packfiles are large; the instance's timeout still applies to the connection.
        maxContentLength: Infinity,
        maxBodyLength: Infinity,
        transformRequest: [(data: unknown) => data],
      });
      return {
        url:
          (response.request as { res?: { responseUrl?: string } } | undefined)?.res?.responseUrl ??
          request.url,
        method,
        statusCode: response.status,
        statusMessage: response.statusText,
        headers: plainHeaders(response.headers),
        body: response.data[Symbol.asyncIterator]() as AsyncIterableIterator<Uint8Array>,
      };
    },
  };
}
