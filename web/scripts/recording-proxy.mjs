/**
 * A reverse proxy that records every API response passing through it, for the contract check
 * (scripts/check-responses.mjs at the root): the browser tests talk to the API through it, so what the SPA received is exactly
 * what is checked. Streams pass through unbuffered (the event stream stays live); each response is written as one
 * JSON line `{method, url, status, headers, body, truncated?}` to `file` when it ends or its client goes away.
 */
import { appendFileSync } from 'node:fs';
import { Agent, createServer, request as httpRequest } from 'node:http';

/** Bodies are kept whole up to this size (an event stream is cut there, and marked so). */
const MAX_BODY_BYTES = 1024 * 1024;
/** Headers of one connection, not of the message (RFC 9110 section 7.6.1). */
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'upgrade', 'te', 'trailer']);

const endToEnd = (headers) => Object.fromEntries(Object.entries(headers).filter(([name]) => !HOP_BY_HOP.has(name.toLowerCase())));

/**
 * @param {{ target: string, file: string, record?: (url: string) => boolean }} options
 *   target: the API's origin; file: the JSON-lines file; record: which request URLs to record (default: /api/...).
 * @returns {Promise<{ url: string, recorded: () => number, close: () => Promise<void> }>}
 */
export async function startRecordingProxy({ target, file, record = (url) => url.startsWith('/api/') }) {
  const upstream = new URL(target);
  const agent = new Agent({ keepAlive: true });
  let recorded = 0;

  const server = createServer((req, res) => {
    const forward = httpRequest(
      { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: endToEnd(req.headers), agent },
      (answer) => {
        res.writeHead(answer.statusCode, endToEnd(answer.headers));
        const chunks = [];
        let size = 0;
        let truncated = false;
        let written = false;
        const write = () => {
          if (written || !record(req.url)) return;
          written = true;
          recorded++;
          const headers = Object.fromEntries(
            Object.entries(answer.headers).map(([name, value]) => [name, Array.isArray(value) ? value.join(', ') : value]),
          );
          const entry = {
            method: req.method,
            url: req.url,
            status: answer.statusCode,
            headers,
            body: Buffer.concat(chunks).toString('utf8'),
          };
          appendFileSync(file, `${JSON.stringify(truncated ? { ...entry, truncated } : entry)}\n`);
        };
        answer.on('data', (chunk) => {
          if (size + chunk.length > MAX_BODY_BYTES) truncated = true;
          else {
            size += chunk.length;
            chunks.push(chunk);
          }
          res.write(chunk);
        });
        answer.on('end', () => {
          write();
          res.end();
        });
        answer.on('error', () => res.destroy());
        // The browser went away (an event stream it closed): end the upstream side too.
        res.on('close', () => {
          write();
          answer.destroy();
        });
      },
    );
    forward.on('error', (error) => {
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
      res.end(`recording proxy: ${error.message}`);
    });
    req.pipe(forward);
  });

  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}`,
    recorded: () => recorded,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
        agent.destroy();
      }),
  };
}
