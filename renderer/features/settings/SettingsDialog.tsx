import { useEffect, useState } from 'react';
import type { Settings } from '../../../shared/contract';
import { api, errorMessage } from '../../api';
import { Dialog } from '../../components/Dialog';

export function SettingsDialog({ storePath, onClose }: { storePath: string; onClose: () => void }) {
  const [settings, setSettings] = useState<Settings | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api['settings.get']({}).then(setSettings, (err: unknown) => setError(errorMessage(err)));
  }, []);
  return (
    <Dialog title="设置" onClose={onClose}>
      {settings && (
        <form
          className="fields"
          onSubmit={(e) => {
            e.preventDefault();
            api['settings.update'](settings).then(onClose, (err: unknown) => setError(errorMessage(err)));
          }}
        >
          <label className="field full">
            使用人（记入变更记录）
            <input value={settings.userName} onChange={(e) => setSettings({ ...settings, userName: e.target.value })} />
          </label>
          <label className="field full">
            城市名称（用于表格标题）
            <input value={settings.city} onChange={(e) => setSettings({ ...settings, city: e.target.value })} />
          </label>
          <p className="muted full">数据文件：{storePath}</p>
          {error && <p className="field-error full">{error}</p>}
          <div className="dialog-actions full">
            <button type="button" className="secondary" onClick={onClose}>
              取消
            </button>
            <button type="submit">保存</button>
          </div>
        </form>
      )}
      {!settings && error && <p className="field-error">{error}</p>}
    </Dialog>
  );
}
