/**
 * What the review meeting goes through, in its order. By default the items behind, not green or flagged;
 * the clerk may choose instead one leader's targets, one section's (篇章) or items picked one by one
 * (MeetingAgenda). Items are grouped by their (first) leader as the meeting is chaired leader by leader,
 * each leader's items by serial; a leader's agenda is that leader's targets by serial, under that leader.
 */
import type { MeetingAgenda, Review, ReviewItem } from '../contract';

export interface MeetingEntry {
  leader: string;
  item: ReviewItem;
}

export const NO_LEADER = '（未定领导）';
export const NO_SECTION = '未归入篇章';
export const DEFAULT_AGENDA: MeetingAgenda = { kind: 'lagging' };

export function needsDiscussion(i: ReviewItem): boolean {
  return i.status === 'behind' || i.light !== 'green' || i.flags.length > 0;
}

const bySerial = (a: ReviewItem, b: ReviewItem) => a.serial - b.serial;

function byFirstLeader(items: ReviewItem[]): MeetingEntry[] {
  const byLeader = new Map<string, ReviewItem[]>();
  for (const i of items) {
    const leader = i.lines.flatMap((l) => l.leaders)[0] ?? NO_LEADER;
    byLeader.set(leader, [...(byLeader.get(leader) ?? []), i]);
  }
  return [...byLeader].flatMap(([leader, group]) => [...group].sort(bySerial).map((item) => ({ leader, item })));
}

/** The items of an agenda, in the meeting's order. A picked target deleted since is left out. */
export function agendaEntries(review: Pick<Review, 'items'>, agenda: MeetingAgenda): MeetingEntry[] {
  switch (agenda.kind) {
    case 'lagging':
      return byFirstLeader(review.items.filter(needsDiscussion));
    case 'leader':
      // A target shared by two leaders is on each one's agenda, shown under the leader chairing.
      return review.items
        .filter((i) => i.lines.some((l) => l.leaders.includes(agenda.leader)))
        .sort(bySerial)
        .map((item) => ({ leader: agenda.leader, item }));
    case 'section':
      return byFirstLeader(review.items.filter((i) => i.sectionId === agenda.sectionId));
    case 'picked': {
      const picked = new Set(agenda.targetIds);
      return byFirstLeader(review.items.filter((i) => picked.has(i.targetId)));
    }
  }
}

/** The default agenda: what the meeting has always gone through, and what the 调度清单 lists. */
export function meetingItems(review: Pick<Review, 'items'>): MeetingEntry[] {
  return agendaEntries(review, DEFAULT_AGENDA);
}

/** The agenda as the page names it, without the count: 张三分管的目标, 篇章「…」的目标, 选定的目标. */
export function agendaName(agenda: MeetingAgenda, sectionName: (id: number) => string | undefined): string {
  switch (agenda.kind) {
    case 'lagging':
      return '滞后及需关注的事项';
    case 'leader':
      return `${agenda.leader}分管的目标`;
    case 'section':
      return agenda.sectionId === null ? `${NO_SECTION}的目标` : `篇章「${sectionName(agenda.sectionId) ?? '已删除的篇章'}」的目标`;
    case 'picked':
      return '选定的目标';
  }
}

/** 议程：张三分管的目标（12项） */
export function agendaLabel(agenda: MeetingAgenda, count: number, sectionName: (id: number) => string | undefined): string {
  return `议程：${agendaName(agenda, sectionName)}（${count}项）`;
}
