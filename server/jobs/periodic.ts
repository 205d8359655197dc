import type { Exclusive } from './exclusive.ts';

/** Settings of a periodic background job. */
export interface PeriodicOptions<T> {
  /** One run of the job. */
  task: () => Promise<T>;
  /** Runs each run on one instance at a time (a session advisory lock on PostgreSQL); closed at stop. */
  exclusive?: Exclusive;
  /** Time from the end of one run to the start of the next. */
  intervalMs: number;
  /** Time to the first run; `intervalMs` when not given. */
  firstDelayMs?: number;
  /** Called when a run throws; the run then resolves undefined. The job keeps its schedule. */
  onError: (error: Error) => void;
  /**
   * When `runNow` is called during a run: false joins the run under way;
   * true also runs once more after it, so work that arrived during a run
   * (a case committed while the outbox drained) is not left for the timer.
   */
  rerunWhenCalledDuringRun?: boolean;
}

/** A scheduled job. */
export interface PeriodicJob<T> {
  /** Runs now, or joins the run under way; undefined when another instance holds the lock or the run failed. */
  runNow(): Promise<T | undefined>;
  /** Stops the schedule, waits for a run under way and closes the lock's connection. */
  stop(): Promise<void>;
}

/**
 * The schedule the outbox and retention share: one run at a time in this
 * process, one instance at a time across instances, the next run timed from
 * the end of the last, and a stop that waits for the run under way.
 */
export function startPeriodic<T>(options: PeriodicOptions<T>): PeriodicJob<T> {
  let running: Promise<T | undefined> | undefined;
  let again = false;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;

  const runNow = (): Promise<T | undefined> => {
    if (running) {
      if (options.rerunWhenCalledDuringRun) again = true;
      return running;
    }
    const { exclusive } = options;
    running = (exclusive ? exclusive.run(options.task).then((outcome) => (outcome.ran ? outcome.value : undefined)) : options.task())
      .catch((error: Error) => {
        options.onError(error);
        return undefined;
      })
      .finally(() => {
        running = undefined;
        if (again && !stopped) {
          again = false;
          void runNow();
        }
      });
    return running;
  };

  const schedule = (delay: number) => {
    if (stopped) return;
    timer = setTimeout(() => void runNow().finally(() => schedule(options.intervalMs)), delay);
    // The schedule alone never keeps a process alive.
    timer.unref();
  };
  schedule(options.firstDelayMs ?? options.intervalMs);

  return {
    runNow,
    stop: async () => {
      stopped = true;
      clearTimeout(timer);
      await running;
      await options.exclusive?.close();
    },
  };
}
