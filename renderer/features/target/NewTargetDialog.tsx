import { useRef, useState } from 'react';
import type { Section, Target } from '../../../shared/contract';
import { api, errorField, errorMessage } from '../../api';
import { Dialog } from '../../components/Dialog';
import { NamesInput } from '../../components/NamesInput';
import { SectionSelect } from '../../components/Selects';
import { DEADLINE_SUGGESTIONS } from '../../app/format';

interface Props {
  year: number;
  nextSerial: number;
  sections: Section[];
  directory: { leaders: string[]; units: string[] };
  onCreated: (t: Target) => void;
  onClose: () => void;
}

const FIELDS = new Set(['serial', 'content', 'deadline', 'sectionId']);

/** A new target with its first line (分工); more lines and the progress are added in the target panel. */
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
  const contentField = useRef<HTMLTextAreaElement>(null);

  const submit = () => {
    const n = Number(serial.trim().replace(/[０-９]/g, (c) => String(c.charCodeAt(0) - 0xff10)));
    if (!Number.isInteger(n) || n <= 0) return setError({ field: 'serial', message: '序号必须是正整数' });
    // The store takes an empty content (an imported table may have lost one), but one typed here is a slip.
    if (content.trim() === '') {
      contentField.current?.focus();
      return setError({ field: 'content', message: '请填写责任目标内容' });
    }
    setBusy(true);
    setError(null);
    api['targets.create']({ year, serial: n, content: content.trim(), deadline: deadline.trim(), sectionId, assignments: [{ leaders, leadUnits, cooperatingUnits }] }).then(
      onCreated,
      (err: unknown) => {
        setBusy(false);
        const field = errorField(err) ?? '';
        setError({ field: FIELDS.has(field) ? field : '', message: errorMessage(err) });
      },
    );
  };

  const fieldError = (field: string) =>
    error?.field === field && (
      <span className="field-error" role="alert" data-field={field}>
        {error.message}
      </span>
    );

  return (
    <Dialog title={`新增${year}年责任目标`} onClose={onClose} wide initialFocus="textarea">
      <form
        className="fields"
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <label className="field narrow">
          序号
          <input inputMode="numeric" value={serial} aria-invalid={error?.field === 'serial' ? true : undefined} onChange={(e) => {
              setSerial(e.target.value);
              // A message about the serial goes once the serial is being corrected.
              if (error?.field === 'serial') setError(null);
            }} />
          {fieldError('serial')}
        </label>
        <label className="field narrow">
          完成时限
          <input value={deadline} list="deadline-options-new" onChange={(e) => setDeadline(e.target.value)} />
          <datalist id="deadline-options-new">
            {DEADLINE_SUGGESTIONS.map((d) => (
              <option key={d} value={d} />
            ))}
          </datalist>
          {fieldError('deadline')}
        </label>
        <label className="field">
          篇章
          <SectionSelect sections={sections} value={sectionId} emptyLabel="（未归入篇章）" onChange={setSectionId} />
          {fieldError('sectionId')}
        </label>
        <label className="field full">
          责任目标内容
          <textarea
            ref={contentField}
            rows={3}
            value={content}
            aria-invalid={error?.field === 'content' ? true : undefined}
            onChange={(e) => {
              setContent(e.target.value);
              if (error?.field === 'content') setError(null);
            }}
          />
          {fieldError('content')}
        </label>
        <fieldset className="full line-fieldset">
          <legend>分工（可在目标详情中继续添加）</legend>
          <NamesInput label="市政府领导" names={leaders} suggestions={directory.leaders} onChange={setLeaders} />
          <NamesInput label="牵头单位" names={leadUnits} suggestions={directory.units} onChange={setLeadUnits} />
          <NamesInput label="配合单位" names={cooperatingUnits} suggestions={directory.units} onChange={setCooperatingUnits} />
        </fieldset>
        {error && error.field === '' && (
          <p className="field-error full" role="alert">
            {error.message}
          </p>
        )}
        <div className="dialog-actions dialog-footer full">
          <button type="button" className="secondary" onClick={onClose}>
            取消
          </button>
          <button type="submit" disabled={busy}>
            {busy ? '正在创建…' : '创建'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
