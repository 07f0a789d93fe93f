/**
 * The HTML rendering of an official draft: the same blocks the .docx writer writes (shared/bulletin/draft),
 * set on an A4 page with the document's fonts, so the preview says what the file will say.
 */
import type { BulletinDraftInfo } from '../../../shared/contract';

type Block = BulletinDraftInfo['blocks'][number];

function BlockView({ block }: { block: Block }) {
  switch (block.kind) {
    case 'title':
      return <h1 className="doc-title">{block.text}</h1>;
    case 'recipients':
      return <p className="doc-recipients">{block.text}</p>;
    case 'heading1':
      return <h2 className="doc-h1">{block.text}</h2>;
    case 'heading2':
      return <h3 className="doc-h2">{block.text}</h3>;
    case 'paragraph':
      return (
        <p className="doc-p">
          {block.lead && <span className="doc-lead">{block.lead}</span>}
          {block.text}
        </p>
      );
    case 'signature':
      return <p className="doc-signature">{block.text}</p>;
    case 'date':
      return <p className="doc-date">{block.text}</p>;
  }
}

export function DraftPage({ blocks }: { blocks: Block[] }) {
  return (
    <article className="doc-page" data-testid="draft-page">
      {blocks.map((b, i) => (
        <BlockView key={i} block={b} />
      ))}
    </article>
  );
}
