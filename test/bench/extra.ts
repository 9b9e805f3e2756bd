import type { CloudflareSimulator } from '../simulator/server';
import type { Row } from './bench';

/** Measures of the views' and editors' pure models; filled in as those models land. */
export async function extraMeasures(_sim: CloudflareSimulator): Promise<Row[]> {
  return [];
}
