/**
 * The first run's welcome: look at the sample data, or start one's own year (an empty year, then the
 * import of its overview or of last year's). Shown once per store: any way out of it counts as seen.
 */
import { useState } from 'react';
import type { PlanSummary } from '../../../shared/contract';
import { api, errorMessage } from '../../api';
import { Dialog } from '../../components/Dialog';
import './welcome.css';

interface Props {
  sample: PlanSummary | undefined;
  onClose: () => void;
  /** The user's new year exists (the sample is gone if they asked): go on to the import. */
  onYearStarted: (year: number) => void;
}

export function Welcome({ sample, onClose, onYearStarted }: Props) {
  const [year, setYear] = useState(new Date().getFullYear());
  const [city, setCity] = useState('');
  const [removeSample, setRemoveSample] = useState(true);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const seen = () => api['app.welcomeSeen']({}).then(() => undefined, () => undefined);
  const close = () => void seen().then(onClose);

  const start = async () => {
    setBusy(true);
    setError(null);
    try {
      if (sample && removeSample) await api['sample.remove']({ year: sample.year });
      const name = city.trim();
      await api['plans.create'](name ? { year, city: name } : { year });
      if (name) await api['settings.update']({ city: name });
      await seen();
      onYearStarted(year);
    } catch (err) {
      setError(errorMessage(err));
      setBusy(false);
    }
  };

  return (
    <Dialog title="欢迎使用责任目标督查工作台" onClose={close} wide>
      <div className="welcome" data-testid="welcome">
        <p>这里记录政府工作报告分解出的责任目标，按季度汇总各责任单位报送的完成情况，导出一览表，并为调度会评估进度。</p>
        <section className="welcome-choice">
          <h3>先看看示例数据</h3>
          {sample ? (
            <p>
              已载入{sample.city}
              {sample.year}年三季度公开的一览表（{sample.targetCount} 项目标），处处标有“示例数据”，可以随意试用。用完后在页面上方一步删除，删除前会自动备份。
            </p>
          ) : (
            <p>本数据文件中没有示例数据。</p>
          )}
          <button type="button" className="secondary" data-testid="welcome-sample" onClick={close} disabled={busy}>
            {sample ? '看看示例数据' : '关闭'}
          </button>
        </section>
        <section className="welcome-choice">
          <h3>开始我的年度</h3>
          <p>新建一个空的年度，然后导入本年度的责任目标分解表，或上一年度的一览表。</p>
          <form
            className="fields"
            onSubmit={(e) => {
              e.preventDefault();
              void start();
            }}
          >
            <label className="field">
              年度
              <input data-testid="welcome-year" type="number" min={2000} max={2100} value={year} onChange={(e) => setYear(Number(e.target.value))} required />
            </label>
            <label className="field">
              城市名称（用于表格标题，可稍后填写）
              <input data-testid="welcome-city" value={city} maxLength={50} onChange={(e) => setCity(e.target.value)} />
            </label>
            {sample && (
              <label className="check full">
                <input data-testid="welcome-remove-sample" type="checkbox" checked={removeSample} onChange={(e) => setRemoveSample(e.target.checked)} />
                同时删除示例数据（删除前自动备份，并记入变更记录）
              </label>
            )}
            {error && (
              <p className="banner error full" role="alert">
                {error}
              </p>
            )}
            <div className="dialog-actions full">
              <button type="submit" data-testid="welcome-start" disabled={busy}>
                {busy ? '正在新建…' : '新建年度并导入'}
              </button>
            </div>
          </form>
        </section>
      </div>
    </Dialog>
  );
}
