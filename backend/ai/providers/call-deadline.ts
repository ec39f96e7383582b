/**
 * The signal a remote call hands its SDK: it aborts when the caller aborts, or when the vendor has
 * been silent for `timeoutMs` — before the response starts, or between two streamed events. A
 * stream that keeps talking is never cut off; one that stalls is. `timedOut` then tells the two
 * apart, since both reach the SDK as the same abort.
 */
export interface CallDeadline {
  signal: AbortSignal;
  /** The vendor said something: the silence clock starts again. */
  heard(): void;
  /** The consumer holds the next event: its slowness is not the vendor's silence. */
  pause(): void;
  timedOut(): boolean;
  /** Ends the call's resources; a request still open is aborted (closing its connection). */
  close(): void;
}

export function startCallDeadline(callerSignal: AbortSignal, timeoutMs: number): CallDeadline {
  const controller = new AbortController();
  let timedOut = false;
  let paused = false;
  const onCallerAbort = () => controller.abort(callerSignal.reason);
  if (callerSignal.aborted) controller.abort(callerSignal.reason);
  else callerSignal.addEventListener('abort', onCallerAbort, { once: true });

  const timer = setTimeout(() => {
    if (paused) return;
    timedOut = true;
    controller.abort(new Error(`no answer for ${timeoutMs} ms`));
  }, timeoutMs);
  timer.unref();

  return {
    signal: controller.signal,
    heard: () => {
      paused = false;
      // Also re-arms a timer that fired while paused.
      if (!controller.signal.aborted) timer.refresh();
    },
    pause: () => {
      paused = true;
    },
    timedOut: () => timedOut,
    close: () => {
      clearTimeout(timer);
      callerSignal.removeEventListener('abort', onCallerAbort);
      controller.abort(new Error('call closed'));
    },
  };
}
