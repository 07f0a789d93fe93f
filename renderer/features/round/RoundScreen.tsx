/**
 * 季度调度: the collection round of the quarter on screen. Who owes a returned template, who has sent it
 * (an import of a returned template marks its unit by itself), whose file had warnings, the due date, and
 * the list to chase. A file that came on paper is marked by hand.
 */
import { useCallback, useEffect, useState } from 'react';
import type { RoundOwner, RoundStatus } from '../../../shared/contract';
import { quarterLabel, type Quarter } from '../../../shared/domain';
import { api } from '../../api';
import { useRun } from '../../app/useRun';
import { download } from '../../app/download';
import { DateField } from '../../components/DateField';
import { Dialog } from '../../components/Dialog';
import { dateTime, todayIso } from '../../app/format';
import { Outcome } from '../../components/Outcome';

type Show = 'all' | 'missing' | 'warnings';

function stateOf(o: RoundOwner, dueDate: string | null): { label: string; className: string } {
  if (o.returned) return o.warnings > 0 ? { label: '已报送（有提示）', className: 'warn' } : { label: '已报送', className: 'ok' };
  return dueDate !== null && todayIso() > dueDate ? { label: '逾期未报', className: 'bad' } : { label: '未报送', className: 'pending' };
}

/**
 * Where a round is: templates first, then the returns come in (through 导入), then the ones missing are
 * chased. The step's button is the main (coloured) one, so the screen says what to do next.
 */
export type RoundStep = 'templates' | 'returns' | 'chase' | 'done';

export function roundStep(status: RoundStatus | null): RoundStep {
  if (!status || status.openedAt === null) return 'templates';
  if (status.returned === status.expected && status.withWarnings === 0) return 'done';
  return status.returned === 0 ? 'returns' : 'chase';
}

const STEP_HINTS: Record<RoundStep, string> = {
  templates: '第1步：生成报送模板，发给各单位填报。',
  returns: '第2步：各单位报送后，把收到的文件拖入一览表或用“导入”读入；到截止日期仍未报送的，导出催报名单。',
  chase: '第3步：导出催报名单，催未报送和有提示的单位。',
  done: '本轮已全部报送。',
};

export function RoundScreen({ year, quarter, onClose }: { year: number; quarter: Quarter; onClose: () => void }) {
  const [status, setStatus] = useState<RoundStatus | null>(null);
  const [show, setShow] = useState<Show>('all');
  const { busy, error, run } = useRun();
  const [message, setMessage] = useState<string | null>(null);

  const reload = useCallback(() => run(api['round.status']({ year, quarter }), setStatus), [run, year, quarter]);
  useEffect(reload, [reload]);

  const owners = (status?.owners ?? []).filter((o) => (show === 'missing' ? !o.returned : show === 'warnings' ? o.warnings > 0 : true));
  const who = status?.by === 'leader' ? '市政府领导' : '责任单位';
  const step = roundStep(status);
  const main = (mine: boolean) => (mine ? undefined : 'secondary');

  return (
    <Dialog title={`${year}年${quarterLabel(quarter)}季度调度`} onClose={onClose} wide>
      <div className="round" data-testid="round-screen">
        {status && (
          <p className="round-summary" data-testid="round-summary">
            应报送 <b>{status.expected}</b> 个{status.by === 'leader' ? '领导' : '单位'}，已报送 <b>{status.returned}</b>（有提示 {status.withWarnings}），未报送{' '}
            <b>{status.expected - status.returned}</b>。{status.openedAt ? `报送模板生成于 ${dateTime(status.openedAt)}。` : '尚未生成报送模板。'}
          </p>
        )}
        <div className="round-actions">
          <span className="round-due">
            报送截止日期{' '}
            <DateField
              label="报送截止日期"
              data-testid="round-due"
              value={status?.dueDate ?? ''}
              disabled={busy || !status}
              onChange={(v) => run(api['round.update']({ year, quarter, dueDate: v === '' ? null : v }), setStatus)}
            />
          </span>
          <span className="spacer" />
          <button
            type="button"
            className={main(step === 'templates')}
            data-testid="round-templates"
            disabled={busy}
            onClick={() =>
              run(api['export.templates']({ year, quarter, by: 'unit' }), (r) => {
                download(r.fileName, r.data, 'application/zip');
                setMessage(`已生成 ${r.count} 个报送模板：${r.fileName}`);
                reload();
              })
            }
          >
            生成报送模板（zip）
          </button>
          <button
            type="button"
            className={main(step === 'returns' || step === 'chase')}
            data-testid="round-export-missing"
            disabled={busy || !status || (status.expected === status.returned && status.withWarnings === 0)}
            onClick={() =>
              run(api['round.exportMissing']({ year, quarter }), (r) => {
                download(r.fileName, r.data);
                setMessage(`催报名单已导出（${r.count} 个）：${r.fileName}`);
              })
            }
          >
            导出催报名单
          </button>
        </div>
        <p className="round-step muted" data-testid="round-step" data-step={step}>
          {STEP_HINTS[step]}
        </p>
        <div className="round-filter" role="radiogroup" aria-label="显示">
          {(
            [
              ['all', '全部'],
              ['missing', '未报送'],
              ['warnings', '有提示'],
            ] as const
          ).map(([value, label]) => (
            <label key={value}>
              <input type="radio" name="round-show" checked={show === value} onChange={() => setShow(value)} /> {label}
            </label>
          ))}
        </div>
        <Outcome error={error} message={message} />
        <div className="round-table-wrap">
          <table className="round-table" data-testid="round-table">
            <thead>
              <tr>
                <th>序号</th>
                <th>{who}</th>
                <th>分工数</th>
                <th>状态</th>
                <th>报送时间</th>
                <th>文件</th>
                <th>提示</th>
                <th aria-label="操作" />
              </tr>
            </thead>
            <tbody>
              {owners.map((o, i) => {
                const state = stateOf(o, status?.dueDate ?? null);
                return (
                  <tr key={o.owner} data-owner={o.owner}>
                    <td className="num">{i + 1}</td>
                    <td>{o.owner}</td>
                    <td className="num">{o.lines}</td>
                    <td>
                      <span className={`round-state ${state.className}`}>{state.label}</span>
                    </td>
                    <td>{o.returnedAt ? dateTime(o.returnedAt) : ''}</td>
                    <td className="files">{o.manual ? <span className="manual">手工登记</span> : o.files.join('、')}</td>
                    <td className="num">{o.warnings > 0 ? o.warnings : ''}</td>
                    <td>
                      {!o.returned && (
                        <button type="button" className="quiet" disabled={busy} onClick={() => run(api['round.mark']({ year, quarter, owner: o.owner, returned: true }), setStatus)}>
                          登记为已报送
                        </button>
                      )}
                      {o.manual && (
                        <button type="button" className="quiet" disabled={busy} onClick={() => run(api['round.mark']({ year, quarter, owner: o.owner, returned: false }), setStatus)}>
                          取消登记
                        </button>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          {status && owners.length === 0 && <p className="muted">没有符合条件的{who}。</p>}
        </div>
        {status && status.unmatched.length > 0 && (
          <p className="muted">名单外的回传文件：{status.unmatched.map((u) => `${u.owner}（${u.file}）`).join('；')}。请核对单位名称，必要时在导入时把它登记为已有单位的别名。</p>
        )}
        <div className="dialog-actions dialog-footer">
          <button type="button" className="secondary" onClick={onClose}>
            关闭
          </button>
        </div>
      </div>
    </Dialog>
  );
}
