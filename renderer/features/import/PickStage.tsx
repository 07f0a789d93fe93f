/** The first stage: a drop zone that also picks files, and a folder picker (the desktop's own dialogs there). */
import { useState } from 'react';
import { WORKBOOK_EXTENSIONS } from '../../../shared/dropped';
import { desktop } from '../../app/shell';

interface Props {
  onDrop: (transfer: DataTransfer) => void;
  onChoose: (list: FileList | null) => void;
  onPickNative: (how: 'files' | 'folder') => void;
}

export function PickStage({ onDrop, onChoose, onPickNative }: Props) {
  const [dragging, setDragging] = useState(false);
  return (
    <>
      <label
        className={`drop-zone${dragging ? ' dragging' : ''}`}
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={(e) => {
          e.preventDefault();
          setDragging(false);
          onDrop(e.dataTransfer);
        }}
        onClick={(e) => {
          // The desktop picks in its own dialog (and remembers the pick in 最近打开).
          if (!desktop) return;
          e.preventDefault();
          onPickNative('files');
        }}
      >
        <strong>把表格、Word 报送或整个文件夹拖到这里，或点击选择文件</strong>
        <span className="muted">可一次选择多个文件：上季度的一览表、各单位报送的模板或 Word 报送（.xlsx、.xls、.et、.ods、.docx）；读取前列出要读的文件，其他文件跳过并说明原因</span>
        <span className="pick-files">选择文件…</span>
        <input type="file" accept={WORKBOOK_EXTENSIONS.map((e) => `.${e}`).join(',')} multiple data-testid="import-files" className="visually-hidden" onChange={(e) => onChoose(e.target.files)} />
      </label>
      {desktop ? (
        <button type="button" className="secondary pick-folder" data-testid="import-folder" onClick={() => onPickNative('folder')}>
          选择文件夹…
        </button>
      ) : (
        <label className="secondary pick-folder button-like">
          选择文件夹…
          <input type="file" data-testid="import-folder" className="visually-hidden" {...{ webkitdirectory: '', directory: '' }} onChange={(e) => onChoose(e.target.files)} />
        </label>
      )}
    </>
  );
}
