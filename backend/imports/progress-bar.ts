export interface ProgressBar {
  update(done: number, total: number): void;
  finish(): void;
}

const width = 30;
const redrawEveryMs = 100;

/**
 * A one-line bar for long CLI work, redrawn in place on stderr. Only on a terminal: piped or logged
 * output gets the summary alone rather than a stream of carriage returns.
 */
export function progressBar(stream: NodeJS.WriteStream, label: string): ProgressBar {
  if (!stream.isTTY) return { update() {}, finish() {} };
  let lastDraw = 0;
  let last = { done: 0, total: 0 };
  const draw = () => {
    const { done, total } = last;
    const fraction = total > 0 ? Math.min(1, done / total) : 1;
    const filled = Math.round(fraction * width);
    const bar = `${'█'.repeat(filled)}${'░'.repeat(width - filled)}`;
    const figures = `${done.toLocaleString('en-US')}/${total.toLocaleString('en-US')}`;
    stream.write(`\r${label} ${bar} ${String(Math.floor(fraction * 100)).padStart(3)}% ${figures}\x1b[K`);
  };
  return {
    update(done, total) {
      last = { done, total };
      const now = Date.now();
      if (now - lastDraw < redrawEveryMs && done < total) return;
      lastDraw = now;
      draw();
    },
    finish() {
      draw();
      stream.write('\n');
    },
  };
}
