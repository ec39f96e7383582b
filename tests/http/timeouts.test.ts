import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../backend/config.ts';
import { type CscxServer, createServer } from '../../backend/server.ts';

/**
 * Real time, on the server's own settings: a slow sender loses its socket, a quiet stream keeps its.
 * Both are watched at once, so the file takes about a minute.
 */
let server: CscxServer;
let port: number;
const silenceMs = 61_000;

beforeAll(async () => {
  server = await createServer({ config: loadConfig({ PORT: '0', LOG_LEVEL: 'silent' }) });
  // A stand-in for a streamed draft: headers, one line, then nothing for a minute, then the end.
  server.app.get('/test/quiet-stream', (_request, reply) => {
    reply.hijack();
    reply.raw.writeHead(200, { 'content-type': 'text/plain' });
    reply.raw.write('first token\n');
    setTimeout(() => reply.raw.end('last token\n'), silenceMs);
  });
  await server.app.listen({ host: '127.0.0.1', port: 0 });
  port = (server.app.server.address() as { port: number }).port;
});
afterAll(async () => {
  await server?.app.close();
});

function slowSender(): Promise<number> {
  const started = Date.now();
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1', () => socket.write('GET /healthz HTTP/1.1\r\nHost: cscx\r\n'));
    socket.on('data', () => {});
    socket.on('error', () => {});
    socket.on('close', () => resolve(Date.now() - started));
  });
}

describe('the server’s timeouts', () => {
  it(
    'close the socket of a client that never finishes its request, and keep a stream that is quiet for a minute',
    async () => {
      const [slowClosedAfter, stream] = await Promise.all([
        slowSender(),
        fetch(`http://127.0.0.1:${port}/test/quiet-stream`).then((r) => r.text()),
      ]);
      expect(stream).toBe('first token\nlast token\n');
      // Headers are due within 10 s, checked every 2 s.
      expect(slowClosedAfter).toBeGreaterThan(9_000);
      expect(slowClosedAfter).toBeLessThan(15_000);
    },
    silenceMs + 30_000,
  );
});
