/**
 * Tiny HTML helpers for route tests: the rows of a table found by its caption or id, as cell texts.
 */
export function text(html: string): string {
  return html
    .replace(/<span class="govuk-visually-hidden">[\s\S]*?<\/span>/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The tables of a page, each with its caption text and its rows of cell texts (visually hidden text left out). */
export function tables(html: string): { caption: string; id: string | null; html: string; rows: string[][] }[] {
  return [...html.matchAll(/<table\b([^>]*)>([\s\S]*?)<\/table>/g)].map((m) => {
    const body = m[2]!;
    const id = /\bid="([^"]+)"/.exec(m[1]!)?.[1] ?? null;
    const caption = text(/<caption[^>]*>([\s\S]*?)<\/caption>/.exec(body)?.[1] ?? '');
    const rows = [...body.matchAll(/<tr\b[^>]*>([\s\S]*?)<\/tr>/g)].map((r) =>
      [...r[1]!.matchAll(/<t[hd]\b[^>]*>([\s\S]*?)<\/t[hd]>/g)].map((c) => text(c[1]!)),
    );
    return { caption, id, html: body, rows };
  });
}

export function table(html: string, caption: string | RegExp) {
  const found = tables(html).find((t) => (typeof caption === 'string' ? t.caption.includes(caption) : caption.test(t.caption)));
  if (!found) throw new Error(`No table with caption ${caption}; captions: ${tables(html).map((t) => t.caption).join(' | ')}`);
  return found;
}
