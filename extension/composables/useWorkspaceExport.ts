import { describeError, exportFileName, exportMarkdown, exportWorkspaceJson, type MarkdownExportOptions } from '../../core/index.ts';
import { useWorkspaceStore } from '../stores/workspace.ts';
import { downloadText } from '../utils/download.ts';

/**
 * The downloads of the open workspace; built when asked for, not on every change.
 * Markdown comes with or without my private notebook, JSON always with it.
 */
export function useWorkspaceExport(): { downloadJson(): void; downloadMarkdown(options: MarkdownExportOptions): void } {
  const store = useWorkspaceStore();
  const download = (extension: 'json' | 'md', options: MarkdownExportOptions = { includePrivate: true }) => {
    const ctx = store.context();
    const name = store.active?.name;
    if (!ctx || !name) return;
    try {
      const text = extension === 'json'
        ? exportWorkspaceJson(ctx.doc, ctx.notebook, ctx.memberId)
        : exportMarkdown(ctx.doc, ctx.notebook, ctx.memberId, Date.now(), options);
      downloadText(exportFileName(name, extension), text, extension === 'json' ? 'application/json' : 'text/markdown');
    } catch (e) {
      store.error = `Could not export this workspace: ${describeError(e)}`;
    }
  };
  return { downloadJson: () => download('json'), downloadMarkdown: (options) => download('md', options) };
}
