// Profiles, field privacy, the audience of profiles by role, follows and the reporting line.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { addPeople, assertProblem, setupAdmin, startServer } from '../support/server.mjs';

describe('people', () => {
  let server;
  let admin;
  const people = {};
  const clients = {};
  before(async () => {
    server = await startServer();
    admin = await setupAdmin(server);
    const added = await addPeople(server, admin, [['ana', 'member'], ['bo', 'member'], ['cy', 'member'], ['gus', 'guest'], ['al', 'alumnus'], ['dee', 'member']]);
    Object.assign(people, added.people);
    Object.assign(clients, added.clients);
  });
  after(() => server.stop());

  test('a person edits their profile; fields are normalized and bad ones named', async () => {
    const r = await clients.ana.request('PATCH', '/api/v1/people/me', { body: {
      pronouns: 'she/her', title: ' Staff Engineer ', department: 'Platform', office: 'Stockholm', country: 'se',
      timezone: 'Europe/Stockholm', bio: '**Ask me** about clusters.', phone: '+46 8 123 45', chat: '@ana',
      expertise: ['Kubernetes', ' kubernetes ', 'Go', 'Åsa-style SQL'], visibility: { phone: 'private' } } });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.title, 'Staff Engineer');
    assert.equal(r.json.country, 'SE');
    assert.deepEqual(r.json.expertise, ['go', 'kubernetes', 'åsa-style sql']);
    assert.equal(r.json.phone, '+46 8 123 45', 'the person sees their own private phone');
    assert.deepEqual(r.json.visibility, { email: 'members', phone: 'private', chat: 'members' });
    for (const [body, field] of [[{ country: 'Swedenland' }, 'country'], [{ country: 'XX' }, 'country'],
      [{ timezone: '../etc' }, 'timezone'], [{ timezone: 'Stockholm' }, 'timezone'],
      [{ phone: 'call me' }, 'phone'], [{ expertise: ['a,b'] }, 'expertise'], [{ expertise: 'go' }, 'expertise'],
      [{ title: 'x'.repeat(101) }, 'title'], [{ visibility: { phone: 'everyone' } }, 'visibility.phone'],
      [{ favourite_colour: 'red' }, 'favourite_colour'], [{ title: 5 }, 'title']]) {
      assertProblem(assert, await clients.ana.request('PATCH', '/api/v1/people/me', { body }), 422, { field });
    }
    // A country's name in any of the UI's languages is stored as its code.
    const named = await clients.ana.request('PATCH', '/api/v1/people/me', { body: { country: 'Sverige' } });
    assert.equal(named.status, 200, named.text);
    assert.equal(named.json.country, 'SE');
  });

  test('the bio is Markdown, rendered safely for everyone who reads it', async () => {
    const bio = '**Ask me** about [clusters](https://wiki.example.com/k8s).\n\n<script>alert(1)</script>\n\n[x](javascript:alert(1)) <img src=x onerror=alert(1)>';
    assert.equal((await clients.cy.patch('/api/v1/people/me', { bio })).status, 200);
    const seen = await clients.bo.get(`/api/v1/people/${people.cy.id}`);
    assert.equal(seen.json.bio, bio, 'the source is kept as written');
    assert.match(seen.json.bio_html, /<strong>Ask me<\/strong>/);
    assert.match(seen.json.bio_html, /<a href="https:\/\/wiki\.example\.com\/k8s">clusters<\/a>/);
    for (const bad of ['<script', 'javascript:', 'onerror', '<img']) assert.ok(!seen.json.bio_html.includes(bad), bad);
  });

  test('languages spoken and links: normalized, hostile ones refused by element', async () => {
    const r = await clients.dee.patch('/api/v1/people/me', {
      languages: ['SV', 'en_gb', 'sv', 'pt-br'],
      links: [{ title: 'Blog', url: 'https://blog.example.com/dee' }, { url: 'http://example.org/talks' }] });
    assert.equal(r.status, 200, r.text);
    assert.deepEqual(r.json.languages, ['sv', 'en-GB', 'pt-BR']);
    assert.deepEqual(r.json.links, [{ title: 'Blog', url: 'https://blog.example.com/dee' }, { title: 'example.org', url: 'http://example.org/talks' }]);
    const seen = await clients.bo.get(`/api/v1/people/${people.dee.id}`);
    assert.deepEqual(seen.json.languages, ['sv', 'en-GB', 'pt-BR']);
    assert.equal(seen.json.links.length, 2);
    for (const [body, field] of [[{ languages: 'sv' }, 'languages'], [{ languages: ['sv', 'swedish'] }, 'languages[1]'],
      [{ languages: [7] }, 'languages[0]'], [{ links: [{ url: 'javascript:alert(1)' }] }, 'links[0].url'],
      [{ links: [{ title: 'x' }] }, 'links[0].url'], [{ links: [{ url: 'https://a.example', rel: 'me' }] }, 'links[0].rel'],
      [{ links: ['https://a.example'] }, 'links[0]']]) {
      assertProblem(assert, await clients.dee.patch('/api/v1/people/me', body), 422, { field });
    }
    assert.deepEqual((await clients.dee.get('/api/v1/people/me')).json.languages, ['sv', 'en-GB', 'pt-BR'], 'a refused edit changes nothing');
  });

  test('private fields never reach others; members see the rest', async () => {
    const byHandle = await clients.bo.get(`/api/v1/people/${people.ana.handle}`);
    assert.equal(byHandle.status, 200);
    assert.equal(byHandle.json.id, people.ana.id);
    assert.equal(byHandle.json.title, 'Staff Engineer');
    assert.equal(byHandle.json.chat, '@ana');
    assert.equal(byHandle.json.email, 'ana@example.com');
    assert.ok(!('phone' in byHandle.json), 'private phone left out');
    assert.ok(!('visibility' in byHandle.json), 'settings are the owner\'s');
    assert.ok(!byHandle.text.includes('+46'), 'not anywhere in the response');
    await clients.ana.request('PATCH', '/api/v1/people/me', { body: { visibility: { email: 'private' } } });
    const again = await clients.bo.get(`/api/v1/people/${people.ana.id}`);
    assert.ok(!again.text.includes('ana@example.com'));
    const asAdmin = await admin.get(`/api/v1/people/${people.ana.id}`);
    assert.equal(asAdmin.json.phone, '+46 8 123 45', 'admins see everything');
  });

  test('who sees whose profile: guests and deactivated people', async () => {
    assertProblem(assert, await clients.bo.get(`/api/v1/people/${people.gus.id}`), 404, { type: '/problems/not-found' });
    assert.equal((await clients.gus.get('/api/v1/people/me')).json.role, 'guest');
    assertProblem(assert, await clients.gus.get(`/api/v1/people/${people.ana.id}`), 404);
    assertProblem(assert, await clients.al.get(`/api/v1/people/${people.ana.id}`), 404);
    const alumnus = await clients.bo.get(`/api/v1/people/${people.al.id}`);
    assert.equal(alumnus.status, 200);
    assert.equal(alumnus.json.alumnus, true);
    assertProblem(assert, await clients.bo.get('/api/v1/people/999999'), 404);
    assertProblem(assert, await clients.bo.get('/api/v1/people/no-such-handle'), 404);
    await admin.patch(`/api/v1/admin/users/${people.dee.id}`, { active: false });
    assertProblem(assert, await clients.bo.get(`/api/v1/people/${people.dee.id}`), 404);
    assert.equal((await admin.get(`/api/v1/people/${people.dee.id}`)).status, 200);
    await admin.patch(`/api/v1/admin/users/${people.dee.id}`, { active: true });
  });

  test('only admins edit others and set managers', async () => {
    assertProblem(assert, await clients.bo.request('PATCH', `/api/v1/people/${people.ana.id}`, { body: { title: 'CEO' } }), 403);
    assertProblem(assert, await clients.bo.request('PATCH', '/api/v1/people/me', { body: { manager_id: people.ana.id } }), 403);
    const r = await admin.request('PATCH', `/api/v1/people/${people.bo.id}`, { body: { manager_id: people.ana.id, title: 'Engineer' } });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.manager.id, people.ana.id);
  });

  test('the reporting line: reports, managers up to the top, loops refused', async () => {
    assert.equal((await admin.request('PATCH', `/api/v1/people/${people.cy.id}`, { body: { manager_id: people.bo.id } })).status, 200);
    const chain = await clients.cy.get(`/api/v1/people/${people.cy.id}/managers`);
    assert.deepEqual(chain.json.items.map((p) => p.id), [people.bo.id, people.ana.id]);
    const reports = await clients.cy.get(`/api/v1/people/${people.ana.handle}/reports`);
    assert.deepEqual(reports.json.items.map((p) => p.id), [people.bo.id]);
    const loop = await admin.request('PATCH', `/api/v1/people/${people.ana.id}`, { body: { manager_id: people.cy.id } });
    assertProblem(assert, loop, 422, { field: 'manager_id' });
    assertProblem(assert, await admin.request('PATCH', `/api/v1/people/${people.ana.id}`, { body: { manager_id: people.ana.id } }), 422, { field: 'manager_id' });
    assertProblem(assert, await admin.request('PATCH', `/api/v1/people/${people.ana.id}`, { body: { manager_id: '424242' } }), 422, { field: 'manager_id' });
    assert.equal((await admin.request('PATCH', `/api/v1/people/${people.cy.id}`, { body: { manager_id: null } })).json.manager, null);
  });

  test('changing a handle keeps the old profile address redirecting', async () => {
    const old = people.cy.handle;
    const r = await clients.cy.request('PATCH', '/api/v1/people/me', { body: { handle: 'cy.berg' } });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.handle, 'cy.berg');
    assert.equal((await clients.cy.get('/api/v1/me')).json.handle, 'cy.berg', 'the signed-in account follows at once');
    const moved = await fetch(`${server.url}/api/v1/people/${old}`, { headers: { Cookie: clients.bo.cookie }, redirect: 'manual' });
    assert.equal(moved.status, 301);
    assert.equal(moved.headers.get('location'), '/api/v1/people/cy.berg');
    const followed = await clients.bo.get(moved.headers.get('location'));
    assert.equal(followed.json.id, people.cy.id);
    assertProblem(assert, await clients.bo.request('PATCH', '/api/v1/people/me', { body: { handle: old } }), 409, { field: 'handle' }, 'an old handle stays reserved');
    assertProblem(assert, await clients.bo.request('PATCH', '/api/v1/people/me', { body: { handle: 'cy.berg' } }), 409, { field: 'handle' });
    for (const bad of ['ab', 'Has Caps', '-dash', 'me', 'x'.repeat(31)])
      assertProblem(assert, await clients.bo.request('PATCH', '/api/v1/people/me', { body: { handle: bad } }), 422, { field: 'handle' });
    assert.equal((await clients.cy.request('PATCH', '/api/v1/people/me', { body: { handle: old } })).status, 200, 'one\'s own old handle can be taken back');
    assert.equal((await clients.bo.get(`/api/v1/people/${old}`)).json.handle, old);
    const gone = await fetch(`${server.url}/api/v1/people/cy.berg`, { headers: { Cookie: clients.gus.cookie }, redirect: 'manual' });
    assert.equal(gone.status, 404, 'no redirect reveals a person the viewer may not see');
  });

  test('follow and unfollow; lists page and respect the audience', async () => {
    for (const who of ['bo', 'cy', 'al']) {
      const c = who === 'al' ? admin : clients[who];
      if (who !== 'al') assert.equal((await c.post(`/api/v1/people/${people.ana.id}/follow`)).status, 204);
    }
    assert.equal((await clients.bo.post(`/api/v1/people/${people.ana.id}/follow`)).status, 204, 'following twice is fine');
    assertProblem(assert, await clients.ana.post(`/api/v1/people/${people.ana.id}/follow`), 422);
    assertProblem(assert, await clients.ana.post(`/api/v1/people/${people.gus.id}/follow`), 404, {}, 'cannot follow an invisible guest');
    assertProblem(assert, await clients.gus.post(`/api/v1/people/${people.ana.id}/follow`), 403);
    assertProblem(assert, await clients.bo.post(`/api/v1/people/${people.ana.id}/follow`, undefined, { csrf: false }), 403);
    const profile = await clients.bo.get(`/api/v1/people/${people.ana.id}`);
    assert.equal(profile.json.followers, 2);
    assert.equal(profile.json.followed_by_me, true);
    const page1 = await clients.bo.get(`/api/v1/people/${people.ana.id}/followers?limit=1`);
    assert.equal(page1.json.items.length, 1);
    const page2 = await clients.bo.get(`/api/v1/people/${people.ana.id}/followers?limit=1&cursor=${page1.json.next_cursor}`);
    assert.equal(page2.json.items.length, 1);
    assert.equal(page2.json.next_cursor, null);
    assert.notEqual(page1.json.items[0].id, page2.json.items[0].id);
    const following = await clients.cy.get('/api/v1/people/me/following');
    assert.deepEqual(following.json.items.map((p) => p.id), [people.ana.id]);
    assert.equal((await clients.cy.delete(`/api/v1/people/${people.ana.id}/follow`)).status, 204);
    assert.equal((await clients.bo.get(`/api/v1/people/${people.ana.id}`)).json.followers, 1);
    await admin.patch(`/api/v1/admin/users/${people.bo.id}`, { active: false });
    assert.equal((await clients.ana.get(`/api/v1/people/${people.ana.id}/followers`)).json.items.length, 0, 'deactivated followers are not listed');
    await admin.patch(`/api/v1/admin/users/${people.bo.id}`, { active: true });
  });
});
