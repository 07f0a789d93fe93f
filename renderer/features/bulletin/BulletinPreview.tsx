/**
 * 督查通报 preview (from 调度评估): the draft the .docx will hold, rendered from the same model, on A4 pages
 * that print as they show (bulletin.css); the signing date, 保存为Word, 打印, and the 督办通知 to every lagging
 * unit with the list of those sent and their replies.
 */
import { useEffect, useState } from 'react';
import { createPortal } from 'react-dom';
import type { BulletinDraftInfo } from '../../../shared/contract';
import { quarterLabel, type Quarter } from '../../../shared/domain';
import { api, errorMessage } from '../../api';
import { BULLETIN_PAPER, printPage, usePrintable } from '../../app/print';
import { todayIso } from '../../app/format';
import { FocusLock } from '../../components/FocusLock';
import { DraftPage } from './DraftPage';
import { NoticesList } from './NoticesList';
import { downloadBulletin, issueNotices } from './notices';
import './bulletin.css';

export function BulletinPreview({ year, quarter, onClose }: { year: number; quarter: Quarter; onClose: () => void }) {
  const [date, setDate] = useState(todayIso());
  const [draft, setDraft] = useState<BulletinDraftInfo | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [issued, setIssued] = useState(0);
  const [busy, setBusy] = useState(false);
  usePrintable(BULLETIN_PAPER);
  useEffect(() => {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return;
    api['bulletin.draft']({ year, quarter, date }).then(setDraft, (err: unknown) => setError(errorMessage(err)));
  }, [year, quarter, date]);
  const act = (work: () => Promise<unknown>, done?: string) => {
    setBusy(true);
    setError(null);
    setMessage(null);
    work().then(
      () => {
        if (done) setMessage(done);
      },
      (err: unknown) => setError(errorMessage(err)),
    ).finally(() => setBusy(false));
  };
  const units = draft ? [...new Set(draft.lagging.flatMap((e) => e.units))] : [];
  // Outside the app's tree (a portal into <body>), so that printing can leave the whole app out and let the
  // pages flow: inside the review's fixed, full-window layout only the first page would print.
  return createPortal(
    <FocusLock onEscape={onClose}>
      <div className="bulletin-screen" tabIndex={-1} role="dialog" aria-modal="true" aria-label="督查通报" data-testid="bulletin-preview">
        <header className="review-head bulletin-head">
          <h2>
            {year}年{quarterLabel(quarter)}督查通报（预览）
          </h2>
          <label>
            成文日期 <input type="date" data-testid="bulletin-date" value={date} onChange={(e) => setDate(e.target.value)} />
          </label>
          <span className="spacer" />
          <button type="button" data-testid="bulletin-save" disabled={!draft || busy} onClick={() => act(() => downloadBulletin(year, quarter, date))}>
            保存为Word
          </button>
          <button
            type="button"
            className="secondary"
            data-testid="notices-all"
            disabled={!draft || busy || units.length === 0}
            onClick={() =>
              act(async () => {
                const r = await issueNotices(year, quarter);
                setIssued((n) => n + 1);
                setMessage(`已生成 ${r.notices.length} 份督办通知（${r.notices.map((n) => n.unit).join('、')}），已记入督办记录。`);
              })
            }
          >
            全部滞后单位的督办通知（{units.length}）
          </button>
          <button type="button" className="secondary" onClick={() => void printPage(BULLETIN_PAPER).catch((err: unknown) => setError(errorMessage(err)))}>
            打印
          </button>
          <button type="button" className="icon" aria-label="关闭" onClick={onClose}>
            ×
          </button>
        </header>
        {error && (
          <p className="banner error" role="alert">
            {error}
          </p>
        )}
        {message && (
          <p className="banner" role="status" data-testid="bulletin-message">
            {message}
          </p>
        )}
        <div className="bulletin-body">
          {draft && <DraftPage blocks={draft.blocks} />}
          <NoticesList year={year} quarter={quarter} refresh={issued} />
        </div>
      </div>
    </FocusLock>,
    document.body,
  );
}
