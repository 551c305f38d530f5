import { describe, expect, it } from 'vitest';
import { feedLinks, originOf } from './route.ts';

describe('the addresses feeds link to', () => {
  it('are made from the host the request came to, and never from a Host header that is not a host name', () => {
    expect(originOf({ protocol: 'https', host: 'democracy.barnet.gov.uk' })).toBe('https://democracy.barnet.gov.uk');
    expect(originOf({ protocol: 'http', host: '127.0.0.1:3000' })).toBe('http://127.0.0.1:3000');
    expect(originOf({ protocol: 'http', host: 'evil.example/"><script>' })).toBe('http://localhost');
    expect(originOf({ protocol: 'http', host: 'a b' })).toBe('http://localhost');
    const links = feedLinks('https://t.example');
    expect([links.meeting(57), links.committee('clc'), links.councillor('reuben-thompstone'), links.meetings]).toEqual([
      'https://t.example/meetings/57',
      'https://t.example/committees/clc/members',
      'https://t.example/councillors/reuben-thompstone',
      'https://t.example/meetings',
    ]);
  });
});
