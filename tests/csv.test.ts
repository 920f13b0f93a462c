import { describe, expect, it } from 'vitest';
import { BOM, csvField, FIGURE_CSV_COLUMNS, figuresCsv, TARGET_CSV_COLUMNS, targetsCsv, toCsv, type CsvValue } from '../src/lib/csv.ts';

describe('csvField', () => {
  it.each<[CsvValue, string]>([
    ['高新技术企业', '高新技术企业'],
    ['', ''],
    [null, ''],
    [undefined, ''],
    [true, 'true'],
    [false, 'false'],
    [10400, '10400'],
    [2.4e9, '2400000000'],
    [0.35, '0.35'],
    [-3, '-3'],
    [NaN, ''],
    [Infinity, ''],
    ['a,b', '"a,b"'],
    ['他说"超过"', '"他说""超过"""'],
    ['line\nbreak', '"line\nbreak"'],
    ['line\r\nbreak', '"line\r\nbreak"'],
    ['近24亿元', '近24亿元'],
    ['  leading space', '  leading space'],
  ])('%j → %j', (value, expected) => {
    expect(csvField(value)).toBe(expected);
  });
});

describe('formula injection', () => {
  it.each<[string, string]>([
    ['=1+1', "'=1+1"],
    ['+cmd', "'+cmd"],
    ['-cmd', "'-cmd"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\t=1', "'\t=1"],
    ['\r=1', `"'\r=1"`],
    ['=HYPERLINK("http://x","y")', `"'=HYPERLINK(""http://x"",""y"")"`],
    ['=1,2', `"'=1,2"`],
    ['a=1', 'a=1'],
    ['高新=1', '高新=1'],
  ])('%j → %j', (value, expected) => {
    expect(csvField(value)).toBe(expected);
  });

  it.each<[CsvValue, string]>([
    [-5, '-5'],
    ['-5', '-5'],
    ['+1.5', '+1.5'],
    ['-2.5e3', '-2.5e3'],
    ['-.5', '-.5'],
    ['-5x', "'-5x"],
    ['-', "'-"],
  ])('numbers stay numbers: %j → %j', (value, expected) => {
    expect(csvField(value)).toBe(expected);
  });
});

describe('toCsv', () => {
  it.each<[string, string[], CsvValue[][], string]>([
    ['header only', ['a', 'b'], [], 'a,b\r\n'],
    ['rows with CRLF ends', ['region', 'value'], [['wuhan', 10400], ['hubei', null]], 'region,value\r\nwuhan,10400\r\nhubei,\r\n'],
    ['quoted fields keep their line breaks', ['sentence'], [['第一行\n第二行']], 'sentence\r\n"第一行\n第二行"\r\n'],
    ['hostile text', ['quote'], [['=cmd|"/c calc"!A1']], `quote\r\n"'=cmd|""/c calc""!A1"\r\n`],
  ])('%s', (_name, header, rows, body) => {
    expect(toCsv(header, rows)).toBe(BOM + body);
  });

  it('starts with the UTF-8 byte order mark', () => {
    const bytes = new TextEncoder().encode(toCsv(['地区'], [['武汉']]));
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  });
});

describe('figuresCsv', () => {
  const rows = [
    { figure_id: 'f1', region: 'hubei', indicator: 'high_tech_enterprises', year: 2020, value: 10400, quote: '10400家', sentence: '达到10400家,同比增长', title: '答复', issuer: '湖北省科技厅' },
  ];
  const names = { region: (id: string) => ({ hubei: '湖北' })[id] ?? id, indicator: () => '高新技术企业' };

  it('writes the contract columns with names beside ids, sentence and sources quoted where needed', () => {
    const [header, first] = figuresCsv(rows, names).slice(1).split('\r\n');
    expect(header.split(',')).toEqual([...FIGURE_CSV_COLUMNS]);
    expect(first).toBe('f1,hubei,湖北,high_tech_enterprises,高新技术企业,,2020,,,,10400,,,10400家,"达到10400家,同比增长",答复,湖北省科技厅,,,,,,');
  });

  it('adds the data version and build date as last columns when given', () => {
    const [header, first] = figuresCsv(rows, names, { version: 'd9094500ce56', built: '2026-11-29' }).slice(1).split('\r\n');
    expect(header.endsWith(',year_inferred,reviewed,data_version,data_built')).toBe(true);
    expect(first.endsWith(',d9094500ce56,2026-11-29')).toBe(true);
  });
});

describe('targetsCsv', () => {
  const names = { region: (id: string) => ({ hubei: '湖北' })[id] ?? id, indicator: () => '高新技术企业' };
  const met = {
    region: 'hubei', indicator: 'high_tech_enterprises', measure: 'total', unit: 'count', year: 2017,
    target_id: 't1', target_value: 4800, target_qualifier: 'more_than', target_sentence: '突破4800家', actual_id: 'a1', actual_value: 5370,
    actual_sentence: '达到5370家,同比增长', attainment: 1.11875, met: true, lower_is_better: false,
  };
  const open = { ...met, year: 2025, actual_id: null, actual_value: null, actual_sentence: null, attainment: null, met: null };

  it('writes one record per target with names beside ids, both sentences, the attainment and the outcome; an unknown outcome is empty', () => {
    const [header, first, second] = targetsCsv([met, open], names, { version: 'd9094500ce56', built: '2026-11-29' }).slice(1).split('\r\n');
    const columns = header.split(',');
    expect(columns).toEqual([...TARGET_CSV_COLUMNS, 'data_version', 'data_built']);
    const field = (record: string, column: string) => parseLine(record)[columns.indexOf(column)];
    expect(field(first, 'region_name')).toBe('湖北');
    expect(field(first, 'indicator_name')).toBe('高新技术企业');
    expect(field(first, 'actual_sentence')).toBe('达到5370家,同比增长');
    expect(field(first, 'attainment')).toBe('1.11875');
    expect(field(first, 'met')).toBe('true');
    expect(field(second, 'actual_id')).toBe('');
    expect(field(second, 'met')).toBe('');
    expect(field(second, 'data_version')).toBe('d9094500ce56');
  });
});

/** One CSV record's fields (quoted fields with commas, as toCsv writes them). */
function parseLine(line: string): string[] {
  return [...line.matchAll(/(?:^|,)("(?:[^"]|"")*"|[^,]*)/g)].map((m) => m[1].replace(/^"|"$/g, '').replace(/""/g, '"'));
}
