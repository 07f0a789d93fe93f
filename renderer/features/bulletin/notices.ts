import type { Output } from '../../../shared/contract';
import type { Quarter } from '../../../shared/domain';
import { api } from '../../api';
import { download } from '../../app/download';

const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** Issues the 督办通知 of one unit (a .docx) or of every lagging unit (a zip) and hands the file to the browser. */
export async function issueNotices(year: number, quarter: Quarter, unit?: string): Promise<Output<'notices.issue'>> {
  const issued = await api['notices.issue']({ year, quarter, ...(unit ? { unit } : {}) });
  download(issued.fileName, issued.data, issued.fileName.endsWith('.zip') ? 'application/zip' : DOCX_TYPE);
  return issued;
}

export async function downloadBulletin(year: number, quarter: Quarter, date: string): Promise<void> {
  const file = await api['bulletin.export']({ year, quarter, date });
  download(file.fileName, file.data, DOCX_TYPE);
}
