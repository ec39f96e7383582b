/**
 * A process that takes a data folder's lock when told to, as a cscx command would (lock tests).
 * `try <epoch ms>`: waits for that instant, tries once and answers `acquired`, `held` or `failed <why>`;
 * a lock it won is kept, so that the others find it held. `release`: lets go of what it won, answers
 * `released`.
 */
import { createInterface } from 'node:readline';
import { lockDataDir } from '../../../backend/db/data-dir-lock.ts';
import { embeddedPaths } from '../../../backend/db/embedded.ts';

const [dataDir] = process.argv.slice(2);
if (!dataDir) throw new Error('usage: lock-contender.ts DATA_DIR');
const paths = embeddedPaths(dataDir);
const won: { release(): void }[] = [];
process.stdout.write('ready\n');

for await (const line of createInterface({ input: process.stdin })) {
  const [command, at] = line.split(' ');
  if (command === 'release') {
    for (const lock of won.splice(0)) lock.release();
    process.stdout.write('released\n');
  }
  if (command !== 'try') continue;
  // A busy wait: a timer fires late by a few ms, and the point is that all contenders start together.
  while (Date.now() < Number(at)) {}
  try {
    const lock = await lockDataDir(paths, { holder: 'command' });
    if (lock.kind === 'acquired') won.push(lock);
    process.stdout.write(`${lock.kind}\n`);
  } catch (error) {
    process.stdout.write(`failed ${(error as Error).message}\n`);
  }
}
