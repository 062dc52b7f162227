// The draft file the browser benchmarks import: `rows` projects of realistic text, written to a temporary folder.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Writes a draft file of `rows` projects and returns its path. */
export function draftFile(rows) {
  const row = (i) => ({
    id: i + 1, unit_name: `天津示例制造有限公司${i % 300}`, credit_code: '911201163409833307', industry: '36',
    district: '滨海新区', scale: '中型企业', ownership: '有限责任公司', ownership_other: '',
    project_name: `降低壳体铸造缺陷率第${i + 1}期`, topic_type: '问题解决型', leader_name: '张伟',
    leader_phone: '13800138000', email: 'quality@example.com', remarks: '',
  });
  const decl = { recommender: '天津市滨海新区市场监督管理局', recommender_head: '王明', filler: '李华',
    filler_phone: '022-29361296', fill_date: '2021-04-09', rows: Array.from({ length: rows }, (_, i) => row(i)) };
  const env = { format: 'shenbao-draft', version: 1, saved_at: '2021-04-09T10:00:00', app_version: '0.1.0',
    writer: 'bench', seq: 1, declaration: decl };
  const dir = mkdtempSync(join(tmpdir(), 'shenbao-bench-'));
  const p = join(dir, `draft-${rows}.json`);
  writeFileSync(p, JSON.stringify(env));
  return p;
}
