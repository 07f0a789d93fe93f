/**
 * The date a zip entry carries. Zip stores a wall-clock time with no zone and unzip tools, Explorer and WPS
 * show it as local time, but JSZip writes the Date's UTC fields: a file made at 14:05 in Beijing would show
 * 06:05. Shifting by the local offset makes the stored fields the local wall clock.
 */
export function zipEntryDate(madeAt: Date = new Date()): Date {
  return new Date(madeAt.getTime() - madeAt.getTimezoneOffset() * 60_000);
}
