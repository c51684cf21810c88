// A new person's way in: the Discover feed (everything they may read across the
// organization), people to follow with the reason, communities to join, trending hashtags;
// each obeys the audience rule, and guests get none of what they may not read.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { addPeople, setupAdmin, startServer } from '../support/server.mjs';

describe('discover, suggestions and trends', () => {
  let server;
  let p;
  let c;
  const made = {};
  before(async () => {
    server = await startServer();
    const admin = await setupAdmin(server);
    ({ people: p, clients: c } = await addPeople(server, admin, [
      ['boss', 'member', 'Bea Boss'], ['new', 'member', 'Nils New'], ['peer', 'member', 'Pia Peer'], ['desk', 'member', 'Dag Desk'],
      ['far', 'member', 'Fia Far'], ['gus', 'guest', 'Gus Guest'],
    ]));
    const patch = (who, body) => admin.request('PATCH', `/api/v1/people/${p[who].id}`, { body });
    await patch('new', { manager_id: p.boss.id, department: 'Platform', office: 'Oslo' });
    await patch('peer', { manager_id: p.boss.id });
    await patch('desk', { department: 'Platform' });
    await patch('far', { department: 'Sales', office: 'Oslo' });
    for (const [key, type, extra] of [['open', 'open', {}], ['moderated', 'moderated', {}], ['secret', 'restricted', { listed: false }]]) {
      const r = await c.far.post('/api/v1/communities', { name: `Club ${key}`, handle: `club-${key}`, type, ...extra });
      assert.equal(r.status, 201, r.text);
      made[key] = r.json;
    }
    const post = async (who, body) => {
      const r = await c[who].post('/api/v1/posts', body);
      assert.equal(r.status, 201, r.text);
      return r.json;
    };
    made.org = await post('far', { body: 'Quarterly numbers #results #kpi' });
    made.org2 = await post('desk', { body: 'Deploy freeze #results' });
    made.named = await post('far', { body: 'Just for Dag #results #secretplan', audience: 'restricted', people: [p.desk.id] });
    made.inOpen = await post('far', { body: 'Open club news #club', audience: 'community', community_id: made.open.id });
    made.inSecret = await post('far', { body: 'Secret club news #hush', audience: 'community', community_id: made.secret.id });
  });
  after(() => server.stop());

  test('Discover shows what the reader may read across the organization, newest first, not posts for named people', async () => {
    const r = await c.new.get('/api/v1/feed?source=discover');
    assert.equal(r.status, 200, r.text);
    assert.deepEqual(r.json.items.map((i) => i.id), [made.inOpen.id, made.org2.id, made.org.id]);
    // Dag is named on the restricted post: it is in his home feed, not in Discover.
    assert.ok(!(await c.desk.get('/api/v1/feed?source=discover')).json.items.some((i) => i.id === made.named.id));
    // A guest reads none of it.
    assert.deepEqual((await c.gus.get('/api/v1/feed?source=discover')).json.items, []);
    // Pages with a cursor.
    const first = await c.new.get('/api/v1/feed?source=discover&limit=2');
    const next = await c.new.get(`/api/v1/feed?source=discover&limit=2&cursor=${encodeURIComponent(first.json.next_cursor)}`);
    assert.deepEqual([...first.json.items, ...next.json.items].map((i) => i.id), [made.inOpen.id, made.org2.id, made.org.id]);
  });

  test('people to follow: manager, team, department, office, with the reason; not those already followed', async () => {
    const r = await c.new.get('/api/v1/suggestions/people');
    assert.equal(r.status, 200, r.text);
    assert.deepEqual(r.json.items.map((i) => [i.display_name, i.reason]),
      [['Bea Boss', 'manager'], ['Pia Peer', 'team'], ['Dag Desk', 'department'], ['Fia Far', 'office']]);
    assert.equal((await c.new.post(`/api/v1/people/${p.peer.id}/follow`)).status < 300, true);
    assert.ok(!(await c.new.get('/api/v1/suggestions/people')).json.items.some((i) => i.id === p.peer.id), 'followed: no longer suggested');
    const boss = await c.boss.get('/api/v1/suggestions/people');
    assert.deepEqual(boss.json.items.filter((i) => i.reason === 'report').map((i) => i.display_name).sort(), ['Nils New', 'Pia Peer']);
    assert.deepEqual((await c.gus.get('/api/v1/suggestions/people')).json.items, []);
  });

  test('communities to join: open and moderated ones the reader sees and has no part in, most members first', async () => {
    const r = await c.new.get('/api/v1/suggestions/communities');
    assert.equal(r.status, 200, r.text);
    assert.deepEqual(r.json.items.map((i) => i.handle).sort(), ['club-moderated', 'club-open']);
    assert.equal((await c.new.post(`/api/v1/communities/${made.open.id}/join`)).status, 200);
    assert.deepEqual((await c.new.get('/api/v1/suggestions/communities')).json.items.map((i) => i.handle), ['club-moderated']);
    assert.deepEqual((await c.gus.get('/api/v1/suggestions/communities')).json.items, []);
  });

  test('trending hashtags count organization-wide posts of the last 7 days only', async () => {
    const r = await c.new.get('/api/v1/trends/hashtags');
    assert.equal(r.status, 200, r.text);
    assert.deepEqual(r.json.items, [{ tag: 'results', posts: 2 }, { tag: 'kpi', posts: 1 }],
      'not the restricted post\'s #secretplan, not the communities\' #club or #hush');
    assert.deepEqual((await c.gus.get('/api/v1/trends/hashtags')).json.items, []);
  });
});
