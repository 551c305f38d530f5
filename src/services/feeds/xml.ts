/**
 * A small XML writer for the ModernGov-shaped web service (src/services/feeds/moderngov.ts): elements are
 * built as a tree and written with every text and attribute escaped, so no value — a venue, a name, a
 * title — can close an element or open one. Characters XML 1.0 does not allow (control characters, lone
 * surrogates) are dropped rather than written, so the document is always well-formed.
 */

export interface XmlElement {
  name: string;
  attributes: [string, string][];
  /** Text, or child elements. */
  content: string | XmlElement[];
}

export type XmlValue = string | number | boolean | null | undefined;

/** An element with text (null and undefined: empty), or with children. Booleans are written True/False, as ModernGov does. */
export function el(name: string, content: XmlValue | XmlElement[] = null, attributes: Record<string, XmlValue> = {}): XmlElement {
  return {
    name,
    attributes: Object.entries(attributes)
      .filter(([, v]) => v !== null && v !== undefined)
      .map(([k, v]) => [k, text(v)]),
    content: Array.isArray(content) ? content : text(content),
  };
}

function text(value: XmlValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  return String(value);
}

const NOT_XML = /[^\t\n\r\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;
const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/** Text safe in an element or a double-quoted attribute. */
export function escapeXml(value: string): string {
  return value.replace(NOT_XML, '').replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

const NAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/;

function write(element: XmlElement, depth: number, out: string[]): void {
  if (!NAME.test(element.name)) throw new RangeError(`Not an XML element name: ${element.name}`);
  const pad = '  '.repeat(depth);
  const attributes = element.attributes
    .map(([k, v]) => {
      if (!NAME.test(k)) throw new RangeError(`Not an XML attribute name: ${k}`);
      return ` ${k}="${escapeXml(v)}"`;
    })
    .join('');
  if (typeof element.content === 'string') {
    out.push(element.content === '' ? `${pad}<${element.name}${attributes} />` : `${pad}<${element.name}${attributes}>${escapeXml(element.content)}</${element.name}>`);
    return;
  }
  if (!element.content.length) {
    out.push(`${pad}<${element.name}${attributes} />`);
    return;
  }
  out.push(`${pad}<${element.name}${attributes}>`);
  for (const child of element.content) write(child, depth + 1, out);
  out.push(`${pad}</${element.name}>`);
}

/** The document: the XML declaration and the root element, indented. */
export function xmlDocument(root: XmlElement): string {
  const out = ['<?xml version="1.0" encoding="utf-8"?>'];
  write(root, 0, out);
  return `${out.join('\n')}\n`;
}
