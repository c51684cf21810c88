// `agora seed`: a deterministic synthetic organization with the shape benchmarks rely on.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, runCli, setupAdmin, startServer } from '../support/server.mjs';

test('seed builds an organization: tree, countries, expertise, heavy-tailed follows; same seed, same result', async () => {
  const a = mkdtempSync(join(tmpdir(), 'agora-seed-'));
  const b = mkdtempSync(join(tmpdir(), 'agora-seed-'));
  try {
    const first = runCli(['seed', '--people', '600', '--seed', '7'], { dataDir: a });
    assert.equal(first.code, 0, first.stderr);
    assert.match(first.stdout, /seeded 600 people \((\d+) levels\)/);
    assert.ok(Number(first.stdout.match(/\((\d+) levels\)/)[1]) >= 4, 'a reporting tree of some depth');
    const second = runCli(['seed', '--people', '600', '--seed', '7'], { dataDir: b });
    assert.equal(second.stdout.replace(/ in [\d.]+ s/, ''), first.stdout.replace(/ in [\d.]+ s/, ''), 'deterministic');
    const again = runCli(['seed', '--people', '10'], { dataDir: a });
    assert.equal(again.code, 1);
    assert.match(again.stderr, /already seeded/);

    // Seeded people cannot run the site: with no admin among them the server offers the
    // one-time setup link, and setup makes the first admin alongside them.
    const unrun = await startServer({ dataDir: b });
    try {
      assert.ok(unrun.setupToken, 'a seeded site without an admin prints the setup link');
      assert.equal((await new Client(unrun.url).get('/api/v1/auth/setup')).json.needed, true);
      const first = await setupAdmin(unrun);
      assert.equal(first.user.role, 'admin');
      assert.equal((await new Client(unrun.url).get('/api/v1/auth/setup')).json.needed, false);
    } finally {
      await unrun.stop();
    }

    const created = runCli(['admin', 'create-user', '--email', 'admin@example.com', '--name', 'Admin', '--role', 'admin', '--password-stdin'],
      { dataDir: a, input: 'admin-password-1\n' });
    assert.equal(created.code, 0, created.stderr);
    const server = await startServer({ dataDir: a });
    try {
      assert.equal(server.setupToken, undefined, 'a seeded site needs no setup');
      const admin = new Client(server.url);
      assert.equal((await admin.login('admin@example.com', 'admin-password-1')).status, 200);
      const everyone = [];
      let cursor = '';
      do {
        const r = await admin.get(`/api/v1/people?limit=100${cursor ? `&cursor=${cursor}` : ''}`);
        everyone.push(...r.json.items);
        cursor = r.json.next_cursor;
      } while (cursor);
      assert.equal(everyone.length, 601, 'the seeded people and the admin');
      assert.ok(new Set(everyone.map((p) => p.country)).size >= 10, 'many countries');
      assert.ok(everyone.some((p) => /[А-я]/.test(p.display_name)), 'Cyrillic names');
      assert.ok(everyone.some((p) => /[åäöø]/i.test(p.display_name)), 'Nordic names');
      const experts = await admin.get('/api/v1/people?expertise=kubernetes&limit=100');
      assert.ok(experts.json.items.length > 0, 'the most common tags are held by several people');
      const leader = (await admin.get('/api/v1/people?q=person')).json.items; // nobody is named "person"
      assert.equal(leader.length, 0);
      const followers = [];
      for (const p of everyone.slice(0, 40)) followers.push((await admin.get(`/api/v1/people/${p.id}`)).json.followers);
      const median = [...followers].sort((x, y) => x - y)[Math.floor(followers.length / 2)];
      const ceo = (await admin.get('/api/v1/people/person-0')).json;
      assert.equal(ceo.manager, null, 'person-0 leads the organization');
      assert.ok(ceo.followers > 2 * median, `a heavy tail: the leader has ${ceo.followers} followers, the median ${median}`);
      assert.ok((await admin.get('/api/v1/people/person-0/reports')).json.items.length >= 3);
    } finally {
      await server.stop();
    }
  } finally {
    rmSync(a, { recursive: true, force: true });
    rmSync(b, { recursive: true, force: true });
  }
});

