// Which database a test server uses. By default the embedded SQLite file in its data
// directory. When scripts/run-tests.sh runs a suite on PostgreSQL it sets TEST_PG_SOCKET (the
// throwaway server of scripts/pg-test-server.sh): each data directory then gets a database of
// its own, cloned from the migrated template, and remembers it in a file so that a restart
// (or a command-line call on the same directory) finds the same data.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const onPostgres = Boolean(process.env.TEST_PG_SOCKET);

export function psql(sql, { database = 'postgres' } = {}) {
  const r = spawnSync('psql', ['-h', process.env.TEST_PG_SOCKET, '-U', 'agora', '-d', database, '-q', '-A', '-t',
    '-v', 'ON_ERROR_STOP=1', '-c', sql], { encoding: 'utf8', timeout: 60_000 });
  if (r.status !== 0) throw new Error(`psql failed: ${r.stderr}`);
  return r.stdout.trim();
}

// The AGORA_* variables that point a server or command at the data directory's database.
export function databaseEnv(dataDir) {
  if (!onPostgres) return {};
  const file = join(dataDir, 'test-database-url');
  if (existsSync(file)) return { AGORA_DATABASE_URL: readFileSync(file, 'utf8') };
  const name = `t_${randomBytes(6).toString('hex')}`;
  psql(`CREATE DATABASE ${name} TEMPLATE agora_template`);
  const url = `host=${process.env.TEST_PG_SOCKET} user=agora dbname=${name}`;
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(file, url);
  return { AGORA_DATABASE_URL: url };
}
