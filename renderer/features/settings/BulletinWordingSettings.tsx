import type { ReactNode } from 'react';
import type { Settings } from '../../../shared/contract';
import { BULLETIN_WORDING_FIELDS, BULLETIN_WORDING_KEYS, DEFAULT_BULLETIN_WORDING } from '../../../shared/bulletin/wording';

/**
 * 设置 › 督查通报与督办通知的文字: one field per template, with the placeholders it takes. Saved with the rest
 * of the settings (so each change is in the change log, old → new).
 */
export function BulletinWordingSettings({ settings, set, at }: { settings: Settings; set: (patch: Partial<Settings>) => void; at: (field: string) => ReactNode }) {
  const wording = settings.bulletinWording;
  return (
    <fieldset className="line-fieldset full" data-testid="bulletin-wording">
      <legend>督查通报与督办通知的文字</legend>
      <p className="muted">各处均可使用 {'{城市} {年} {季度} {发文单位} {日期}'}；每项下方列出该处可用的其他占位符，生成时替换为调度评估中的数字、名单和日期。</p>
      {BULLETIN_WORDING_KEYS.map((key) => {
        const field = BULLETIN_WORDING_FIELDS[key];
        const long = wording[key].length > 40 || key === 'nextSteps';
        return (
          <label key={key} className="field full">
            {field.label}
            {long ? (
              <textarea rows={key === 'nextSteps' ? 5 : 3} data-testid={`wording-${key}`} value={wording[key]} onChange={(e) => set({ bulletinWording: { ...wording, [key]: e.target.value } })} />
            ) : (
              <input data-testid={`wording-${key}`} value={wording[key]} onChange={(e) => set({ bulletinWording: { ...wording, [key]: e.target.value } })} />
            )}
            {field.placeholders.length > 0 && <span className="muted">可用：{field.placeholders.join(' ')}</span>}
            {at(`bulletinWording.${key}`)}
          </label>
        );
      })}
      <label className="field">
        督办通知回复期限（发文后天数）
        <input type="number" min={1} max={60} data-testid="notice-reply-days" value={settings.noticeReplyDays} onChange={(e) => set({ noticeReplyDays: Number(e.target.value) })} />
        {at('noticeReplyDays')}
      </label>
      <button type="button" className="link" onClick={() => set({ bulletinWording: { ...DEFAULT_BULLETIN_WORDING } })}>
        恢复默认文字
      </button>
    </fieldset>
  );
}
