import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { compactHtml, inlineScriptHashes, SCRIPT_SOURCES } from './views.ts';

const sha = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;

describe('inlineScriptHashes', () => {
  it('hashes each inline script body, ignoring Nunjucks tags in the opening tag and scripts with a src', () => {
    const template = `<script {%- if cspNonce %} nonce="{{ cspNonce }}"{% endif %}>a();</script>\n<script type="module" src="/x.js"></script><script>b()</script>`;
    expect(inlineScriptHashes(template)).toEqual([sha('a();'), sha('b()')]);
  });

  it('allows the GOV.UK template’s script by the hash GOV.UK Frontend documents', () => {
    expect(SCRIPT_SOURCES).toBe("'self' 'sha256-GUQ5ad8JK5KmEWmROf3LZd9ge94daqNvd8xy9YS1iDw='");
  });
});

describe('compactHtml', () => {
  it('drops indentation and blank lines but keeps a line break wherever there was one', () => {
    expect(compactHtml('<ul>\n    <li>a</li>\n\n   \n  <li>b c</li>  \n</ul>')).toBe('<ul>\n<li>a</li>\n<li>b c</li>\n</ul>');
    expect(compactHtml('<p>one\n      two</p>')).toBe('<p>one\ntwo</p>');
  });

  it('leaves the content of textareas and pre blocks exactly as it was', () => {
    const textarea = '<textarea name="c">line one\n    indented\n\n  last</textarea>';
    const pre = '<PRE class="x">\n  a\n    b\n</PRE>';
    expect(compactHtml(`<div>\n  ${textarea}\n  ${pre}\n</div>`)).toBe(`<div>\n${textarea}\n${pre}\n</div>`);
  });
});
