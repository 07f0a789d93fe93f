/**
 * What the review meeting goes through, in its order: the items behind, not green or flagged, grouped by
 * their (first) leader as the meeting is chaired leader by leader, each leader's items by serial.
 */
import type { Review, ReviewItem } from '../contract';

export interface MeetingEntry {
  leader: string;
  item: ReviewItem;
}

export const NO_LEADER = '（未定领导）';

export function needsDiscussion(i: ReviewItem): boolean {
  return i.status === 'behind' || i.light !== 'green' || i.flags.length > 0;
}

export function meetingItems(review: Pick<Review, 'items'>): MeetingEntry[] {
  const byLeader = new Map<string, ReviewItem[]>();
  for (const i of review.items.filter(needsDiscussion)) {
    const leader = i.lines.flatMap((l) => l.leaders)[0] ?? NO_LEADER;
    byLeader.set(leader, [...(byLeader.get(leader) ?? []), i]);
  }
  return [...byLeader].flatMap(([leader, items]) => [...items].sort((a, b) => a.serial - b.serial).map((item) => ({ leader, item })));
}
