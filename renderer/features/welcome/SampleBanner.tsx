/**
 * While the sample year is on screen it says so, and offers its removal: one step, backed up first and
 * written to the change log by the service.
 */
import { useState } from 'react';
import type { PlanSummary } from '../../../shared/contract';
import { api, errorMessage } from '../../api';
import { ConfirmDialog } from '../../components/Dialog';

export function SampleBanner({ plan, onRemoved }: { plan: PlanSummary; onRemoved: (message: string) => void }) {
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const remove = () => {
    setConfirming(false);
    setBusy(true);
    api['sample.remove']({ year: plan.year }).then(
      (r) => onRemoved(`已删除示例数据（${r.targets} 项目标），删除前的数据已备份为 ${r.backup.name}，可在“设置 › 数据备份”中恢复。`),
      (err: unknown) => {
        setError(errorMessage(err));
        setBusy(false);
      },
    );
  };
  return (
    <div className="banner sample-banner" data-testid="sample-banner">
      <strong>示例数据</strong>：这是{plan.city}
      {plan.year}年公开的一览表，仅供试用。
      <button type="button" className="link" data-testid="remove-sample" disabled={busy} onClick={() => setConfirming(true)}>
        {busy ? '正在删除…' : '删除示例数据'}
      </button>
      {error && (
        <span className="error" role="alert">
          {error}
        </span>
      )}
      {confirming && (
        <ConfirmDialog
          title="删除示例数据"
          message={`删除示例数据中${plan.year}年的 ${plan.targetCount} 项目标，连同其完成情况和导入记录？删除前会先备份当前数据，删除记入变更记录。`}
          confirmLabel="备份并删除"
          onConfirm={remove}
          onCancel={() => setConfirming(false)}
        />
      )}
    </div>
  );
}
