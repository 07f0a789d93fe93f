/**
 * The 一览表's own title above the table (菏泽市人民政府2023年经济社会发展责任目标三季度工作推进情况一览表),
 * worded as the export words it (设置 › 导出一览表的文字), so the screen reads as the table it publishes.
 */
import { useEffect, useState } from 'react';
import type { Quarter } from '../../../shared/domain';
import { DEFAULT_WORDING, fillWording } from '../../../shared/wording';
import { api } from '../../api';

export function OverviewTitle({ city, year, quarter, count, stamp }: { city: string; year: number; quarter: Quarter; count: number; stamp: number }) {
  const [template, setTemplate] = useState(DEFAULT_WORDING.title);
  useEffect(() => {
    api['settings.get']({}).then(
      (s) => setTemplate(s.exportTitle),
      () => undefined,
    );
  }, [stamp]);
  return (
    <h2 className="overview-title" data-testid="overview-title">
      {fillWording(template, { city, year, quarter, count })}
    </h2>
  );
}
