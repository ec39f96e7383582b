import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createSecretBox } from '../../backend/secrets/secret-box.ts';
import { loadSecretKey } from '../../backend/secrets/secret-key.ts';

const box = createSecretBox(Buffer.alloc(32, 1));

describe('secrets at rest', () => {
  it('seals a key so the stored text does not contain it, and opens it again', () => {
    const sealed = box.seal('sk-ant-fake-very-secret', 'org:a:ai:anthropic');
    expect(sealed).not.toContain('very-secret');
    expect(box.open(sealed, 'org:a:ai:anthropic')).toBe('sk-ant-fake-very-secret');
    expect(box.seal('same', 'p')).not.toBe(box.seal('same', 'p'));
  });

  it('refuses a sealed value moved to another org or column, tampered with, or opened with another key', () => {
    const sealed = box.seal('sk-ant-fake-very-secret', 'org:a:ai:anthropic');
    expect(() => box.open(sealed, 'org:b:ai:anthropic')).toThrow();
    expect(() => box.open(sealed, 'org:a:ai:gemini')).toThrow();
    const parts = sealed.split(':');
    parts[3] = Buffer.from('sk-ant-fake-very-secreT').toString('base64url');
    expect(() => box.open(parts.join(':'), 'org:a:ai:anthropic')).toThrow();
    expect(() => createSecretBox(Buffer.alloc(32, 2)).open(sealed, 'org:a:ai:anthropic')).toThrow();
  });

  it('requires CSCX_SECRET_KEY with DATABASE_URL, and takes it as hex or base64', () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cscx-key-'));
    expect(() => loadSecretKey({ secretKey: undefined, databaseUrl: 'postgres://db/cscx', dataDir })).toThrow(
      /CSCX_SECRET_KEY is required with DATABASE_URL/,
    );
    expect(fs.readdirSync(dataDir)).toEqual([]);
    const hex = 'ab'.repeat(32);
    expect(loadSecretKey({ secretKey: hex, databaseUrl: 'postgres://db/cscx', dataDir })).toEqual(
      Buffer.from(hex, 'hex'),
    );
    const base64 = Buffer.alloc(32, 5).toString('base64');
    expect(loadSecretKey({ secretKey: base64, databaseUrl: undefined, dataDir })).toEqual(
      Buffer.alloc(32, 5),
    );
    expect(() => loadSecretKey({ secretKey: 'short', databaseUrl: undefined, dataDir })).toThrow(/32 bytes/);
  });

  it('on the embedded database generates one key into the data folder, readable by its owner only, and keeps it', () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cscx-key-'));
    const first = loadSecretKey({ secretKey: undefined, databaseUrl: undefined, dataDir });
    const second = loadSecretKey({ secretKey: undefined, databaseUrl: undefined, dataDir });
    expect(second).toEqual(first);
    const file = path.join(dataDir, 'secret.key');
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    const sealed = createSecretBox(first).seal('kept across restarts', 'p');
    expect(createSecretBox(second).open(sealed, 'p')).toBe('kept across restarts');
  });
});
