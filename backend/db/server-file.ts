import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { z } from 'zod';
import type { EmbeddedPaths } from './embedded.ts';

const serverFile = z.object({ url: z.string().url(), pid: z.number().int() });

/**
 * `server.json` in the data folder: the public address of the server that holds it, so that a
 * command beside that server prints links to it rather than to its own HOST and PORT.
 */
export function writeServerFile(paths: EmbeddedPaths, url: string): void {
  const draft = `${paths.serverFilePath}.${process.pid}`;
  writeFileSync(draft, `${JSON.stringify({ url, pid: process.pid })}\n`, { mode: 0o600 });
  renameSync(draft, paths.serverFilePath);
}

/** Leaves a file another server wrote since. */
export function removeServerFile(paths: EmbeddedPaths): void {
  if (readServerFile(paths)?.pid === process.pid) rmSync(paths.serverFilePath, { force: true });
}

/** The address written by the server with that pid; a file left by a server that crashed names another pid. */
export function serverUrlOf(paths: EmbeddedPaths, pid: number): string | undefined {
  const file = readServerFile(paths);
  return file?.pid === pid ? file.url : undefined;
}

function readServerFile(paths: EmbeddedPaths): z.infer<typeof serverFile> | undefined {
  try {
    return serverFile.parse(JSON.parse(readFileSync(paths.serverFilePath, 'utf8')));
  } catch {
    return undefined;
  }
}
