import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../backend/config.ts';
import { createServer } from '../../backend/server.ts';

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(...String(chunk).split('\n').filter(Boolean));
      done();
    },
  });
  return { lines, stream };
}

describe('the log format', () => {
  it('is readable on a terminal and JSON otherwise, unless asked', () => {
    expect(loadConfig({}, true).logFormat).toBe('pretty');
    expect(loadConfig({}, false).logFormat).toBe('json');
    expect(loadConfig({ CSCX_LOG_FORMAT: 'json' }, true).logFormat).toBe('json');
    expect(loadConfig({ CSCX_LOG_FORMAT: 'pretty' }, false).logFormat).toBe('pretty');
  });

  it('prints one readable line per request in the pretty form, with no query string', async () => {
    const { lines, stream } = capture();
    const server = await createServer({
      config: loadConfig({ PORT: '0', CSCX_LOG_FORMAT: 'pretty' }),
      logStream: stream,
    });
    const url = await server.app.listen({ host: '127.0.0.1', port: 0 });
    await fetch(`${url}/nope?token=cscx_pat_secret`);
    await server.app.close();
    const line = lines.find((l) => l.includes('GET /nope'));
    expect(line).toMatch(/GET \/nope 404 [\d.]+ ms/);
    expect(() => JSON.parse(line ?? '')).toThrow();
    expect(lines.join('\n')).not.toContain('cscx_pat_secret');
  });
});
