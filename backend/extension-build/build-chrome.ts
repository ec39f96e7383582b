import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { stripVTControlCharacters } from 'node:util';

export interface ExtensionBuildOptions {
  /** The package root: where wxt.config.ts and node_modules are. */
  root: string;
  /** WXT's output folder; the Chrome build lands in `<outDir>/chrome-mv3`. */
  outDir: string;
  /** Where progress and the result are written (the server's stdout). */
  write: (line: string) => void;
  /** Stops the build (the server is shutting down). */
  signal?: AbortSignal;
}

export type ExtensionBuildResult =
  | { kind: 'built'; folder: string; elapsedMs: number }
  | { kind: 'failed'; reason: string };

const prefix = '  extension │ ';
const loadSteps =
  'open chrome://extensions, turn on Developer mode, click "Load unpacked" and choose that folder';

/**
 * The Chrome extension, built by WXT in a child process while the server keeps serving. WXT bundles from
 * node_modules only (no downloads). A failure is reported, never thrown: the server stays up without it.
 * Progress is WXT's own output, relayed line by line.
 */
export async function buildChromeExtension(options: ExtensionBuildOptions): Promise<ExtensionBuildResult> {
  const { root, outDir, write, signal } = options;
  const folder = path.join(outDir, 'chrome-mv3');
  const wxt = path.join(root, 'node_modules', 'wxt');
  if (!existsSync(wxt)) {
    const reason = `WXT is not installed in ${root} (run npm install, which installs the dev dependencies)`;
    write(`${prefix}not built: ${reason}; the server keeps serving`);
    return { kind: 'failed', reason };
  }
  write(`${prefix}building the Chrome extension into ${folder} …`);
  const started = performance.now();
  const child = spawn(
    process.execPath,
    [
      path.join(root, 'bin', 'run-ts.js'),
      path.join(root, 'backend', 'extension-build', 'wxt-build-child.ts'),
      root,
      outDir,
    ],
    { cwd: root, env: { ...process.env, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'], signal },
  );
  const output: string[] = [];
  const relay = (chunk: Buffer) => {
    for (const raw of chunk.toString().split('\n')) {
      const line = stripVTControlCharacters(raw).trimEnd();
      if (!line.trim()) continue;
      output.push(line);
      write(`${prefix}${line}`);
    }
  };
  child.stdout.on('data', relay);
  child.stderr.on('data', relay);
  const exit = await new Promise<{ code: number | null; error?: Error }>((resolve) => {
    child.once('error', (error) => resolve({ code: null, error }));
    child.once('close', (code) => resolve({ code }));
  });
  if (exit.code === 0 && existsSync(path.join(folder, 'manifest.json'))) {
    const elapsedMs = performance.now() - started;
    write(`${prefix}built in ${(elapsedMs / 1000).toFixed(1)} s`);
    write(`  Chrome extension: ${folder}`);
    write(`    load it:       ${loadSteps}`);
    return { kind: 'built', folder, elapsedMs };
  }
  if (signal?.aborted) return { kind: 'failed', reason: 'stopped: the server is shutting down' };
  const reason = exit.error
    ? `could not start the build: ${exit.error.message}`
    : `the build exited with code ${exit.code}${exit.code === 0 ? ' but wrote no manifest.json' : ''}`;
  write(
    `${prefix}BUILD FAILED: ${reason}; the server keeps serving. Last lines above; rerun with npm run build.`,
  );
  return { kind: 'failed', reason };
}
