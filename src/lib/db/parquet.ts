/**
 * A small Parquet file read whole into plain rows, without DuckDB: hyparquet
 * (pure JavaScript, a few kilobytes) with a zstd decoder, the pipeline's
 * compression. The browser reads the series and catalogs this way before
 * DuckDB-WASM has loaded; Node reads them the same way.
 */
import { parquetReadObjects } from 'hyparquet';
import { decompressZstd } from 'hyparquet-compressors';

const COMPRESSORS = { ZSTD: (input: Uint8Array) => decompressZstd(input) };

// As DuckDB-WASM's rows reach the client: a BIGINT as a number.
function plain(row: Record<string, unknown>): Record<string, unknown> {
  for (const k in row) if (typeof row[k] === 'bigint') row[k] = Number(row[k]);
  return row;
}

/** Every row of the Parquet file in `bytes`, as objects keyed by column name. */
export async function parquetRows<T>(bytes: ArrayBuffer): Promise<T[]> {
  const rows = await parquetReadObjects({ file: bytes, compressors: COMPRESSORS });
  return rows.map(plain) as T[];
}
