// A real LDAP server for the tests: Debian's slapd on loopback, with a configuration and a
// database of its own in a temporary folder, started by the test and stopped at its end. The
// directory is given as entries ({ dn, attrs }); values that are not plain ASCII (names in
// Cyrillic or Scandinavian letters, photos) go base64-encoded into the LDIF as RFC 2849 asks.
// With `tls`, a CA and a server certificate are made with openssl and the server also
// answers StartTLS; `caFile` is what Agora must trust.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { recordSecret } from './secrets.mjs';

export const BASE = 'dc=example,dc=com';
export const SERVICE_DN = `cn=agora,ou=services,${BASE}`;

function value(name, v) {
  if (Buffer.isBuffer(v)) return `${name}:: ${v.toString('base64')}`;
  const s = String(v);
  // SAFE-STRING: ASCII without NUL, LF, CR; not starting with space, colon or '<'.
  if (/^[\x01-\x09\x0b\x0c\x0e-\x1f\x21-\x39\x3b\x3d-\x7f][\x01-\x09\x0b\x0c\x0e-\x7f]*$/.test(s)) return `${name}: ${s}`;
  return `${name}:: ${Buffer.from(s, 'utf8').toString('base64')}`;
}

// LDIF text of entries; `changetype` adds "changetype: add" lines (for ldapadd -c).
export function ldif(entries) {
  return entries.map(({ dn, attrs }) => {
    const lines = [value('dn', dn)];
    for (const [k, v] of Object.entries(attrs))
      for (const one of Array.isArray(v) ? v : [v]) if (one !== undefined && one !== null) lines.push(value(k, one));
    return lines.join('\n');
  }).join('\n\n') + '\n';
}

// The tree every test directory starts with: the base, ou=people, the service account.
export function baseEntries(servicePassword) {
  return [
    { dn: BASE, attrs: { objectClass: ['top', 'dcObject', 'organization'], dc: 'example', o: 'Example' } },
    { dn: `ou=people,${BASE}`, attrs: { objectClass: 'organizationalUnit', ou: 'people' } },
    { dn: `ou=services,${BASE}`, attrs: { objectClass: 'organizationalUnit', ou: 'services' } },
    { dn: SERVICE_DN, attrs: { objectClass: ['organizationalRole', 'simpleSecurityObject'], cn: 'agora', userPassword: servicePassword } },
  ];
}

// A person under ou=people: { uid, cn, sn, mail, displayName, title, departmentNumber, ... }.
export function person({ uid, ...attrs }) {
  return {
    dn: `uid=${uid},ou=people,${BASE}`,
    attrs: { objectClass: ['inetOrgPerson'], uid, sn: attrs.sn ?? uid, cn: attrs.cn ?? uid, ...attrs },
  };
}

async function freePort() {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

function run(cmd, args, input) {
  const r = spawnSync(cmd, args, { input, encoding: 'utf8', timeout: 600_000, maxBuffer: 64 << 20 });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}): ${r.stderr}`);
  return r.stdout;
}

function makeCertificates(dir) {
  const ca = join(dir, 'ca.pem');
  const caKey = join(dir, 'ca.key');
  run('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', '/CN=Agora test CA', '-keyout', caKey, '-out', ca]);
  run('openssl', ['req', '-newkey', 'rsa:2048', '-nodes', '-subj', '/CN=127.0.0.1', '-keyout', join(dir, 'server.key'), '-out', join(dir, 'server.csr')]);
  writeFileSync(join(dir, 'ext.cnf'), 'subjectAltName=IP:127.0.0.1,DNS:localhost\n');
  run('openssl', ['x509', '-req', '-in', join(dir, 'server.csr'), '-CA', ca, '-CAkey', caKey, '-CAcreateserial', '-days', '2',
    '-extfile', join(dir, 'ext.cnf'), '-out', join(dir, 'server.pem')]);
  return ca;
}

// Starts slapd with `entries` loaded (offline, by slapadd: fast for large directories).
export async function startSlapd({ entries = [], tls = false, servicePassword = 'service-password-1' } = {}) {
  recordSecret(servicePassword);
  const dir = mkdtempSync(join(tmpdir(), 'agora-slapd-'));
  mkdirSync(join(dir, 'db'));
  const caFile = tls ? makeCertificates(dir) : '';
  const conf = [
    'include /etc/ldap/schema/core.schema',
    'include /etc/ldap/schema/cosine.schema',
    'include /etc/ldap/schema/inetorgperson.schema',
    'include /etc/ldap/schema/nis.schema',
    'modulepath /usr/lib/ldap',
    'moduleload back_mdb',
    `pidfile ${dir}/slapd.pid`,
    'sizelimit unlimited',
    ...(tls ? [`TLSCACertificateFile ${caFile}`, `TLSCertificateFile ${dir}/server.pem`, `TLSCertificateKeyFile ${dir}/server.key`] : []),
    'database mdb',
    'maxsize 4294967296',
    `suffix "${BASE}"`,
    `rootdn "cn=admin,${BASE}"`,
    'rootpw admin-secret',
    `directory ${dir}/db`,
    'index objectClass eq',
    'index mail eq',
    'index uid eq',
    // People bind as themselves (sign-in); the service account reads everything else.
    'access to attrs=userPassword by self write by anonymous auth by * none',
    `access to * by dn.exact="${SERVICE_DN}" read by self read by * none`,
  ].join('\n') + '\n';
  writeFileSync(join(dir, 'slapd.conf'), conf);
  writeFileSync(join(dir, 'data.ldif'), ldif([...baseEntries(servicePassword), ...entries]));
  run('slapadd', ['-q', '-f', join(dir, 'slapd.conf'), '-l', join(dir, 'data.ldif')]);
  const port = await freePort();
  const url = `ldap://127.0.0.1:${port}`;
  let stderr = '';
  const proc = spawn('slapd', ['-f', join(dir, 'slapd.conf'), '-h', `${url}/`, '-d', '0'], { stdio: ['ignore', 'ignore', 'pipe'] });
  proc.stderr.on('data', (d) => (stderr += d));
  const exited = new Promise((r) => proc.on('exit', r));
  // Ready when it answers a search.
  for (let i = 0; ; i++) {
    const r = spawnSync('ldapsearch', ['-x', '-H', url, '-D', SERVICE_DN, '-w', servicePassword, '-b', BASE, '-s', 'base', '1.1'], { encoding: 'utf8' });
    if (r.status === 0) break;
    if (i > 100 || proc.exitCode !== null) throw new Error(`slapd did not start: ${stderr} ${r.stderr}`);
    await new Promise((res) => setTimeout(res, 100));
  }
  const admin = ['-x', '-H', url, '-D', `cn=admin,${BASE}`, '-w', 'admin-secret'];
  return {
    url,
    port,
    caFile,
    baseDn: `ou=people,${BASE}`,
    bindDn: SERVICE_DN,
    bindPassword: servicePassword,
    // Changes while it runs (as the directory's administrator).
    add(more) { run('ldapadd', admin, ldif(more)); },
    modify(text) { run('ldapmodify', admin, text); },
    remove(dn) { run('ldapdelete', [...admin, dn]); },
    // The [ldap] table for Agora's configuration file.
    config(extra = {}) {
      const settings = { url, base_dn: `ou=people,${BASE}`, bind_dn: SERVICE_DN, bind_password: servicePassword, ...extra };
      return `[ldap]\n${Object.entries(settings).map(([k, v]) => `${k} = ${JSON.stringify(v)}`).join('\n')}\n`;
    },
    async stop() {
      if (proc.exitCode === null) proc.kill('SIGTERM');
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
