/**
 * The preview's HTTP server, on 127.0.0.1 only. It answers the page, its stylesheets and fonts,
 * the manuscript's images (checked by the build's rules on every request), and `/__events`, a
 * Server-Sent Events stream that tells open pages to refresh.
 */
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type OutgoingHttpHeaders, type ServerResponse } from 'node:http';
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
    handle(request, response).catch((error: unknown) => {
      if (!response.headersSent)
        send(
          response,
          500,
          'text/plain; charset=utf-8',
          `internal error: ${error instanceof Error ? error.message : String(error)}\n`,
        );
      else response.destroy();
    });
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    // A page on another site could reach this port through a DNS name that points at
    // 127.0.0.1 ("DNS rebinding"); the Host header gives such requests away.
    if (!hosts.has(request.headers.host ?? ''))
      return send(response, 403, 'text/plain; charset=utf-8', 'this preview answers to localhost only\n');
    if (request.method !== 'GET')
      return send(response, 405, 'text/plain; charset=utf-8', 'method not allowed\n', { Allow: 'GET' });
    const { pathname } = new URL(request.url ?? '/', 'http://localhost');

    if (pathname === '/' || pathname === '/index.html') {
      return send(response, 200, 'text/html; charset=utf-8', options.page(), {
        'Content-Security-Policy': PAGE_CONTENT_SECURITY_POLICY,
        'Cache-Control': 'no-store',
      });
    }
    if (pathname === '/__events') return openStream(response);
    // Browsers ask for an icon; an empty answer keeps their consoles free of 404s.
    if (pathname === '/favicon.ico') return send(response, 204, 'image/x-icon', '');
    const stylesheet = STYLESHEETS[pathname];
    if (stylesheet) {
      return send(response, 200, 'text/css; charset=utf-8', await readFile(stylesheet), {
        'Cache-Control': 'no-cache',
      });
    }
    const font = FONT_ROUTE.exec(pathname);
    if (font) {
      const path = join(fontPackageDir(font[1] as DefaultFamily), font[2]!);
      const body = await readFile(path).catch(() => undefined);
      if (!body) return send(response, 404, 'text/plain; charset=utf-8', 'not found\n');
      return send(response, 200, FONT_TYPES[font[2]!.split('.').at(-1)!]!, body, {
        'Cache-Control': 'public, max-age=86400',
      });
    }
    if (pathname.startsWith(IMAGE_ROUTE)) {
      // The same checks as a build: inside the manuscript (no `..`, no link leading out), an
      // image of the type its name says. The route is still percent-encoded, as a reference is.
      const reference = pathname.slice(IMAGE_ROUTE.length);
      try {
        const image = await resolveImage(reference, options.root, {});
        const body = await readFile(image.path);
        // An SVG opened on its own must not run scripts in this origin.
        return send(response, 200, image.mediaType, body, {
          'Cache-Control': 'no-cache',
          'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; sandbox",
        });
      } catch (error) {
        if (!(error instanceof BuildError)) throw error;
        return send(response, 404, 'text/plain; charset=utf-8', `${error.message}\n`);
      }
    }
    return send(response, 404, 'text/plain; charset=utf-8', 'not found\n');
  }

  function openStream(response: ServerResponse): void {
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

  // A comment now and then lets a page notice a dead connection and reconnect.
  const heartbeat = setInterval(() => {
    for (const stream of streams) stream.write(': keep-alive\n\n');
  }, 15_000);
  heartbeat.unref();

  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      clearInterval(heartbeat);
      reject(
        new BuildError(
          error.code === 'EADDRINUSE'
            ? `port ${options.port} is already in use`
            : `cannot listen on port ${options.port}: ${error.code ?? error.message}`,
          {
            hint: 'pass another port with --port N, or --port 0 for any free one',
            ruleId: 'preview-port',
            cause: error,
          },
        ),
      );
    });
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
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
