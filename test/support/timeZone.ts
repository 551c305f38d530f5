/**
 * Runs `work` with the process's own time zone set to `zone` (Node reads TZ again when it changes), then
 * puts it back: for code that must not depend on the machine's time zone.
 */
export function inTimeZone<T>(zone: string, work: () => T): T {
  const before = process.env.TZ;
  process.env.TZ = zone;
  try {
    return work();
  } finally {
    if (before === undefined) delete process.env.TZ;
    else process.env.TZ = before;
  }
}
