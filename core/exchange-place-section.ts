import type { ExchangeContext, ExchangeSection } from './exchange.ts';
import type { Place } from './visibility.ts';

/**
 * An export section for a concept that lives both in the shared doc and in my
 * private notebook and reads the same way in each (notes, goals, logs...): one
 * reader, one Markdown renderer, and a heading for each half.
 */
export function placeSection(
  id: string,
  read: (place: Place) => unknown,
  markdown: (place: Place, heading: string, ctx: ExchangeContext) => string[],
  headings: { shared: string; private: string },
): ExchangeSection {
  return {
    id,
    readShared: read,
    readPrivate: read,
    markdownShared: (doc, ctx) => markdown(doc, headings.shared, ctx),
    markdownPrivate: (notebook, ctx) => markdown(notebook, headings.private, ctx),
  };
}
