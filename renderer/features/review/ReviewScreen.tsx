/**
 * The dashboard of the quarterly review (季度调度): counts by status and light with the change from the
 * previous quarter, each leader's, unit's and section's status mix, and the list of items behind or
 * flagged. Every number opens the items behind it. Meeting mode and the exported list start from here.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { QuarterLockInfo, Review, ReviewItem } from '../../../shared/contract';
import { quarterLabel, type Quarter } from '../../../shared/domain';
import { agendaEntries, agendaLabel, needsDiscussion } from '../../../shared/review/meeting';
import { api, errorMessage } from '../../api';
import { printPage, REVIEW_PAPER, usePrintable } from '../../app/print';
import { download } from '../../app/download';
import { Highlight } from './Highlight';
import { RedSince } from './LightHistory';
import { FLAG_LABELS, LIGHT_LABELS, LIGHT_ORDER, STATUS_LABELS, STATUS_ORDER, type Light, type Status } from './labels';
import { FocusLock } from '../../components/FocusLock';
import { AgendaDialog } from './AgendaDialog';
import { PublishDialog } from '../publish/PublishDialog';
import { MeetingMode } from './MeetingMode';
import { BulletinPreview } from '../bulletin/BulletinPreview';
import { issueNotices } from '../bulletin/notices';
import { Legend, PatternDefs, StatusBars } from './StatusBars';

interface Filter {
  status?: Status;
  light?: Light;
  contradiction?: boolean;
  leader?: string;
  unit?: string;
  section?: string;
  /** The items to discuss (behind, not green or flagged), or all. */
  all?: boolean;
}

type SortKey = 'serial' | 'light' | 'status' | 'leader';

function describeFilter(f: Filter): string {
  const parts = [f.leader && `市政府领导：${f.leader}`, f.unit && `牵头单位：${f.unit}`, f.section && `篇章：${f.section}`, f.status && STATUS_LABELS[f.status], f.light && LIGHT_LABELS[f.light], f.contradiction && '自报与数据不符'];
  const shown = parts.filter(Boolean).join('，');
  return shown || (f.all ? '全部目标' : '滞后及需关注的目标');
}

function matches(i: ReviewItem, f: Filter, sectionOf: (i: ReviewItem) => string): boolean {
  if (f.status && i.status !== f.status) return false;
  if (f.light && i.light !== f.light) return false;
  if (f.contradiction && !i.flags.includes('contradiction')) return false;
  if (f.leader && !i.lines.some((l) => l.leaders.includes(f.leader!))) return false;
  if (f.unit && !i.lines.some((l) => l.leadUnits.includes(f.unit!))) return false;
  if (f.section && sectionOf(i) !== f.section) return false;
  const narrowed = f.status || f.light || f.contradiction;
  return narrowed || f.all ? true : needsDiscussion(i);
}

function Delta({ now, before }: { now: number; before: number | undefined }) {
  if (before === undefined) return null;
  const d = now - before;
  return <span className={`delta${d > 0 ? ' up' : d < 0 ? ' down' : ''}`}>较上季度 {d > 0 ? `+${d}` : d === 0 ? '持平' : d}</span>;
}

interface Props {
  year: number;
  quarter: Quarter;
  sections: { id: number; name: string }[];
  /** The quarter's publication, when it is published: the review is where a quarter is often signed off. */
  lock: QuarterLockInfo | undefined;
  onLocksChanged: (message: string) => void;
  onClose: () => void;
}

