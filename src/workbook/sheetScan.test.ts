import { describe, expect, it } from 'vitest';
import { scanSheetData } from './sheetScan.ts';
import { parseXml, type XmlHandlers } from './xlsxParts.ts';

/** Every event as text, in order. */
function recorder(): { events: string[]; handlers: XmlHandlers } {
  const events: string[] = [];
  const attrs = (a: Record<string, string>) => JSON.stringify(Object.entries(a));
  return {
    events,
    handlers: {
      open: (tag) => events.push(`open ${tag.name} ${attrs(tag.attributes)} ${tag.isSelfClosing}`),
      close: (tag) => events.push(`close ${tag.name} ${tag.isSelfClosing}`),
      text: (text) => events.push(`text ${JSON.stringify(text)}`),
    },
  };
}

/**
 * saxes's events for the content of `<sheetData>` (without the sheetData events themselves); for XML
 * that is not well-formed, those it gave before its error.
 */
function saxesEvents(content: string): string[] {
  const { events, handlers } = recorder();
  try {
    parseXml(`<sheetData>${content}</sheetData>`, handlers);
  } catch {
    return events.slice(1);
  }
  return events.slice(1, -1);
}

function scanned(content: string): { done: boolean; events: string[] } {
  const { events, handlers } = recorder();
  const xml = `<sheetData>${content}</sheetData>`;
  const done = scanSheetData(xml, '<sheetData>'.length, xml.length - '</sheetData>'.length, handlers);
  return { done, events };
}

describe('scanSheetData', () => {
  it('gives exactly saxes’s events for rows as spreadsheet programs write them', () => {
    const accepted = [
      '',
      '<row r="1" spans="1:3" x14ac:dyDescent="0.25"><c r="A1" t="s"><v>0</v></c><c r="B1" s="2"><v>1.5E-7</v></c></row>',
      '<row r="2"/><row r="3"><c r="A3"/><c r="B3" t="str"><v>a > b "q" \'</v></c><c r="C3" t="e"><v>#N/A</v></c></row>',
      '<row r="4"><c r="A4" t="b"><v>1</v></c><c r="B4"><v></v></c><c r="C4"></c></row>',
      '<row r="5" ht="30" customHeight="1"><c r="D5" s="3" t="n"><v>-0.5</v></c></row>',
      '<row r="6"><c r="A6" t="str"><v>é “curly” £</v></c></row>',
    ];
    for (const content of accepted) {
      const { done, events } = scanned(content);
      expect(done, content).toBe(true);
      expect(events, content).toEqual(saxesEvents(content));
    }
  });

  it('stops at anything outside its subset, having given only events saxes gives before that point', () => {
    const outside = [
      '<row r="1"><c r="A1" t="inlineStr"><is><t>x</t></is></c></row>',
      '<row r="1"><c r="A1"><f>1+1</f><v>2</v></c></row>',
      '<row r="1"><c r="A1" t="str"><v>a &amp; b</v></c></row>',
      '<row r="1"><c r="A1" t="str"><v>a ]]&gt; b</v></c></row>',
      '<row r="1"><c r="A1" t="str"><v>line\nbreak</v></c></row>',
      '<row r="1"><c r="A1" t="str"><v>\u{1F642}</v></c></row>',
      '<row r="1"> <c r="A1"><v>1</v></c></row>',
      '<row r="1"><c  r="A1"><v>1</v></c></row>',
      "<row r='1'><c r=\"A1\"><v>1</v></c></row>",
      '<row r="1" r="2"><c r="A1"><v>1</v></c></row>',
      '<row r="1"><c r="A1" s="1&amp;"><v>1</v></c></row>',
      '<row r="1"><c r="A1"><v>1</v></c></rowx>',
      '<row r="1"><c r="A1"><v>1</v></c>',
      '<row r="1"><c r="A1"><v>1</v></row>',
      '<row r="1"><c r="A1"><v>1</c></row>',
      '<row r="1"><cx r="A1"/></row>',
      '<rows r="1"/>',
      '<!-- note --><row r="1"/>',
      '<![CDATA[x]]><row r="1"/>',
      '<row r="1"><c r="A1" 1x="2"/></row>',
      '<row r="1"><c r="A1" x/></row>',
      '<row r="1"><c r="A1" constructor="1"/></row>',
      'text<row r="1"/>',
    ];
    for (const content of outside) {
      const { done, events } = scanned(content);
      expect(done, content).toBe(false);
      expect(saxesEvents(content).slice(0, events.length), content).toEqual(events);
    }
  });
});
