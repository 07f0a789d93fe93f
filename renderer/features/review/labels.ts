/** Words and marks of the review as the office uses them, shared by the dashboard and meeting mode. */
import type { ReviewItem } from '../../../shared/contract';
export { FLAG_LABELS, LIGHT_LABELS, STATUS_LABELS } from '../../../shared/review/status';

export type Status = ReviewItem['status'];
export type Light = ReviewItem['light'];

/** Worst first, as the counts and bars are read. */
export const STATUS_ORDER: Status[] = ['behind', 'not-reported', 'on-pace', 'ahead', 'done', 'ongoing'];
export const LIGHT_ORDER: Light[] = ['red', 'yellow', 'green'];
