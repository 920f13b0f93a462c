import { describe, expect, it } from 'vitest';
import {
  echo, embedSnippet, embedUrl, fullViewHref, MAX_VALUE, parseEmbedParams, readEmbedParams, sourceNote,
  type EmbedCheck, type EmbedParams, type EmbedSpec,
} from '../src/lib/embed.ts';

const CATALOGS = {
  indicators: [{ indicator: 'high_tech_enterprises' }, { indicator: 'tech_contract_turnover' }],
  regions: [{ region: 'hubei' }, { region: 'wuhan' }, { region: 'chongqing' }, { region: 'xiangyang' }],
};

const parse = (query: string) => parseEmbedParams(new URLSearchParams(query), CATALOGS);

function spec(check: EmbedCheck): EmbedSpec {
  if ('errors' in check) throw new Error(`refused: ${check.errors.join('; ')}`);
  return check.spec;
}

function errors(check: EmbedCheck): string[] {
  if (!('errors' in check)) throw new Error(`accepted: ${JSON.stringify(check.spec)}`);
  return check.errors;
}

describe('parseEmbedParams', () => {
  it('fills the defaults for a bare embed', () => {
    expect(spec(parse(''))).toEqual({
      indicator: 'high_tech_enterprises', regions: ['hubei', 'wuhan', 'chongqing'], measure: null, unit: null,
      stances: [], lang: 'zh', theme: 'light', plain: false, targets: false, id: null,
    });
  });

  it.each([
    ['indicator=tech_contract_turnover', { indicator: 'tech_contract_turnover' }],
    ['regions=wuhan,xiangyang', { regions: ['wuhan', 'xiangyang'] }],
    ['regions=wuhan,wuhan,hubei,', { regions: ['wuhan', 'hubei'] }],
    ['from=2020&to=2024', { from: 2020, to: 2024 }],
    ['from=2021&to=2021', { from: 2021, to: 2021 }],
    ['from=1949&to=2100', { from: 1949, to: 2100 }],
    ['measure=new&unit=count', { measure: 'new', unit: 'count' }],
    ['stance=actual,target', { stances: ['actual', 'target'] }],
    ['lang=en', { lang: 'en' }],
    ['theme=dark', { theme: 'dark' }],
    ['theme=auto', { theme: 'auto' }],
    ['plain=1', { plain: true }],
    ['plain', { plain: true }],
    ['plain=0', { plain: false }],
    ['targets=1', { targets: true }],
    ['targets', { targets: true }],
    ['targets=0', { targets: false }],
    ['height=200', { height: 200 }],
    ['height=2000', { height: 2000 }],
    ['id=chart-1', { id: 'chart-1' }],
    ['utm_source=newsletter&foo=<b>', {}],
  ])('accepts %s', (query, expected) => {
    expect(spec(parse(query))).toMatchObject(expected);
  });

  it.each([
    ['indicator=nope', /^没有这个指标：“nope”$/],
    ['indicator=nope&lang=en', /^unknown indicator: “nope”$/],
    ['regions=hubei,atlantis&lang=en', /^unknown region: “atlantis”$/],
    ["indicator='; DROP TABLE figures; --&lang=en", /^indicator is not an id .*: “'; DROP TABLE figures; --”$/],
    ['indicator=&lang=en', /^indicator is empty$/],
    ['regions=,&lang=en', /^regions is empty$/],
    ['regions=Hubei&lang=en', /not an id .*“Hubei”/],
    [`regions=${Array.from({ length: 13 }, (_, i) => `r${i}`).join(',')}&lang=en`, /^at most 12 regions, got 13$/],
    ['from=1948&lang=en', /^from must be a whole year from 1949 to 2100: “1948”$/],
    ['to=2101&lang=en', /^to must be a whole year/],
    ['from=-2020&lang=en', /“-2020”/],
    ['from=2020.5&lang=en', /“2020.5”/],
    ['from=NaN&lang=en', /“NaN”/],
    ['to=1e309&lang=en', /“1e309”/],
    ['from=%202020&lang=en', /“ 2020”/],
    ['from=2024&to=2020&lang=en', /^from=2024 is after to=2020$/],
    ['measure=everything&lang=en', /^measure must be one of total \| new/],
    ['unit=yuan&lang=en', /^unit must be one of count \| CNY/],
    ['stance=actual,planned&lang=en', /^stance must be one of .*: “planned”$/],
    ['lang=fr', /^lang 只能是 zh \| en 之一：“fr”$/],
    ['theme=neon&lang=en', /^theme must be one of light \| dark \| auto: “neon”$/],
    ['plain=yes&lang=en', /^plain must be one of 1 \| 0: “yes”$/],
    ['targets=arrows&lang=en', /^targets must be one of 1 \| 0: “arrows”$/],
    ['height=-1&lang=en', /^height must be a whole number of pixels from 200 to 2000: “-1”$/],
    ['height=99999&lang=en', /“99999”/],
    ['height=199&lang=en', /“199”/],
    ['id=<x>&lang=en', /^id may hold .*“<x>”$/],
    ['indicator=a&indicator=b&lang=en', /^indicator is given 2 times; give it once$/],
  ])('refuses %s', (query, message) => {
    const found = errors(parse(query));
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(message);
  });

  it('reports every bad parameter at once', () => {
    expect(errors(parse('indicator=nope&regions=hubei,atlantis&height=5'))).toHaveLength(3);
    expect(errors(parse('from=x&to=y&theme=z'))).toHaveLength(3);
  });

  it('leaves out default regions the data has no figures for, but refuses a named one', () => {
    const two = { ...CATALOGS, regions: [{ region: 'hubei' }, { region: 'wuhan' }] };
    expect(spec(parseEmbedParams(new URLSearchParams(''), two)).regions).toEqual(['hubei', 'wuhan']);
    expect(errors(parseEmbedParams(new URLSearchParams('regions=hubei,chongqing'), two))).toEqual(['没有这个地区的数据：“chongqing”']);
  });

  it('refuses a 10,000-character value by its length, quoting 40 characters of it', () => {
    const long = 'a'.repeat(10_000);
    const [message] = errors(parse(`regions=${long}&lang=en`));
    expect(message).toBe(`regions is too long (10000 characters, at most ${MAX_VALUE}): “${'a'.repeat(40)}…”`);
    // Refused before the catalogs are needed: no query runs for it.
    expect('errors' in readEmbedParams(new URLSearchParams(`indicator=${long}`))).toBe(true);
  });
});

describe('echo', () => {
  it.each([
    ['<script>alert(1)</script>', '“<script>alert(1)</script>”'],
    ['a\u202eb', '“a\\u{202e}b”'],
    ['zero\u200bwidth', '“zero\\u{200b}width”'],
    ['line\nbreak\u2028', '“line\\u{a}break\\u{2028}”'],
    ['e\u0301', '“e\\u{301}”'],
    ['\ud800', '“\\u{d800}”'],
    ['湖北省', '“湖北省”'],
    ['😀'.repeat(50), `“${'😀'.repeat(40)}…”`],
  ])('quotes %j as %s', (value, expected) => {
    expect(echo(value)).toBe(expected);
  });
});

describe('embedUrl', () => {
  const SITE = 'https://example.org/kelan/';

  it.each<EmbedParams>([
    { indicator: 'high_tech_enterprises' },
    { indicator: 'tech_contract_turnover', regions: ['wuhan', 'chongqing'], from: 2019, to: 2024, measure: 'amount', unit: 'CNY' },
    { indicator: 'high_tech_enterprises', stances: ['actual', 'expected'], lang: 'en', theme: 'dark', plain: true, height: 480, id: 'f1' },
    { indicator: 'high_tech_enterprises', theme: 'auto', plain: false },
    { indicator: 'high_tech_enterprises', targets: true },
  ])('round-trips %j through parseEmbedParams', (params) => {
    const url = new URL(embedUrl(SITE, params));
    expect(url.origin + url.pathname).toBe('https://example.org/kelan/embed');
    const defaults = spec(parse(''));
    expect(spec(parseEmbedParams(url.searchParams, CATALOGS))).toEqual({ ...defaults, ...params });
  });

  it('writes region lists with plain commas', () => {
    expect(embedUrl('http://localhost:4173', { indicator: 'x', regions: ['hubei', 'wuhan'] })).toBe('http://localhost:4173/embed?indicator=x&regions=hubei,wuhan');
  });
});

describe('embedSnippet', () => {
  it('makes an iframe and the host script beside the embed view', () => {
    expect(embedSnippet('https://example.org/kelan/embed?indicator=x', '高新技术企业', 520)).toBe(
      '<iframe src="https://example.org/kelan/embed?indicator=x" title="高新技术企业" data-kelan-embed style="width:100%;border:0" height="520" loading="lazy"></iframe>' +
        '<script src="https://example.org/kelan/embed.js" async></script>',
    );
  });

  it('escapes its attributes', () => {
    const html = embedSnippet('https://example.org/embed?indicator=x&regions=a"><script>alert(1)</script>', 'A "quoted" <b>title</b> & \'more\'', 400);
    expect(html).toContain('src="https://example.org/embed?indicator=x&amp;regions=a&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"');
    expect(html).toContain('title="A &quot;quoted&quot; &lt;b&gt;title&lt;/b&gt; &amp; &#39;more&#39;"');
    expect(html.match(/<script/g)).toHaveLength(1);
    expect(html.match(/"/g)!.length % 2).toBe(0);
  });

  it.each([
    [-1, 100],
    [99_999, 5000],
    [Number.NaN, 520],
    [333.4, 333],
  ])('keeps the height %d within bounds: %d', (height, expected) => {
    expect(embedSnippet('https://example.org/embed', 't', height)).toContain(`height="${expected}"`);
  });
});

describe('source note and full view', () => {
  const version = { version: 'd9094500ce56', built: '2026-11-29' };
  const issuers = (...names: string[]) => names.map((issuer) => ({ issuer }));

  it.each([
    [issuers('湖北省科学技术厅', '武汉市科技局', '重庆市科学技术局'), 'zh', '来源：湖北省科学技术厅 等 3 份文件 · 数据版本 d9094500ce56 · 生成于 2026-11-29'],
    [issuers('湖北省科学技术厅', '武汉市科技局', '重庆市科学技术局'), 'en', 'Sources: 湖北省科学技术厅 and 2 more documents · data d9094500ce56 · built 2026-11-29'],
    [issuers('湖北省科学技术厅', '武汉市科技局'), 'en', 'Sources: 湖北省科学技术厅 and 1 more document · data d9094500ce56 · built 2026-11-29'],
    [issuers(''), 'zh', '来源：未知 · 数据版本 d9094500ce56 · 生成于 2026-11-29'],
    [[], 'en', 'data d9094500ce56 · built 2026-11-29'],
  ] as const)('%j in %s', (sources, lang, expected) => {
    expect(sourceNote(sources, version, lang)).toBe(expected);
  });

  it('links to the compare view in the same state', () => {
    const s = spec(parse('indicator=tech_contract_turnover&regions=wuhan,hubei&measure=amount&unit=CNY&lang=en&from=2020'));
    expect(fullViewHref(s)).toBe('/?indicator=tech_contract_turnover&measure=amount&unit=CNY&regions=wuhan%2Chubei&lang=en');
    expect(fullViewHref(s, '0123456789abcdef')).toContain('figure=0123456789abcdef');
  });
});
