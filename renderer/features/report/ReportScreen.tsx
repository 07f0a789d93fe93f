/**
 * 报告分解: the year's work report as the start of its cycle. Import the report (.docx, .txt or pasted),
 * work the candidate targets, link the existing targets to their clauses, see what the targets cover, keep
 * the keyword table, and at year end carry the unfinished targets into next year.
 */
import { useCallback, useEffect, useState } from 'react';
import type { Output } from '../../../shared/contract';
import { api, ApiError } from '../../api';
import { ConfirmDialog } from '../../components/Dialog';
import { FocusLock } from '../../components/FocusLock';
import { CandidatesTab } from './CandidatesTab';
import { CoverageTab } from './CoverageTab';
import { KeywordsTab } from './KeywordsTab';
import { LinksTab } from './LinksTab';
import { useRun } from '../../app/useRun';
import './report.css';

type Tab = 'candidates' | 'links' | 'coverage' | 'keywords' | 'import';

const TABS: [Tab, string][] = [
  ['candidates', '候选目标'],
  ['links', '关联已有目标'],
  ['coverage', '覆盖情况'],
  ['keywords', '关键词与单位'],
  ['import', '导入报告'],
];

function toBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(new Error(`无法读取文件“${file.name}”。`));
    reader.readAsDataURL(file);
  });
}

function ImportForm({ year, onImported }: { year: number; onImported: (s: Output<'report.import'>) => void }) {
  const [text, setText] = useState('');
  const { busy, error, run } = useRun();
  return (
    <div className="report-body" data-testid="report-import">
      <p>导入{year}年的政府工作报告：选择 Word 文档（.docx）或文本文件（.txt），或把报告文字粘贴到下面。导入后按部分、章节、“一是/二是”和句子分解，提出候选目标。</p>
      {error && (
        <p className="field-error" role="alert" data-testid="report-import-error">
          {error}
        </p>
      )}
      <div className="report-toolbar">
        <label className="secondary button-like">
          选择文件（.docx 或 .txt）…
          <input
            type="file"
            accept=".docx,.txt"
            data-testid="report-file"
            className="visually-hidden"
            disabled={busy}
            onChange={(e) => {
              const file = e.target.files?.[0];
              if (!file) return;
              run(
                toBase64(file).then((data) => api['report.import']({ year, name: file.name, data })),
                onImported,
              );
            }}
          />
        </label>
      </div>
      <textarea aria-label="报告文字" data-testid="report-paste" rows={10} value={text} onChange={(e) => setText(e.target.value)} placeholder="或在此粘贴报告全文" />
      <div className="report-toolbar">
        <button type="button" data-testid="report-import-text" disabled={busy || text.trim() === ''} onClick={() => run(api['report.import']({ year, text, name: '粘贴的文字' }), onImported)}>
          导入粘贴的文字
        </button>
      </div>
    </div>
  );
}

export function ReportScreen({ year, onClose, onChanged }: { year: number; onClose: () => void; onChanged: () => void }) {
  const [tab, setTab] = useState<Tab>('candidates');
  const [hasReport, setHasReport] = useState<boolean | null>(null);
  const [stamp, setStamp] = useState(0);
  const [summary, setSummary] = useState<string | null>(null);
  const [confirmCarry, setConfirmCarry] = useState(false);
  const { error, run, setError } = useRun();

  useEffect(() => {
    api['report.coverage']({ year }).then(
      () => setHasReport(true),
      (err: unknown) => {
        if (err instanceof ApiError && err.code === 'not-found') {
          setHasReport(false);
          setTab('import');
        } else setError(String((err as Error).message));
      },
    );
  }, [year, setError]);

  const changed = useCallback(() => {
    setStamp((n) => n + 1);
    onChanged();
  }, [onChanged]);

  // A full-screen view like the import's: the keyboard stays inside it, Esc closes it, the focus goes back.
  return (
    <FocusLock onEscape={onClose}>
    <div className="report-screen" role="dialog" aria-modal="true" aria-label="报告分解" data-testid="report-screen">
      <header className="drawer-header">
        <div className="tabs" role="tablist">
          {TABS.map(([value, label]) => (
            <button key={value} type="button" role="tab" aria-selected={tab === value} className={tab === value ? 'tab active' : 'tab'} disabled={value !== 'import' && value !== 'keywords' && hasReport !== true} onClick={() => setTab(value)}>
              {label}
            </button>
          ))}
        </div>
        <span className="muted">{year}年政府工作报告</span>
        <button type="button" className="secondary" data-testid="carry-over" onClick={() => setConfirmCarry(true)}>
          年终结转到{year + 1}年
        </button>
        <button type="button" className="icon" aria-label="关闭" onClick={onClose}>
          ×
        </button>
      </header>
      {error && (
        <div className="banner error" role="alert">
          {error}
        </div>
      )}
      {summary && (
        <div className="banner" role="status" data-testid="report-summary">
          {summary}
        </div>
      )}
      {tab === 'import' && (
        <ImportForm
          year={year}
          onImported={(s) => {
            setHasReport(true);
            setSummary(`已导入 ${s.fileName}：${s.parts} 个部分、${s.sections} 个章节、${s.items} 个分项、${s.sentences} 句；主要预期目标 ${s.indicators} 项，民生实事 ${s.projects} 项；候选目标 ${s.candidates} 条。`);
            setTab('candidates');
            changed();
          }}
        />
      )}
      {tab === 'candidates' && hasReport && <CandidatesTab year={year} stamp={stamp} onChanged={changed} />}
      {tab === 'links' && hasReport && <LinksTab year={year} stamp={stamp} onChanged={changed} />}
      {tab === 'coverage' && hasReport && <CoverageTab year={year} stamp={stamp} />}
      {tab === 'keywords' && <KeywordsTab />}
      {confirmCarry && (
        <ConfirmDialog
          title="年终结转"
          message={`把${year}年未完成和“长期坚持”的责任目标复制到${year + 1}年（不含完成情况），每项保留与${year}年原目标的关联。已结转过的不会重复复制。`}
          confirmLabel="结转"
          onCancel={() => setConfirmCarry(false)}
          onConfirm={() => {
            setConfirmCarry(false);
            run(api['plans.carryOver']({ from: year, to: year + 1 }), (r) => {
              setSummary(`已结转 ${r.carried} 项到${r.year}年（${r.finished} 项已完成，未结转）。`);
              onChanged();
            });
          }}
        />
      )}
    </div>
    </FocusLock>
  );
}
