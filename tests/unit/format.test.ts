/** Dates read as official documents write them (2023年10月20日), whatever the browser's locale. */
import { describe, expect, it } from 'vitest';
import { dateTime, formatDate } from '../../renderer/app/format';

describe('dates', () => {
  it('writes a day as 2023年10月20日', () => {
    expect(formatDate('2023-10-20')).toBe('2023年10月20日');
    expect(formatDate('2024-01-05')).toBe('2024年1月5日');
    expect(formatDate(new Date(2023, 9, 20, 23, 59))).toBe('2023年10月20日');
    expect(formatDate('不是日期')).toBe('');
  });

  it('writes a moment as day and 24-hour time', () => {
    expect(dateTime(new Date(2023, 9, 20, 9, 5).toISOString())).toBe('2023年10月20日 09:05');
    expect(dateTime(new Date(2023, 9, 20, 17, 30).toISOString())).toBe('2023年10月20日 17:30');
  });
});
