// The directory: name-prefix suggestions on any word, filters, paging, the audience, and
// "who knows about X" ranked by endorsements.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Client, assertProblem, setupAdmin, startServer } from '../support/server.mjs';

describe('directory', () => {
  let server;
  let admin;
  const ids = {};
  const as = {};
  const staff = [
    ['asa', 'Åsa Öberg', 'member', { department: 'Platform', country: 'SE', expertise: ['Kubernetes', 'Go'] }],
    ['dmitri', 'Дмитрий Иванов', 'member', { department: 'Platform', country: 'BG', expertise: ['Kubernetes'] }],
    ['maria', 'Maria Ana López', 'member', { department: 'Sales', country: 'ES', expertise: ['Negotiation'] }],
    ['anders', 'Anders Berg', 'member', { department: 'Platform', country: 'NO', expertise: ['kubernetes', 'Postgres'] }],
    ['gil', 'Gil Guest', 'guest', {}],
    ['olle', 'Olle Alum', 'alumnus', { expertise: ['Kubernetes'] }],
  ];
  before(async () => {
    server = await startServer();
    admin = await setupAdmin(server, { name: 'Zed Admin' });
    for (const [key, name, role, profile] of staff) {
      const r = await admin.post('/api/v1/admin/users', { email: `${key}@example.com`, display_name: name, role, password: `${key}-password-1` });
      ids[key] = r.json.id;
      if (Object.keys(profile).length) assert.equal((await admin.request('PATCH', `/api/v1/people/${r.json.id}`, { body: profile })).status, 200);
      as[key] = new Client(server.url);
      await as[key].login(`${key}@example.com`, `${key}-password-1`);
    }
  });
  after(() => server.stop());

  const names = (r) => r.json.items.map((p) => p.display_name);

  test('names sort as the reader\'s language expects, page after page', async () => {
    const all = async (query, headers = {}) => {
      const out = [];
      let cursor = '';
      do {
        const r = await as.anders.get(`/api/v1/people?limit=2${query}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, { headers });
        assert.equal(r.status, 200, r.text);
        out.push(...names(r));
        cursor = r.json.next_cursor;
      } while (cursor);
      return out;
    };
    const everyone = ['Anders Berg', 'Maria Ana López', 'Olle Alum', 'Zed Admin', 'Åsa Öberg', 'Дмитрий Иванов'];
    assert.deepEqual(await all('&locale=sv'), everyone, 'Swedish: Å after Z');
    assert.deepEqual(await all('', { 'Accept-Language': 'sv-SE,sv;q=0.9,en;q=0.5' }), everyone, 'from the browser\'s languages');
    assert.deepEqual(await all('', { 'Accept-Language': 'en-GB,en' }),
      ['Anders Berg', 'Åsa Öberg', 'Maria Ana López', 'Olle Alum', 'Zed Admin', 'Дмитрий Иванов'], 'English: Å beside A');
    assert.deepEqual(await all('&locale=bg'),
      ['Дмитрий Иванов', 'Anders Berg', 'Åsa Öberg', 'Maria Ana López', 'Olle Alum', 'Zed Admin'], 'Bulgarian: Cyrillic first');
    // A cursor keeps the order it was made in, whatever the next request's language.
    const first = await as.anders.get('/api/v1/people?limit=3&locale=sv');
    const next = await as.anders.get(`/api/v1/people?limit=3&locale=en&cursor=${encodeURIComponent(first.json.next_cursor)}`);
    assert.deepEqual([...names(first), ...names(next)], everyone);
    // Name searches that take the few-matches plan sort the same way.
    // ('a' finds Åsa too: names are found without their accents.)
    assert.deepEqual(names(await as.anders.get('/api/v1/people?q=a&locale=sv')), ['Anders Berg', 'Maria Ana López', 'Olle Alum', 'Zed Admin', 'Åsa Öberg']);
    assert.deepEqual(names(await as.anders.get(`/api/v1/people?q=${encodeURIComponent('д')}&locale=en`)), ['Дмитрий Иванов']);
  });

  test('a few letters of any word of the name suggest people, in any script', async () => {
    assert.deepEqual(names(await as.asa.get('/api/v1/people?q=an')), ['Anders Berg', 'Maria Ana López']);
    assert.deepEqual(names(await as.asa.get('/api/v1/people?q=%C3%B6b')), ['Åsa Öberg'], 'Ö folds to ö');
    assert.deepEqual(names(await as.asa.get(`/api/v1/people?q=${encodeURIComponent('ив')}`)), ['Дмитрий Иванов']);
    assert.deepEqual(names(await as.asa.get('/api/v1/people?q=maria+l')), ['Maria Ana López'], 'every word must match');
    assert.deepEqual(names(await as.asa.get('/api/v1/people?q=%22%29%28*')), [], 'punctuation only finds nobody');
    assert.deepEqual(names(await as.asa.get('/api/v1/people?q=nobody')), []);
  });

  test('names are found in any spelling: without accents, in Latin for Cyrillic, and the other way round', async () => {
    const find = async (q, extra = '') => names(await as.anders.get(`/api/v1/people?q=${encodeURIComponent(q)}${extra}`));
    for (const extra of ['', '&department=Platform']) { // from memory, and through SQL (a filter)
      assert.deepEqual(await find('asa', extra), ['Åsa Öberg'], `asa ${extra}`);
      assert.deepEqual(await find('oberg', extra), ['Åsa Öberg'], `oberg ${extra}`);
      assert.deepEqual(await find('oeberg', extra), ['Åsa Öberg'], `oeberg ${extra}`);
      assert.deepEqual(await find('ivanov', extra), ['Дмитрий Иванов'], `ivanov ${extra}`);
      assert.deepEqual(await find('dmitrij', extra), ['Дмитрий Иванов'], `dmitrij ${extra}`);
    }
    assert.deepEqual(await find('lopez'), ['Maria Ana López']);
    assert.deepEqual(await find('ANDE'), ['Anders Berg']);
    // A renamed person is found by the new name's spellings at once, and not by the old.
    const renamed = await admin.patch(`/api/v1/admin/users/${ids.maria}`, { display_name: 'María Núñez' });
    assert.equal(renamed.status, 200, renamed.text);
    assert.deepEqual(await find('nunez'), ['María Núñez']);
    assert.deepEqual(await find('lopez'), []);
    assert.equal((await admin.patch(`/api/v1/admin/users/${ids.maria}`, { display_name: 'Maria Ana López' })).status, 200);
    // The admin's people list finds them the same way.
    const listed = await admin.get('/api/v1/admin/users?q=ivanov');
    assert.deepEqual(listed.json.items.map((u) => u.display_name), ['Дмитрий Иванов']);
  });

  test('filters by department and country; pages with cursors in name order', async () => {
    assert.deepEqual(names(await as.asa.get('/api/v1/people?department=Platform')), ['Anders Berg', 'Åsa Öberg', 'Дмитрий Иванов']);
    assert.deepEqual(names(await as.asa.get('/api/v1/people?country=se')), ['Åsa Öberg']);
    assert.deepEqual(names(await as.asa.get('/api/v1/people?department=platform')), ['Anders Berg', 'Åsa Öberg', 'Дмитрий Иванов'],
      'a department in any case');
    const departments = await as.asa.get('/api/v1/departments');
    assert.equal(departments.status, 200, departments.text);
    assert.deepEqual(departments.json.items, [{ name: 'Platform', people: 3 }, { name: 'Sales', people: 1 }]);
    assert.deepEqual((await as.gil.get('/api/v1/departments')).json.items, [], 'guests browse no one');
    assert.deepEqual(names(await as.asa.get('/api/v1/people?country=Sweden')), ['Åsa Öberg'], 'a name is as good as the code');
    assert.deepEqual(names(await as.asa.get(`/api/v1/people?country=${encodeURIComponent('Норвегия')}`)), ['Anders Berg']);
    assertProblem(assert, await as.asa.get('/api/v1/people?country=Swedenland'), 422, { field: 'country' });
    assertProblem(assert, await as.asa.get('/api/v1/people?country=XX'), 422, { field: 'country' });
    const seen = [];
    let cursor = '';
    do {
      const r = await as.asa.get(`/api/v1/people?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      assert.ok(r.json.items.length <= 2);
      seen.push(...names(r));
      cursor = r.json.next_cursor;
    } while (cursor);
    assert.equal(new Set(seen).size, seen.length);
    assert.ok(seen.includes('Olle Alum'), 'alumni are listed');
    assert.ok(!seen.includes('Gil Guest'), 'guests are not');
  });

  test('guests and alumni browse no one yet; admins see everyone', async () => {
    assert.deepEqual(names(await as.gil.get('/api/v1/people')), []);
    assert.deepEqual(names(await as.olle.get('/api/v1/people?q=a')), []);
    assert.ok(names(await admin.get('/api/v1/people?q=gil')).includes('Gil Guest'));
    await admin.patch(`/api/v1/admin/users/${ids.maria}`, { active: false });
    assert.deepEqual(names(await as.asa.get('/api/v1/people?q=maria')), [], 'a deactivated person disappears');
    await admin.patch(`/api/v1/admin/users/${ids.maria}`, { active: true });
    assert.equal((await as.maria.login('maria@example.com', 'maria-password-1')).status, 200, 'deactivation ended her session');
    await admin.patch(`/api/v1/admin/users/${ids.maria}`, { display_name: 'Mariana Ruiz' });
    assert.deepEqual(names(await as.asa.get('/api/v1/people?q=rui')), ['Mariana Ruiz'], 'renames reach the index');
  });

  test('who knows about Kubernetes: declared, ranked by endorsements, once per endorser', async () => {
    const before = await as.asa.get('/api/v1/people?expertise=kubernetes');
    assert.deepEqual(new Set(names(before)), new Set(['Åsa Öberg', 'Дмитрий Иванов', 'Anders Berg', 'Olle Alum']));
    for (const who of ['asa', 'maria']) {
      assert.equal((await as[who].request('PUT', `/api/v1/people/${ids.anders}/expertise/kubernetes/endorsement`)).status, 204);
    }
    assert.equal((await as.asa.request('PUT', `/api/v1/people/${ids.anders}/expertise/Kubernetes/endorsement`)).status, 204, 'twice is once');
    assert.equal((await as.maria.request('PUT', `/api/v1/people/${ids.dmitri}/expertise/kubernetes/endorsement`)).status, 204);
    const ranked = await as.asa.get('/api/v1/people?expertise=Kubernetes');
    assert.deepEqual(names(ranked).slice(0, 2), ['Anders Berg', 'Дмитрий Иванов']);
    assert.deepEqual(ranked.json.items.slice(0, 2).map((p) => p.endorsements), [2, 1]);
    const page1 = await as.asa.get('/api/v1/people?expertise=kubernetes&limit=1');
    const page2 = await as.asa.get(`/api/v1/people?expertise=kubernetes&limit=1&cursor=${page1.json.next_cursor}`);
    assert.deepEqual([names(page1)[0], names(page2)[0]], ['Anders Berg', 'Дмитрий Иванов']);
    const profile = await as.asa.get(`/api/v1/people/${ids.anders}`);
    assert.deepEqual(profile.json.endorsements[0], { tag: 'kubernetes', count: 2, endorsed_by_me: true });
    assertProblem(assert, await as.anders.request('PUT', `/api/v1/people/${ids.anders}/expertise/kubernetes/endorsement`), 422);
    assertProblem(assert, await as.asa.request('PUT', `/api/v1/people/${ids.anders}/expertise/cooking/endorsement`), 404);
    assertProblem(assert, await as.gil.request('PUT', `/api/v1/people/${ids.anders}/expertise/kubernetes/endorsement`), 403);
    assert.equal((await as.asa.request('DELETE', `/api/v1/people/${ids.anders}/expertise/kubernetes/endorsement`)).status, 204);
    assert.equal((await as.asa.get(`/api/v1/people/${ids.anders}`)).json.endorsements[0].count, 1);
    // Saving the profile with the same tags keeps the endorsements; dropping a tag drops them.
    await as.anders.request('PATCH', '/api/v1/people/me', { body: { expertise: ['kubernetes', 'postgres'], title: 'SRE' } });
    assert.equal((await as.asa.get(`/api/v1/people/${ids.anders}`)).json.endorsements[0].count, 1);
    await as.anders.request('PATCH', '/api/v1/people/me', { body: { expertise: ['postgres'] } });
    assert.ok(!names(await as.asa.get('/api/v1/people?expertise=kubernetes')).includes('Anders Berg'));
  });
});
