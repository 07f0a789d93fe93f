/**
 * Refused requests name the field in Chinese, never by its internal name (issue 14: 请求参数有误
 * （reviewThresholds）), and keep the field's path for the screen to put the message beside it.
 */
import { describe, expect, it } from 'vitest';
import { AppError } from '../../shared/errors';
import { fieldLabel, parseRequest } from '../../shared/validate';

function refusal(run: () => unknown): AppError {
  try {
    run();
  } catch (err) {
    if (err instanceof AppError) return err;
    throw err;
  }
  throw new Error('not refused');
}

describe('validation messages', () => {
  const thresholds = { green: 0.95, yellow: 0.85, overdueYellowDays: 1, overdueRedDays: 7 };

  it.each([
    [{ reviewThresholds: { ...thresholds, green: 1.5 } }, '绿灯阈值应在50%至100%之间', 'reviewThresholds.green'],
    [{ reviewThresholds: { ...thresholds, yellow: 0.99 } }, '黄灯阈值不能高于绿灯阈值', 'reviewThresholds'],
    [{ reviewThresholds: { ...thresholds, overdueRedDays: 200 } }, '逾期转红灯天数应在0至90天之间', 'reviewThresholds.overdueRedDays'],
    [{ backupKeepLast: 0 }, '至少保留1份备份', 'backupKeepLast'],
  ])('settings %j', (patch, message, field) => {
    const err = refusal(() => parseRequest('settings.update', patch));
    expect(err.message).toContain(message);
    expect(err.message).not.toMatch(/[A-Za-z]{4,}/);
    expect(err.where?.field).toBe(field);
  });

  it('names a target field, and leaves a field nobody types unnamed', () => {
    expect(refusal(() => parseRequest('targets.update', { id: 1, patch: { serial: -3 } })).message).toContain('序号');
    expect(refusal(() => parseRequest('targets.update', { id: 1, patch: { deadline: 'x'.repeat(500) } })).message).toBe('完成时限不能超过100个字');
    const unnamed = refusal(() => parseRequest('targets.get', { id: 'x' }));
    expect(unnamed.message).toMatch(/^请求参数有误：/);
    expect(unnamed.message).not.toContain('id');
  });

  it('finds the nearest named part of a path', () => {
    expect(fieldLabel(['reviewThresholds', 'green'])).toBe('绿灯阈值');
    expect(fieldLabel(['assignments', 0, 'leadUnits', 2])).toBe('牵头单位');
    expect(fieldLabel(['id'])).toBeNull();
  });
});