export function ReviewScreen({ year, quarter, sections, lock, onLocksChanged, onClose }: Props) {
  const [review, setReview] = useState<Review | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [filter, setFilter] = useState<Filter>({});
  const [sort, setSort] = useState<{ key: SortKey; desc: boolean }>({ key: 'light', desc: false });
  const [meeting, setMeeting] = useState<number | null>(null);
  const [bulletin, setBulletin] = useState(false);
  const [choosingAgenda, setChoosingAgenda] = useState(false);
  const [publishing, setPublishing] = useState(false);
  const [noticeMessage, setNoticeMessage] = useState<string | null>(null);
  usePrintable(REVIEW_PAPER);

  const load = useCallback(() => api['review.get']({ year, quarter }).then(setReview, (err: unknown) => setError(errorMessage(err))), [year, quarter]);
  useEffect(() => {
    void load();
  }, [load]);

  const sectionName = useMemo(() => new Map(sections.map((s) => [s.id, s.name])), [sections]);
  const agenda = review && agendaLabel(review.agenda, agendaEntries(review, review.agenda).length, (id) => sectionName.get(id));
  const sectionOf = useCallback((i: ReviewItem) => (i.sectionId === null ? '未归入篇章' : (sectionName.get(i.sectionId) ?? '未归入篇章')), [sectionName]);

  const rows = useMemo(() => {
    if (!review) return [];
    const picked = review.items.filter((i) => matches(i, filter, sectionOf));
    const leaderOf = (i: ReviewItem) => i.lines.flatMap((l) => l.leaders)[0] ?? '';
    const cmp: Record<SortKey, (a: ReviewItem, b: ReviewItem) => number> = {
      serial: (a, b) => a.serial - b.serial,
      light: (a, b) => LIGHT_ORDER.indexOf(a.light) - LIGHT_ORDER.indexOf(b.light) || a.serial - b.serial,
      status: (a, b) => STATUS_ORDER.indexOf(a.status) - STATUS_ORDER.indexOf(b.status) || a.serial - b.serial,
      leader: (a, b) => leaderOf(a).localeCompare(leaderOf(b), 'zh-CN') || a.serial - b.serial,
    };
    const sorted = [...picked].sort(cmp[sort.key]);
    return sort.desc ? sorted.reverse() : sorted;
  }, [review, filter, sort, sectionOf]);

  const pick = (f: Filter) => setFilter(f);
  const header = (key: SortKey, label: string) => (
    <th aria-sort={sort.key === key ? (sort.desc ? 'descending' : 'ascending') : 'none'}>
      <button type="button" className="link" onClick={() => setSort((s) => ({ key, desc: s.key === key ? !s.desc : false }))}>
        {label}
        {sort.key === key ? (sort.desc ? ' ▼' : ' ▲') : ''}
      </button>
    </th>
  );

  const contradictions = review?.items.filter((i) => i.flags.includes('contradiction')).length ?? 0;

  return (
    <FocusLock onEscape={onClose}>
    <div className="review-screen" tabIndex={-1} role="dialog" aria-modal="true" aria-label="季度调度评估" data-testid="review-screen">
      <PatternDefs />
      <header className="review-head">
        <h2>
          {year}年{quarterLabel(quarter)}调度评估
        </h2>
        <span className="spacer" />
        <button type="button" className="secondary agenda-open" data-testid="agenda-open" title="选择会议逐项讨论的事项" disabled={!review} onClick={() => setChoosingAgenda(true)}>
          {agenda ?? '议程'}
        </button>
        <button type="button" data-testid="meeting-start" disabled={!review} onClick={() => setMeeting(0)}>
          会议模式
        </button>
        <button type="button" className="secondary" data-testid="bulletin-open" disabled={!review} onClick={() => setBulletin(true)}>
          督查通报
        </button>
        <button
          type="button"
          className="secondary"
          disabled={!review}
          onClick={() => api['review.export']({ year, quarter }).then((r) => download(r.fileName, r.data), (err: unknown) => setError(errorMessage(err)))}
        >
          导出调度清单
        </button>
        <button type="button" className="secondary" data-testid="review-publish" onClick={() => setPublishing(true)}>
          {lock ? '已发布（已锁定）…' : '发布并锁定…'}
        </button>
        <button type="button" className="secondary" data-testid="review-print" onClick={() => void printPage(REVIEW_PAPER).catch((err: unknown) => setError(errorMessage(err)))}>
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
      {review && (
        <div className="review-body">
          <section className="tiles" data-testid="review-tiles">
            {STATUS_ORDER.map((s) => (
              <button key={s} type="button" className={`tile status-${s}`} data-testid={`tile-${s}`} onClick={() => pick({ status: s })}>
                <span className="tile-label">{STATUS_LABELS[s]}</span>
                <span className="tile-number">{review.counts.statuses[s]}</span>
                <Delta now={review.counts.statuses[s]} before={review.previousCounts?.statuses[s]} />
              </button>
            ))}
            {LIGHT_ORDER.map((l) => (
              <button key={l} type="button" className={`tile light-${l}`} data-testid={`tile-${l}`} onClick={() => pick({ light: l })}>
                <span className="tile-label">
                  <span className={`light-dot ${l}`} aria-hidden="true" />
                  {LIGHT_LABELS[l]}
                </span>
                <span className="tile-number">{review.counts.lights[l]}</span>
                <Delta now={review.counts.lights[l]} before={review.previousCounts?.lights[l]} />
              </button>
            ))}
            <button type="button" className="tile flag" data-testid="tile-contradiction" onClick={() => pick({ contradiction: true })}>
              <span className="tile-label">自报与数据不符</span>
              <span className="tile-number">{contradictions}</span>
            </button>
          </section>
          <Legend />
          <div className="bar-groups">
            <StatusBars title="按市政府领导" testId="bars-leader" groups={review.byLeader} onPick={(leader, status) => pick({ leader, status })} />
            <StatusBars title="按牵头单位" testId="bars-unit" groups={review.byUnit} onPick={(unit, status) => pick({ unit, status })} />
            <StatusBars title="按篇章" testId="bars-section" groups={review.bySection} onPick={(section, status) => pick({ section, status })} />
          </div>
          <section className="review-list">
            <div className="review-list-head">
              <h3 data-testid="review-list-title">
                {describeFilter(filter)}（{rows.length} 项）
              </h3>
              <label>
                <input type="checkbox" checked={filter.all === true} onChange={(e) => setFilter({ ...filter, all: e.target.checked })} /> 显示全部目标
              </label>
              {Object.keys(filter).length > 0 && (
                <button type="button" className="link" onClick={() => setFilter({})}>
                  清除条件
                </button>
              )}
              {filter.unit && rows.some((i) => i.lines.some((l) => l.leadUnits.includes(filter.unit!) && (l.status === 'behind' || l.flags.includes('contradiction')))) && (
                <button
                  type="button"
                  className="secondary"
                  data-testid="notice-unit"
                  onClick={() =>
                    issueNotices(year, quarter, filter.unit).then(
                      (r) => setNoticeMessage(`已生成${filter.unit}的督办通知（第${r.notices[0]!.serials.join('、')}项），已记入督办记录。`),
                      (err: unknown) => setError(errorMessage(err)),
                    )
                  }
                >
                  给{filter.unit}发督办通知
                </button>
              )}
              {noticeMessage && (
                <span role="status" className="muted" data-testid="notice-message">
                  {noticeMessage}
                </span>
              )}
            </div>
            <table className="review-table" data-testid="review-table">
              <thead>
                <tr>
                  {header('serial', '序号')}
                  <th>责任目标内容</th>
                  {header('leader', '市政府领导')}
                  {header('status', '状态')}
                  {header('light', '预警')}
                  <th>判断依据</th>
                  <th>提示</th>
                  <th>督办意见</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((i) => (
                  <tr key={i.targetId} data-serial={i.serial} data-testid="review-row">
                    <td className="num">{i.serial}</td>
                    <td className="content">
                      <Highlight text={i.content} spans={i.goalSpans} />
                    </td>
                    <td>{[...new Set(i.lines.flatMap((l) => l.leaders))].join('、')}</td>
                    <td>
                      <span className={`status-chip status-${i.status}`}>{STATUS_LABELS[i.status]}</span>
                      {i.previous && i.previous.status !== i.status && <div className="muted small">上季度：{STATUS_LABELS[i.previous.status]}</div>}
                    </td>
                    <td>
                      <span className={`light-dot ${i.light}`} aria-hidden="true" /> {LIGHT_LABELS[i.light]}
                      <RedSince history={i.history} />
                    </td>
                    <td className="rule">{i.rule}</td>
                    <td>
                      {i.flags.map((f) => (
                        <span key={f} className={`flag-chip flag-${f}`}>
                          {FLAG_LABELS[f]}
                        </span>
                      ))}
                    </td>
                    <td className="note">{i.note}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        </div>
      )}
      {bulletin && <BulletinPreview year={year} quarter={quarter} onClose={() => setBulletin(false)} />}
      {choosingAgenda && review && (
        <AgendaDialog
          review={review}
          sections={sections}
          onClose={() => setChoosingAgenda(false)}
          onSaved={(saved) => {
            setReview((r) => r && { ...r, agenda: saved });
            setChoosingAgenda(false);
          }}
        />
      )}
      {publishing && (
        <PublishDialog
          year={year}
          quarter={quarter}
          lock={lock}
          onClose={() => setPublishing(false)}
          onChanged={(message) => {
            setPublishing(false);
            onLocksChanged(message);
          }}
        />
      )}
      {meeting !== null && review && (
        <MeetingMode
          review={review}
          sections={sections}
          start={meeting}
          onNoteSaved={() => void load()}
          onClose={() => {
            setMeeting(null);
            void load();
          }}
        />
      )}
    </div>
    </FocusLock>
  );
}