test('seed --posts adds a year of posts with hashtags, comments and reactions that the API serves', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'agora-seed-posts-'));
  try {
    const r = runCli(['seed', '--people', '300', '--posts', '3000', '--seed', '3'], { dataDir: dir });
    assert.equal(r.code, 0, r.stderr);
    const m = r.stdout.match(/seeded 3000 posts, (\d+) comments, (\d+) reactions/);
    assert.ok(m, r.stdout);
    assert.ok(Number(m[1]) > 500 && Number(m[2]) > 1000, r.stdout);
    const again = runCli(['seed', '--posts', '10'], { dataDir: dir });
    assert.equal(again.code, 1);
    assert.match(again.stderr, /already has posts/);
    runCli(['admin', 'create-user', '--email', 'm@example.com', '--name', 'M', '--role', 'member', '--password-stdin'], { dataDir: dir, input: 'member-password-1\n' });
    const server = await startServer({ dataDir: dir });
    try {
      const member = new Client(server.url);
      assert.equal((await member.login('m@example.com', 'member-password-1')).status, 200);
      const tag = await member.get('/api/v1/feed?source=tag:kubernetes&limit=50');
      assert.equal(tag.status, 200);
      assert.ok(tag.json.items.length > 10, 'the most common hashtag has many posts');
      const times = tag.json.items.map((i) => Date.parse(i.created_at));
      assert.deepEqual(times, [...times].sort((x, y) => y - x), 'newest first');
      assert.ok(times[0] < Date.now() && times.at(-1) > Date.now() - 366 * 24 * 3600 * 1000, 'within the past year');
      assert.ok(tag.json.items.every((i) => i.audience !== 'restricted'), 'restricted posts stay with their readers');
      const busy = tag.json.items.find((i) => i.comment_count > 0);
      const comments = await member.get(`/api/v1/content/${busy.id}/comments`);
      assert.equal(comments.json.items.length, busy.comment_count);
      const reacted = tag.json.items.find((i) => i.reaction_count > 0);
      assert.equal(reacted.reactions.total, reacted.reaction_count);
      const timeline = await member.get(`/api/v1/feed?source=person:${busy.author.id}`);
      assert.ok(timeline.json.items.every((i) => i.author.id === busy.author.id));
    } finally {
      await server.stop();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('seed --community-members makes one large open community with posts its members read', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'agora-seed-community-'));
  try {
    const r = runCli(['seed', '--people', '200', '--posts', '500', '--community-members', '150', '--community-posts', '400'], { dataDir: dir });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /seeded community \d+ \(seed-everyone\) with 150 members and 400 posts/);
    const again = runCli(['seed', '--community-members', '10'], { dataDir: dir });
    assert.equal(again.code, 1);
    assert.match(again.stderr, /already has the seeded community/);
    const server = await startServer({ dataDir: dir });
    try {
      const admin = new Client(server.url);
      runCli(['admin', 'set-password', '--email', 'person0@seed.example', '--password-stdin'], { dataDir: dir, input: 'owner-password-1\n' });
      assert.equal((await admin.login('person0@seed.example', 'owner-password-1')).status, 200);
      const community = (await admin.get('/api/v1/communities/seed-everyone')).json;
      assert.equal(community.member_count, 150);
      assert.equal(community.membership.role, 'owner');
      const stream = await admin.get(`/api/v1/feed?source=community:${community.id}&limit=50`);
      assert.equal(stream.json.items.length, 50);
      assert.ok(stream.json.items.every((i) => i.audience === 'community'));
      const members = await admin.get(`/api/v1/communities/${community.id}/members?limit=100`);
      assert.equal(members.json.items.length, 100);
      assert.ok(members.json.next_cursor);
    } finally {
      await server.stop();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('seed --blogs makes personal and team blogs with entries the directory, the API, feeds and public pages serve', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'agora-seed-blogs-'));
  try {
    const r = runCli(['seed', '--people', '300', '--blogs', '100', '--blog-entries', '2000'], { dataDir: dir });
    assert.equal(r.code, 0, r.stderr);
    const [, blogs, personal, publicBlogs, entries] = r.stdout.match(/seeded (\d+) blogs \((\d+) personal, (\d+) public\) with (\d+) entries/).map(Number);
    assert.deepEqual([blogs, personal, entries], [100, 70, 2000]);
    assert.ok(publicBlogs > 0 && publicBlogs < 30, `public team blogs: ${publicBlogs}`);
    const again = runCli(['seed', '--blogs', '5'], { dataDir: dir });
    assert.equal(again.code, 1);
    assert.match(again.stderr, /already has blogs/);
    runCli(['admin', 'set-password', '--email', 'person5@seed.example', '--password-stdin'], { dataDir: dir, input: 'reader-password-1\n' });
    const server = await startServer({ dataDir: dir });
    try {
      const reader = new Client(server.url);
      assert.equal((await reader.login('person5@seed.example', 'reader-password-1')).status, 200);
      // Every blog is in the directory, its entries counted; the most recommended first.
      const seen = [];
      let cursor = '';
      do {
        const page = await reader.get(`/api/v1/blogs?sort=recommended&limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
        assert.equal(page.status, 200, page.text);
        seen.push(...page.json.items);
        cursor = page.json.next_cursor;
      } while (cursor);
      assert.equal(seen.length, 100);
      assert.equal(seen.reduce((n, b) => n + b.entry_count, 0), 2000);
      const busiest = [...seen].sort((x, y) => y.entry_count - x.entry_count)[0];
      assert.ok(busiest.entry_count > 2000 / 100 * 3, `a few blogs write most entries: the busiest has ${busiest.entry_count}`);
      // The busiest is the first shared blog, public: its anonymous feed is full (50 entries).
      assert.equal(busiest.handle, 'seed-team-1');
      assert.equal(busiest.audience, 'public');
      assert.ok(busiest.entry_count >= 50, `the busiest public blog has ${busiest.entry_count} entries`);
      const fullFeed = await (await fetch(`${server.url}/feeds/blogs/${busiest.handle}`)).text();
      assert.equal(fullFeed.match(/<entry>/g).length, 50);
      const page = await reader.get(`/api/v1/blogs/${busiest.handle}/entries?limit=5`);
      assert.equal(page.json.items.length, 5);
      const entry = (await reader.get(`/api/v1/blog-entries/${page.json.items[0].id}`)).json;
      assert.ok(entry.body.length > 100 && entry.body_html.startsWith('<p>'));
      assert.ok(entry.reader_count >= entry.recommend_count);
      // A public team blog's feed and an entry's public page.
      const open = seen.find((b) => b.audience === 'public' && b.entry_count > 0);
      const feed = await fetch(`${server.url}/feeds/blogs/${open.handle}`);
      assert.equal(feed.status, 200);
      assert.ok((await feed.text()).includes('<entry>'));
      const openEntry = (await reader.get(`/api/v1/blogs/${open.handle}/entries?limit=1`)).json.items[0];
      assert.equal((await fetch(`${server.url}${openEntry.public_path}`)).status, 200);
    } finally {
      await server.stop();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('seed --wiki-spaces makes spaces of linked pages with revisions that the wiki routes serve', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'agora-seed-wiki-'));
  try {
    const r = runCli(['seed', '--people', '100', '--wiki-spaces', '4', '--wiki-pages', '1000', '--wiki-revisions', '5000'], { dataDir: dir });
    assert.equal(r.code, 0, r.stderr);
    const [, spaces, pages, revisions] = r.stdout.match(/seeded (\d+) wiki spaces with (\d+) pages, (\d+) revisions/).map(Number);
    assert.deepEqual([spaces, pages, revisions], [4, 1000, 5000]);
    const again = runCli(['seed', '--wiki-spaces', '2'], { dataDir: dir });
    assert.notEqual(again.code, 0);
    assert.match(again.stderr, /already has wiki spaces/);
    runCli(['admin', 'set-password', '--email', 'person5@seed.example', '--password-stdin'], { dataDir: dir, input: 'reader-password-1\n' });
    const server = await startServer({ dataDir: dir });
    try {
      const reader = new Client(server.url);
      assert.equal((await reader.login('person5@seed.example', 'reader-password-1')).status, 200);
      const listed = (await reader.get('/api/v1/wiki/spaces?limit=10')).json.items;
      assert.equal(listed.length, 4);
      assert.equal(listed.reduce((n, s) => n + s.page_count, 0), 1000);
      // The first space's first page is linked from a tenth of the pages; its links resolve.
      const hub = await reader.get('/api/v1/wiki/spaces/seed-wiki-1/pages/getting-started');
      assert.equal(hub.status, 200, hub.text);
      assert.ok(hub.json.backlink_count >= 100, `backlinks: ${hub.json.backlink_count}`);
      const linking = (await reader.get(`/api/v1/wiki/pages/${hub.json.id}/backlinks?limit=3`)).json.items;
      assert.equal(linking.length, 3);
      const one = (await reader.get(`/api/v1/wiki/pages/${linking[0].id}`)).json;
      assert.match(one.html, /<a href="\/wiki\/seed-wiki-1\/getting-started">Getting started<\/a>/);
      assert.equal(one.breadcrumbs.length > 0, true);
      const history = (await reader.get(`/api/v1/wiki/pages/${one.id}/revisions?limit=100`)).json.items;
      assert.equal(history.length, one.revision);
      assert.equal((await reader.get(`/api/v1/wiki/pages/${one.id}/revisions/${one.revision}`)).json.body, one.body);
      assert.deepEqual((await reader.get('/api/v1/wiki/spaces/seed-wiki-1/broken-links')).json.items, []);
    } finally {
      await server.stop();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
