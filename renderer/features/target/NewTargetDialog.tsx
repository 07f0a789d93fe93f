import { useState } from 'react';
import type { Section, Target } from '../../../shared/contract';
import { api, ApiError, errorMessage } from '../../api';
import { Dialog } from '../../components/Dialog';
import { NamesInput } from '../../components/NamesInput';
import { SectionSelect } from '../../components/Selects';

interface Props {
  year: number;
  nextSerial: number;
  sections: Section[];
  directory: { leaders: string[]; units: string[] };
  onCreated: (t: Target) => void;
  onClose: () => void;
}

export function NewTargetDialog({ year, nextSerial, sections, directory, onCreated, onClose }: Props) {
  const [serial, setSerial] = useState(String(nextSerial));
  const [content, setContent] = useState('');
  const [deadline, setDeadline] = useState('年底');
  const [sectionId, setSectionId] = useState<number | null>(null);
  const [leaders, setLeaders] = useState<string[]>([]);
  const [leadUnits, setLeadUnits] = useState<string[]>([]);
  const [cooperatingUnits, setCooperatingUnits] = useState<string[]>([]);
  const [error, setError] = useState<{ field: string; message: string } | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = () => {
    const n = Number(serial.trim());
    if (!Number.isInteger(n) || n <= 0) return setError({ field: 'serial', message: '序号必须是正整数' });
    setBusy(true);
    api['targets.create']({ year, serial: n, content, deadline, sectionId, assignments: [{ leaders, leadUnits, cooperatingUnits }] }).then(onCreated, (err: unknown) => {
      setBusy(false);
      setError({ field: err instanceof ApiError ? (err.where?.field ?? '') : '', message: errorMessage(err) });
    });
  };

  return (
    <Dialog title={`新增${year}年责任目标`} onClose={onClose} wide>
      <form
        className="fields"
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <label className="field narrow">
          序号
          <input inputMode="numeric" value={serial} onChange={(e) => setSerial(e.target.value)} />
          {error?.field === 'serial' && <span className="field-error">{error.message}</span>}
        </label>
        <label className="field narrow">
          完成时限
          <input value={deadline} list="deadline-options-new" onChange={(e) => setDeadline(e.target.value)} />
          <datalist id="deadline-options-new">
            {['年底', '长期坚持', '6月底前', '9月底前'].map((d) => (
              <option key={d} value={d} />
            ))}
          </datalist>
        </label>
        <label className="field">
          篇章
          <SectionSelect sections={sections} value={sectionId} emptyLabel="（未归入篇章）" onChange={setSectionId} />
        </label>
        <label className="field full">
          责任目标内容
          <textarea rows={3} value={content} onChange={(e) => setContent(e.target.value)} />
        </label>
        <div className="full">
          <NamesInput label="市政府领导" names={leaders} suggestions={directory.leaders} onChange={setLeaders} />
          <NamesInput label="牵头单位" names={leadUnits} suggestions={directory.units} onChange={setLeadUnits} />
          <NamesInput label="配合单位" names={cooperatingUnits} suggestions={directory.units} onChange={setCooperatingUnits} />
        </div>
        {error && error.field !== 'serial' && <p className="field-error full">{error.message}</p>}
        <div className="dialog-actions full">
          <button type="button" className="secondary" onClick={onClose}>
            取消
          </button>
          <button type="submit" disabled={busy}>
            创建
          </button>
        </div>
      </form>
    </Dialog>
  );
}
