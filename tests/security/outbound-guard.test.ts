import { connect } from 'node:net';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outboundRefusedCode, takeRefusedConnections } from '../support/outbound-guard.ts';

const loopback = Fastify();
let loopbackUrl: string;

beforeAll(async () => {
  loopback.get('/ping', async () => ({ pong: true }));
  loopbackUrl = await loopback.listen({ host: '127.0.0.1', port: 0 });
});
afterAll(() => loopback.close());

async function fetchFailure(url: string): Promise<unknown> {
  try {
    await fetch(url, { signal: AbortSignal.timeout(5_000) });
  } catch (error) {
    return (error as { cause?: unknown }).cause;
  }
  throw new Error(`fetch ${url} succeeded`);
}

describe('the test-wide outbound guard', () => {
  it('refuses and counts a fetch to an address outside the machine, before any packet leaves', async () => {
    takeRefusedConnections();
    const started = Date.now();
    const cause = await fetchFailure('https://203.0.113.1/v1/messages');
    expect(cause).toMatchObject({ code: outboundRefusedCode });
    // Refused at once: no connect timeout was waited out.
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(takeRefusedConnections()).toEqual([{ host: '203.0.113.1', port: 443 }]);
  });

  it('refuses a host name before it is looked up, and a plain socket as well', async () => {
    const cause = await fetchFailure('http://api.anthropic.com/');
    expect(cause).toMatchObject({ code: outboundRefusedCode });
    const socketError = await new Promise<unknown>((resolve) => {
      const socket = connect(5432, '198.51.100.7');
      socket.on('connect', () => resolve('connected'));
      socket.on('error', resolve);
    });
    expect(socketError).toMatchObject({ code: outboundRefusedCode });
    expect(takeRefusedConnections()).toEqual([
      { host: 'api.anthropic.com', port: 80 },
      { host: '198.51.100.7', port: 5432 },
    ]);
  });

  it('lets a server on loopback answer, by address and as localhost', async () => {
    const byAddress = await fetch(`${loopbackUrl}/ping`);
    expect(await byAddress.json()).toEqual({ pong: true });
    const byName = await fetch(`${loopbackUrl.replace('127.0.0.1', 'localhost')}/ping`);
    expect(byName.status).toBe(200);
    expect(takeRefusedConnections()).toEqual([]);
  });
});
