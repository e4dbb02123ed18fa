/**
 * The preview's HTTP server, on 127.0.0.1 only. It answers the page, its stylesheets and fonts,
 * the manuscript's images (checked by the build's rules on every request), and `/__events`, a
 * Server-Sent Events stream that tells open pages to refresh.
 */
import { readFile } from 'node:fs/promises';
import {
  createServer,
  type IncomingMessage,
  type OutgoingHttpHeaders,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { BuildError } from '../errors.ts';
import { fontPackageDir, type DefaultFamily } from '../fonts/fontsource.ts';
import { resolveImage } from '../manuscript/images.ts';
import { IMAGE_ROUTE } from './images.ts';
import { PAGE_CONTENT_SECURITY_POLICY } from './page.ts';

/** What the server needs from the rest of the preview. */
export interface PreviewServerOptions {
  /** 0 picks a free port. */
  port: number;
  /** The manuscript folder; images are served from it and from nowhere else. */
  root: string;
  /** The page as it is now. */
  page(): string;
}

/** A running preview server. */
export interface PreviewServer {
  /** `http://localhost:PORT/` */
  url: string;
  /** Tell every open page that the book changed. */
  reload(): void;
  /** Stop listening and end every connection, event streams included. */
  close(): Promise<void>;
}

const STYLESHEETS: Record<string, URL> = {
  '/__styles/book.css': new URL('../../templates/epub/book.css', import.meta.url),
  '/__styles/notation.css': new URL('../../templates/common/notation.css', import.meta.url),
};
const FONT_ROUTE = /^\/__fonts\/(serif|sans)\/(\d{3}\.css|files\/[a-z0-9-]+\.woff2?)$/;
const FONT_TYPES: Record<string, string> = { css: 'text/css; charset=utf-8', woff2: 'font/woff2', woff: 'font/woff' };

// Sent with everything: no type sniffing, no referrer, not embeddable elsewhere.
const COMMON_HEADERS: OutgoingHttpHeaders = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

/** Start the server; rejects with a BuildError when the port cannot be used. */
export async function startPreviewServer(options: PreviewServerOptions): Promise<PreviewServer> {
  const streams = new Set<ServerResponse>();
  let hosts = new Set<string>();
  let reloads = 0;

  const server = createServer((request, response) => {
    // A page on another site could reach this port through a DNS name that points at
    // 127.0.0.1 ("DNS rebinding"); the Host header gives such requests away.
    const answer = hosts.has(request.headers.host ?? '')
      ? handle(request, response, options, streams)
      : Promise.resolve(send(response, 403, TEXT, 'this preview answers to localhost only\n'));
    answer.catch((error: unknown) => {
      if (response.headersSent) response.destroy();
      else send(response, 500, TEXT, `internal error: ${error instanceof Error ? error.message : String(error)}\n`);
    });
  });

  // A comment now and then lets a page notice a dead connection and reconnect.
  const heartbeat = setInterval(() => {
    for (const stream of streams) stream.write(': keep-alive\n\n');
  }, 15_000);
  heartbeat.unref();

  const port = await listen(server, options.port).catch((error: unknown) => {
    clearInterval(heartbeat);
    throw error;
  });
  hosts = new Set([`localhost:${port}`, `127.0.0.1:${port}`]);

  return {
    url: `http://localhost:${port}/`,
    reload() {
      reloads++;
      for (const stream of streams) stream.write(`event: reload\ndata: ${reloads}\n\n`);
    },
    close() {
      clearInterval(heartbeat);
      for (const stream of streams) stream.end();
      return new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}

const TEXT = 'text/plain; charset=utf-8';

/** Listen on 127.0.0.1 only; resolves with the port, rejects with a BuildError that says what to do. */
function listen(server: Server, port: number): Promise<number> {
  return new Promise<number>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      reject(
        new BuildError(
          error.code === 'EADDRINUSE'
            ? `port ${port} is already in use`
            : `cannot listen on port ${port}: ${error.code ?? error.message}`,
          {
            hint: 'pass another port with --port N, or --port 0 for any free one',
            ruleId: 'preview-port',
            cause: error,
          },
        ),
      );
    });
    server.listen(port, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
  });
}

/** Answer a request from localhost: the page, the event stream, or a file the page loads. */
async function handle(
  request: IncomingMessage,
  response: ServerResponse,
  options: PreviewServerOptions,
  streams: Set<ServerResponse>,
): Promise<void> {
  if (request.method !== 'GET') return send(response, 405, TEXT, 'method not allowed\n', { Allow: 'GET' });
  const { pathname } = new URL(request.url ?? '/', 'http://localhost');
  if (pathname === '/' || pathname === '/index.html') {
    return send(response, 200, 'text/html; charset=utf-8', options.page(), {
      'Content-Security-Policy': PAGE_CONTENT_SECURITY_POLICY,
      'Cache-Control': 'no-store',
    });
  }
  if (pathname === '/__events') return openStream(response, streams);
  // Browsers ask for an icon; an empty answer keeps their consoles free of 404s.
  if (pathname === '/favicon.ico') return send(response, 204, 'image/x-icon', '');
  const stylesheet = STYLESHEETS[pathname];
  if (stylesheet) return send(response, 200, 'text/css; charset=utf-8', await readFile(stylesheet), NO_CACHE);
  const font = FONT_ROUTE.exec(pathname);
  if (font) {
    const body = await readFile(join(fontPackageDir(font[1] as DefaultFamily), font[2]!)).catch(() => undefined);
    if (!body) return send(response, 404, TEXT, 'not found\n');
    return send(response, 200, FONT_TYPES[font[2]!.split('.').at(-1)!]!, body, {
      'Cache-Control': 'public, max-age=86400',
    });
  }
  if (pathname.startsWith(IMAGE_ROUTE)) return sendImage(response, pathname.slice(IMAGE_ROUTE.length), options.root);
  return send(response, 404, TEXT, 'not found\n');
}

const NO_CACHE: OutgoingHttpHeaders = { 'Cache-Control': 'no-cache' };

/**
 * A manuscript image, with the same checks as a build: inside the manuscript (no `..`, no link
 * leading out), an image of the type its name says. The reference is still percent-encoded, as
 * the author's reference is.
 */
async function sendImage(response: ServerResponse, reference: string, root: string): Promise<void> {
  try {
    const image = await resolveImage(reference, root, {});
    const body = await readFile(image.path);
    // An SVG opened on its own must not run scripts in this origin.
    return send(response, 200, image.mediaType, body, {
      ...NO_CACHE,
      'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; sandbox",
    });
  } catch (error) {
    if (!(error instanceof BuildError)) throw error;
    return send(response, 404, TEXT, `${error.message}\n`);
  }
}

/** The Server-Sent Events stream that tells an open page to refresh. */
function openStream(response: ServerResponse, streams: Set<ServerResponse>): void {
  response.writeHead(200, {
    ...COMMON_HEADERS,
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-store',
  });
  // A page whose stream broke (the server restarted) tries again after a second.
  response.write('retry: 1000\n\n');
  streams.add(response);
  response.on('close', () => streams.delete(response));
}

function send(
  response: ServerResponse,
  status: number,
  type: string,
  body: string | Uint8Array,
  headers: OutgoingHttpHeaders = {},
): void {
  response.writeHead(status, {
    ...COMMON_HEADERS,
    ...headers,
    'Content-Type': type,
    'Content-Length': typeof body === 'string' ? Buffer.byteLength(body) : body.byteLength,
  });
  response.end(body);
}
