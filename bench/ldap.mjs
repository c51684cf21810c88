// LDAP directory sync at scale: PEOPLE people (default 100,000) in a real slapd on loopback
// (managers ten to a team, 50 departments, a third with Cyrillic or Scandinavian names), then
// `agora admin ldap-sync` into an empty data directory: the first sync (everyone created), a
// second with no changes, and one after CHANGES people changed title. Each is timed, with its
// rate and peak RSS (GNU time). The yardstick in the same run: ldapsearch reading the same
// entries, paged, into /dev/null (what the directory itself costs), and the CSV import of
// the same people (the same importer without LDAP).
// Usage: node bench/ldap.mjs   (env: PEOPLE=100000 CHANGES=1000)
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { person, startSlapd, BASE } from '../tests/support/ldap.mjs';

const PEOPLE = Number(process.env.PEOPLE ?? 100_000);
const CHANGES = Number(process.env.CHANGES ?? 1000);
const agora = resolve('build/agora');
const names = ['Anna Andersson', 'Björn Åkesson', 'Søren Ødegård', 'Иван Петров', 'Мария Кузнецова', 'Георги Димитров', 'Jane Smith', 'Luis García', 'Marie Dubois'];
const uid = (i) => `p${i}`;

function entries() {
  const out = [];
  for (let i = 0; i < PEOPLE; i++) {
    const name = `${names[i % names.length]} ${i}`;
    out.push(person({
      uid: uid(i), cn: name, sn: `S${i}`, displayName: name, mail: `p${i}@example.com`,
      title: `Title ${i % 20}`, departmentNumber: `Department ${i % 50}`, physicalDeliveryOfficeName: `Office ${i % 30}`,
      telephoneNumber: `+46 8 ${String(100000 + i)}`,
      manager: i === 0 ? undefined : `uid=${uid(Math.floor((i - 1) / 10))},ou=people,${BASE}`,
    }));
  }
  return out;
}

function timed(cmd, args, opts = {}) {
  const r = spawnSync('/usr/bin/time', ['-f', '%e %M', cmd, ...args], { encoding: 'utf8', maxBuffer: 256 << 20, ...opts });
  const last = r.stderr.trim().split('\n').pop();
  const [seconds, kb] = last.split(' ').map(Number);
  if (r.status !== 0 && r.status !== 1) throw new Error(`${cmd} ${args.join(' ')}: ${r.status}\n${r.stderr.slice(-2000)}`);
  return { seconds, rssMb: kb / 1024, stdout: r.stdout };
}

const work = mkdtempSync(join(tmpdir(), 'agora-bench-ldap-'));
console.log(`== ${PEOPLE} people into slapd (slapadd)`);
let started = Date.now();
const slapd = await startSlapd({ entries: entries() });
console.log(`   loaded in ${((Date.now() - started) / 1000).toFixed(1)} s`);
try {
  const config = join(work, 'agora.toml');
  writeFileSync(config, slapd.config({ attr_photo: '' }));
  const env = { ...process.env, AGORA_LOG_LEVEL: 'warn' };

  const search = timed('ldapsearch', ['-x', '-LLL', '-H', slapd.url, '-D', slapd.bindDn, '-w', slapd.bindPassword, '-b', slapd.baseDn,
    '-E', 'pr=500/noprompt', '(objectClass=inetOrgPerson)', 'entryUUID', 'mail', 'displayName', 'cn', 'title', 'departmentNumber',
    'physicalDeliveryOfficeName', 'telephoneNumber', 'manager'], { stdio: ['ignore', 'ignore', 'pipe'] });
  console.log(`ldapsearch reading them (paged 500): ${search.seconds.toFixed(2)} s, ${(PEOPLE / search.seconds).toFixed(0)} entries/s`);

  const data = join(work, 'data');
  const runs = [];
  const sync = (label) => {
    const t = timed(agora, ['admin', 'ldap-sync', '--config', config, '--data', data], { env });
    const summary = t.stdout.split('\n').find((l) => l.includes('entries:')) ?? t.stdout;
    runs.push({ label, ...t });
    console.log(`${label}: ${t.seconds.toFixed(2)} s, ${(PEOPLE / t.seconds).toFixed(0)} people/s, peak RSS ${t.rssMb.toFixed(0)} MiB\n   ${summary}`);
  };
  sync('first sync (everyone created)');
  sync('second sync (no changes)');
  let ldif = '';
  for (let i = 0; i < CHANGES; i++)
    ldif += `dn: uid=${uid(i * Math.floor(PEOPLE / CHANGES))},ou=people,${BASE}\nchangetype: modify\nreplace: title\ntitle: Promoted\n\n`;
  slapd.modify(ldif);
  sync(`after ${CHANGES} titles changed`);

  // The same people as a CSV staff import (no LDAP): the importer's own cost.
  let csv = 'email,display_name,title,department,office,manager_email,phone\n';
  for (let i = 0; i < PEOPLE; i++) {
    const name = `${names[i % names.length]} ${i}`;
    csv += `p${i}@example.com,${name},Title ${i % 20},Department ${i % 50},Office ${i % 30},${i === 0 ? '' : `p${Math.floor((i - 1) / 10)}@example.com`},+46 8 ${100000 + i}\n`;
  }
  writeFileSync(join(work, 'staff.csv'), csv);
  const imported = timed(agora, ['admin', 'import-people', join(work, 'staff.csv'), '--data', join(work, 'csv-data')], { env });
  console.log(`CSV import of the same people: ${imported.seconds.toFixed(2)} s, peak RSS ${imported.rssMb.toFixed(0)} MiB`);
  console.log(`ratio first sync / CSV import: ${(runs[0].seconds / imported.seconds).toFixed(2)}; second sync / first: ${(runs[1].seconds / runs[0].seconds).toFixed(2)}`);
} finally {
  await slapd.stop();
  rmSync(work, { recursive: true, force: true });
}
