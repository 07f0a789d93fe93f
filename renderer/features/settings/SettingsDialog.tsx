import { useEffect, useState } from 'react';
import type { Settings } from '../../../shared/contract';
import { DEFAULT_WORDING, WORDING_PLACEHOLDERS } from '../../../shared/wording';
import { api, errorMessage, errorPath } from '../../api';
import { AssessmentRulesSection } from '../assessment/AssessmentRules';
import { Dialog } from '../../components/Dialog';
import { desktop, inDialog } from '../../app/shell';
import { BulletinWordingSettings } from './BulletinWordingSettings';

const COLUMN_ROLES = ['序号', '市政府领导', '责任目标内容', '完成时限', '完成情况', '是否按计划完成进度', '责任单位'];

export function SettingsDialog({ storePath, onClose, onBackups, onDataFolder, year }: { storePath: string; onClose: () => void; onBackups: () => void; onDataFolder?: () => void; year?: number | null }) {
  const [settings, setSettings] = useState<Settings | null>(null);
  // A refusal names its field (reviewThresholds.green): the message goes beside that field.
  const [error, setError] = useState<{ message: string; field: string } | null>(null);
  const fail = (err: unknown) => setError({ message: errorMessage(err), field: errorPath(err) ?? '' });
  useEffect(() => {
    api['settings.get']({}).then(setSettings, fail);
  }, []);
  const set = (patch: Partial<Settings>) => {
    if (!settings) return;
    setSettings({ ...settings, ...patch });
    setError(null);
  };
  const shownAt = new Set<string>();
  const at = (field: string) => {
    shownAt.add(field);
    return (
      error?.field === field && (
        <span className="field-error" role="alert" data-field={field}>
          {error.message}
        </span>
      )
    );
  };
  return (
    <Dialog title="设置" onClose={onClose} wide>
      {settings && (
        <form
          className="fields settings-fields"
          // The service's checks, worded in Chinese beside each field, rather than the browser's bubbles.
          noValidate
          data-testid="settings-form"
          onSubmit={(e) => {
            e.preventDefault();
            api['settings.update'](settings).then(onClose, fail);
          }}
        >
          <label className="field">
            使用人（记入变更记录）
            <input value={settings.userName} placeholder="填写您的姓名，如：张华" data-testid="settings-user" onChange={(e) => set({ userName: e.target.value })} />
          </label>
          <label className="field">
            城市名称（用于表格标题）
            <input value={settings.city} onChange={(e) => set({ city: e.target.value })} />
          </label>
          <fieldset className="line-fieldset full">
            <legend>导出一览表的文字</legend>
            <p className="muted">可使用 {WORDING_PLACEHOLDERS.join(' ')}，导出时替换为城市、年份、季度和目标总数。</p>
            <label className="field full">
              标题
              <input data-testid="settings-title" value={settings.exportTitle} onChange={(e) => set({ exportTitle: e.target.value })} />
              {at('exportTitle')}
            </label>
            <label className="field full">
              说明段落
              <textarea rows={3} value={settings.exportParagraph} onChange={(e) => set({ exportParagraph: e.target.value })} />
              {at('exportParagraph')}
            </label>
            <div className="settings-headers">
              {settings.exportHeaders.map((h, i) => (
                <label key={COLUMN_ROLES[i]} className="field">
                  第{i + 1}列（{COLUMN_ROLES[i]}）
                  <input value={h} onChange={(e) => set({ exportHeaders: settings.exportHeaders.map((x, j) => (j === i ? e.target.value : x)) })} />
                </label>
              ))}
            </div>
            <button
              type="button"
              className="link"
              onClick={() => set({ exportTitle: DEFAULT_WORDING.title, exportParagraph: DEFAULT_WORDING.paragraph, exportHeaders: [...DEFAULT_WORDING.headers] })}
            >
              恢复默认文字
            </button>
          </fieldset>
          <label className="field">
            默认版式
            <select value={settings.exportLayout} onChange={(e) => set({ exportLayout: e.target.value as Settings['exportLayout'] })}>
              <option value="single">单栏</option>
              <option value="two-block">双栏并排</option>
            </select>
          </label>
          <label className="field">
            纸张（横向）
            <select data-testid="settings-paper" value={settings.paperSize} onChange={(e) => set({ paperSize: e.target.value as Settings['paperSize'] })}>
              <option value="A3">A3</option>
              <option value="A4">A4</option>
            </select>
          </label>
          <label className="field">
            一览表行高
            <select data-testid="settings-rows" value={settings.overviewRows} onChange={(e) => set({ overviewRows: e.target.value as Settings['overviewRows'] })}>
              <option value="full">完整显示每格文字</option>
              <option value="compact">紧凑（每格最多显示3行，选中时完整显示）</option>
            </select>
          </label>
          <fieldset className="line-fieldset full">
            <legend>预警阈值（调度评估）</legend>
            <p className="muted">完成度 ÷ 序时进度：不低于绿灯阈值为绿灯，介于两者之间为黄灯，低于黄灯阈值为红灯；自报“否”为红灯。未报送的，超过报送截止日期的天数达到下列天数时转为黄灯、红灯。</p>
            <div className="settings-headers">
              <label className="field">
                绿灯阈值（%）
                <input type="number" min={50} max={100} data-testid="threshold-green" value={Math.round(settings.reviewThresholds.green * 100)} onChange={(e) => set({ reviewThresholds: { ...settings.reviewThresholds, green: Number(e.target.value) / 100 } })} />
                {at('reviewThresholds.green')}
              </label>
              <label className="field">
                黄灯阈值（%）
                <input type="number" min={30} max={100} value={Math.round(settings.reviewThresholds.yellow * 100)} onChange={(e) => set({ reviewThresholds: { ...settings.reviewThresholds, yellow: Number(e.target.value) / 100 } })} />
                {at('reviewThresholds.yellow')}
              </label>
              <label className="field">
                逾期转黄灯（天）
                <input type="number" min={0} max={60} value={settings.reviewThresholds.overdueYellowDays} onChange={(e) => set({ reviewThresholds: { ...settings.reviewThresholds, overdueYellowDays: Number(e.target.value) } })} />
                {at('reviewThresholds.overdueYellowDays')}
              </label>
              <label className="field">
                逾期转红灯（天）
                <input type="number" min={0} max={90} value={settings.reviewThresholds.overdueRedDays} onChange={(e) => set({ reviewThresholds: { ...settings.reviewThresholds, overdueRedDays: Number(e.target.value) } })} />
                {at('reviewThresholds.overdueRedDays')}
              </label>
            </div>
            {at('reviewThresholds')}
          </fieldset>
          <BulletinWordingSettings settings={settings} set={set} at={at} />
          <fieldset className="line-fieldset full">
            <legend>数据备份</legend>
            <label className="field full">
              备份文件夹（留空：数据文件旁的“备份”文件夹；可填U盘或共享文件夹的完整路径）
              <input data-testid="backup-dir" value={settings.backupDir} placeholder="例如 E:\督查备份" readOnly={desktop} onChange={(e) => set({ backupDir: e.target.value })} />
              {at('backupDir')}
            </label>
            {desktop && (
              <div className="dialog-actions full" style={{ justifyContent: 'flex-start' }}>
                <button
                  type="button"
                  className="secondary"
                  data-testid="choose-backup-dir"
                  onClick={() =>
                    inDialog<Settings>('backups.chooseDir').then(
                      // Saved by the dialog itself; the form takes the folder over, keeping what is being edited.
                      (saved) => saved && set({ backupDir: saved.backupDir }),
                      fail,
                    )
                  }
                >
                  选择文件夹…
                </button>
                <button type="button" className="link" onClick={() => set({ backupDir: '' })}>
                  使用默认位置
                </button>
              </div>
            )}
            <div className="settings-headers">
              <label className="field">
                保留最近的备份（份）
                <input type="number" min={1} max={200} value={settings.backupKeepLast} onChange={(e) => set({ backupKeepLast: Number(e.target.value) })} />
                {at('backupKeepLast')}
              </label>
              <label className="field">
                另保留每月一份（月）
                <input type="number" min={0} max={120} value={settings.backupKeepMonthly} onChange={(e) => set({ backupKeepMonthly: Number(e.target.value) })} />
                {at('backupKeepMonthly')}
              </label>
            </div>
            <button type="button" className="link" data-testid="open-backups" onClick={onBackups}>
              查看备份、立即备份或从备份恢复…
            </button>
          </fieldset>
          <p className="muted full">
            数据文件：{storePath}
            {onDataFolder && (
              <button type="button" className="link" data-testid="open-data-folder" onClick={onDataFolder}>
                移动到其他文件夹…
              </button>
            )}
          </p>
          {error && !shownAt.has(error.field) && (
            <p className="field-error full" role="alert">
              {error.message}
            </p>
          )}
          <div className="dialog-actions dialog-footer full">
            <button type="button" className="secondary" onClick={onClose}>
              取消
            </button>
            <button type="submit" data-testid="settings-save">保存</button>
          </div>
        </form>
      )}
      {/* The year's 考核细则: saved on its own (another method, per year), beside the form. */}
      {settings && year != null && <AssessmentRulesSection year={year} />}
      {!settings && error && <p className="field-error">{error.message}</p>}
    </Dialog>
  );
}
