import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';

/**
 * Documents that carry script and markup payloads where a document can carry
 * text: the title, the issuer, the 文号, the sentences a figure is read from
 * (normal and raw text), the file name (the document's id), and, through
 * `sources.tsv`, the source URL (`javascript:`) and the genre (a target among
 * its figures puts them in the targets view too); a refused file
 * whose name is a payload puts one in run.json too. Every payload sets
 * `window.__kelanPwned` if it ever runs and every element it would make has
 * the class `kelanpwn`, so a view can be checked for both: nothing ran, and
 * no markup from the data became an element (which the CSP alone would not show).
 */

/** Sets the flag a payload sets if it ever runs. */
export const RUN = 'window.__kelanPwned=1';
/** The class of every element a payload would make if its markup were parsed. */
export const MARK = 'kelanpwn';

export const PAYLOADS = {
  script: `<script>${RUN}</script>`,
  img: `<img src=x onerror="${RUN}" class="${MARK}">`,
  breakout: `"'><svg onload=${RUN} class=${MARK}>`,
  bold: `<b class="${MARK}">粗体</b>`,
  iframe: `<iframe src="javascript:${RUN}" class="${MARK}"></iframe>`,
  template: `{{constructor.constructor('${RUN}')()}}`,
  sql: `'; DROP TABLE figures; --`,
  formula: `=HYPERLINK("http://example.invalid","x")`,
} as const;

/** The folder of the corpus the payload documents go in. */
export const FOLDER = 'payload';
/** The payload documents' file names; the first is also their document id. */
export const TEXT_FILE = `hubei-"'><b class=${MARK}>x.txt`;
export const HTML_FILE = 'wuhan-payload.html';
/** A file the pipeline refuses (a spreadsheet), whose name is a payload. */
export const REFUSED_FILE = `<img src=x onerror=${RUN} class=${MARK}>.xlsx`;

const P = PAYLOADS;

/** A plain-text reply of the Hubei S&T department: payloads in its title, issuer, 文号 and sentences. */
const TEXT = `关于${P.script}高新技术企业的报告
索 引 号 | 011043145/2023-99999 | 分 类 | 科技 |
---|---|---|---|
发布机构 | 湖北省科技厅${P.img} | 发文日期 | 2023-05-06 |
文 号 | 鄂科${P.breakout}〔2023〕9号 | 有 效 性 | 有效 |
2022年,全省高新技术企业达到25000家${P.script},较上年增加2300家${P.img}。
2023年,全省技术合同成交额达到4800亿元${P.iframe},较上年增长${P.template}20%。
${P.sql} 2021年,全省高新技术企业达到14560家${P.formula}。
到2025年,全省高新技术企业力争达到30000家${P.bold}。
`;

/** A web page of Wuhan: payloads written as entities, so that its visible text holds markup characters. */
const HTML = `<!doctype html><html><head><meta charset="utf-8"><title>武汉市科技创新&lt;script&gt;${RUN}&lt;/script&gt;工作报告</title></head>
<body><h1>武汉市科技创新&lt;script&gt;${RUN}&lt;/script&gt;工作报告</h1>
<p>发布机构:武汉市科技局&lt;img src=x onerror=${RUN} class=${MARK}&gt;</p>
<p>发布日期:2023-03-01</p>
<p>2022年,武汉市高新技术企业达到12000家&lt;b class=${MARK}&gt;粗&lt;/b&gt;,技术合同成交额达到1100亿元&lt;svg onload=${RUN}&gt;。</p>
<script>${RUN}</script>
</body></html>
`;

/** The files to add to a copy of the corpus, by their path under it. */
export function payloadFiles(): Record<string, string | Buffer> {
  return {
    [`${FOLDER}/${TEXT_FILE}`]: TEXT,
    [`${FOLDER}/${HTML_FILE}`]: HTML,
    [`${FOLDER}/${REFUSED_FILE}`]: Buffer.from('PK\u0003\u0004 a spreadsheet the pipeline refuses'),
    [`${FOLDER}/sources.tsv`]: [
      'file\turl\tgenre',
      `${TEXT_FILE}\tjavascript:${RUN}\treply ${P.img} ${P.script}`,
      `${HTML_FILE}\tjavascript:/*https://example.org*/${RUN}\twork report ${P.bold}`,
      '',
    ].join('\n'),
  };
}

/** What {@link tamperDocuments} writes into the payload documents' rows. */
export const TAMPERED = {
  issuer: `湖北省科技厅${PAYLOADS.img}`,
  // A spreadsheet would run this as a formula: CSV downloads must write it as text.
  doc_number: `=HYPERLINK("https://example.invalid")鄂科${PAYLOADS.breakout}〔2023〕9号`,
  warning: `note ${PAYLOADS.script}${PAYLOADS.bold}`,
} as const;

/**
 * The pipeline reads an issuer or a 文号 only when it looks like one, so no document can put a payload
 * there; a data folder made or edited by another tool can. This writes payloads into the payload
 * documents' issuer, 文号 and warnings in documents.parquet, as such a folder might hold them.
 */
export async function tamperDocuments(data: string): Promise<void> {
  const file = join(data, 'documents.parquet');
  const quote = (s: string) => `'${s.replace(/'/g, "''")}'`;
  const ids = [TEXT_FILE, HTML_FILE].map(quote).join(', ');
  const db = await DuckDBInstance.create(':memory:');
  const conn = await db.connect();
  try {
    await conn.run(`CREATE TABLE d AS SELECT * REPLACE (
        CASE WHEN doc_id IN (${ids}) THEN ${quote(TAMPERED.issuer)} ELSE issuer END AS issuer,
        CASE WHEN doc_id IN (${ids}) THEN ${quote(TAMPERED.doc_number)} ELSE doc_number END AS doc_number,
        CASE WHEN doc_id IN (${ids}) THEN list_append(coalesce(warnings, []), ${quote(TAMPERED.warning)}) ELSE warnings END AS warnings)
      FROM read_parquet(${quote(file)})`);
    await conn.run(`COPY d TO ${quote(file)} (FORMAT parquet, COMPRESSION zstd)`);
  } finally {
    conn.closeSync();
    db.closeSync();
  }
}
