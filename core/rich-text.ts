import * as Y from 'yjs';

/**
 * Rich-text bodies are `Y.XmlFragment`s in the layout the editor's schema uses:
 * block elements (`paragraph`, `heading`, `bulletList` > `listItem` > `paragraph`)
 * holding `Y.XmlText` runs whose marks are text attributes.
 */
const BLOCKS = new Set(['paragraph', 'heading', 'listItem', 'blockquote', 'codeBlock']);

function textOf(node: Y.XmlElement | Y.XmlText | Y.XmlFragment, lines: string[]): void {
  if (node instanceof Y.XmlText) {
    const run = node.toDelta().map((op: { insert?: unknown }) => (typeof op.insert === 'string' ? op.insert : '')).join('');
    lines[lines.length - 1] += run;
    return;
  }
  const block = node instanceof Y.XmlElement && BLOCKS.has(node.nodeName);
  if (block && node.nodeName !== 'listItem') lines.push('');
  for (const child of node.toArray()) {
    if (child instanceof Y.XmlElement || child instanceof Y.XmlText) textOf(child, lines);
  }
}

/** The plain text of a rich-text body: one line per paragraph, heading or list entry, marks dropped. */
export function richTextToPlain(fragment: Y.XmlFragment): string {
  const lines: string[] = [''];
  textOf(fragment, lines);
  return lines.slice(1).join('\n');
}

/**
 * Appends `text` to a rich-text body, one paragraph per line. Call inside a
 * transaction, on a fragment that is already part of a doc.
 */
export function appendPlainParagraphs(fragment: Y.XmlFragment, text: string): void {
  const paragraphs = text.split(/\r?\n/).map((line) => {
    const paragraph = new Y.XmlElement('paragraph');
    if (line.length > 0) paragraph.insert(0, [new Y.XmlText(line)]);
    return paragraph;
  });
  fragment.insert(fragment.length, paragraphs);
}
