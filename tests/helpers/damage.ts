import fs from 'node:fs';

/** SQLite's default page size, which every store here uses. */
export const PAGE = 4096;

/** Overwrites three whole pages in the middle of the file, as a failing disk sector or a bad copy would. */
export function corruptMiddle(file: string): Buffer {
  const bytes = fs.readFileSync(file);
  const middle = Math.floor(bytes.length / PAGE / 2);
  bytes.fill(0x5a, middle * PAGE, (middle + 3) * PAGE);
  fs.writeFileSync(file, bytes);
  return bytes;
}
