import { describe, expect, it } from 'vitest';
import { sourceHref } from '../src/lib/links.ts';

describe("a document's source URL as a link", () => {
  it.each(['https://kjt.hubei.gov.cn/x.shtml', 'http://www.wuhan.gov.cn/a?b=1#c'])('links %s', (url) => {
    expect(sourceHref(url)).toBe(url);
  });

  it.each([
    'javascript:alert(1)', ' javascript:alert(1)', 'JaVaScRiPt:alert(1)', 'java\tscript:alert(1)', 'data:text/html,<script>alert(1)</script>',
    'vbscript:x', 'file:///etc/passwd', '/relative/path', '//example.org/x', 'kjt.hubei.gov.cn/x', '', null, undefined,
  ])('shows %s as text', (url) => {
    expect(sourceHref(url)).toBeNull();
  });
});
