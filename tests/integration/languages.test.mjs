// Languages: a person's choice kept on the server, the browser's Accept-Language before that,
// the site's default (set by an admin) after; and the language content is written in.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { addPeople, assertProblem, Client, setupAdmin, startServer } from '../support/server.mjs';

describe('languages', () => {
  let server;
  let admin;
  let people;
  let clients;
  before(async () => {
    server = await startServer();
    admin = await setupAdmin(server);
    ({ people, clients } = await addPeople(server, admin, [['ana', 'member', 'Ana Berg'], ['bo', 'member', 'Bo Ek']]));
  });
  after(() => server.stop());

  const session = (client, acceptLanguage) =>
    client.get('/api/v1/auth/session', { headers: acceptLanguage ? { 'Accept-Language': acceptLanguage } : {} });

  test('the eight languages and the site default; the browser decides until a person chooses', async () => {
    const list = (await new Client(server.url).get('/api/v1/languages')).json;
    assert.deepEqual(list.languages.map((l) => l.code), ['en', 'sv', 'nb', 'ru', 'bg', 'de', 'fr', 'es']);
    assert.equal(list.languages.find((l) => l.code === 'bg').name, 'Български');
    assert.equal(list.default, 'en');

    const out = new Client(server.url);
    assert.deepEqual(
      (({ language, site_language }) => ({ language, site_language }))((await session(out, 'da, sv-SE;q=0.8, en;q=0.5')).json),
      { language: 'sv', site_language: 'en' });
    assert.equal((await session(out, 'fi')).json.language, 'en', 'nothing Agora speaks: the site default');
    assert.equal((await session(clients.ana, 'nn-NO')).json.language, 'nb', 'Norwegian readers get Bokmål');
    assert.equal((await session(clients.ana, 'ru')).json.user.language, null, 'not chosen yet');
  });

  test('a person chooses a language; it follows them to every device, and they can give it back to the browser', async () => {
    const r = await clients.ana.patch('/api/v1/me', { language: 'bg' });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.language, 'bg');
    assert.equal((await session(clients.ana, 'sv')).json.language, 'bg', 'the choice wins over the browser');
    const elsewhere = new Client(server.url);
    await elsewhere.login('ana@example.com', 'ana-password-1');
    assert.equal((await session(elsewhere, 'de')).json.language, 'bg', 'on another device too');
    assert.equal((await clients.ana.get('/api/v1/me')).json.language, 'bg');

    for (const [body, field] of [[{ language: 'klingon' }, 'language'], [{ language: 'NO' }, 'language'], [{ language: 5 }, 'language'],
      [{ theme: 'dark' }, 'theme']])
      assertProblem(assert, await clients.ana.patch('/api/v1/me', body), 422, { field });
    assertProblem(assert, await new Client(server.url).patch('/api/v1/me', { language: 'sv' }), 401);

    assert.equal((await clients.ana.patch('/api/v1/me', { language: null })).json.language, null);
    assert.equal((await session(clients.ana, 'de')).json.language, 'de', 'back to what the browser asks for');
  });

  test('an admin sets the site default; others may not; the choice is audited', async () => {
    assertProblem(assert, await clients.bo.put('/api/v1/admin/languages/default', { language: 'sv' }), 403);
    assertProblem(assert, await admin.put('/api/v1/admin/languages/default', { language: 'fi' }), 422, { field: 'language' });
    assertProblem(assert, await admin.put('/api/v1/admin/languages/default', {}), 422, { field: 'language' });
    assert.equal((await admin.put('/api/v1/admin/languages/default', { language: 'nb' })).status, 204);
    assert.equal((await new Client(server.url).get('/api/v1/languages')).json.default, 'nb');
    const out = (await session(new Client(server.url), 'ja, fi')).json;
    assert.equal(out.language, 'nb');
    assert.equal(out.site_language, 'nb');
    assert.equal((await session(clients.bo, 'fr')).json.language, 'fr', 'the browser still comes before the default');
    assert.equal((await admin.put('/api/v1/admin/languages/default', { language: 'en' })).status, 204);
  });

  test('posts and topics carry the language they are written in: declared, else the author\'s, else the browser\'s', async () => {
    await clients.bo.patch('/api/v1/me', { language: 'ru' });
    const own = await clients.bo.post('/api/v1/posts', { body: 'Привет всем' });
    assert.equal(own.json.language, 'ru', "the author's language");
    const declared = await clients.bo.post('/api/v1/posts', { body: 'Здравейте', language: 'bg' });
    assert.equal(declared.json.language, 'bg');
    assert.equal((await clients.ana.get(`/api/v1/posts/${declared.json.id}`)).json.language, 'bg', 'kept');
    assertProblem(assert, await clients.bo.post('/api/v1/posts', { body: 'x', language: 'xx' }), 422, { field: 'language' });
    const browser = await clients.ana.post('/api/v1/posts', { body: 'Hallo zusammen' }, { headers: { 'Accept-Language': 'de-DE' } });
    assert.equal(browser.json.language, 'de');
    const unknown = await clients.ana.post('/api/v1/posts', { body: 'こんにちは' }, { headers: { 'Accept-Language': 'ja' } });
    assert.equal(unknown.json.language, null, 'not one Agora speaks: not known');
    const feed = (await clients.ana.get(`/api/v1/feed?source=person:${people.bo.id}`)).json.items;
    assert.deepEqual(feed.map((p) => p.language), ['bg', 'ru'], 'in feeds too');

    const community = await clients.bo.post('/api/v1/communities', { name: 'Ski club', handle: 'ski-club', type: 'open' });
    assert.equal(community.status, 201, community.text);
    const topic = await clients.bo.post(`/api/v1/communities/${community.json.id}/topics`, { title: 'Лыжи', body: 'Кто едет?' });
    assert.equal(topic.status, 201, topic.text);
    assert.equal(topic.json.language, 'ru');
    assertProblem(assert, await clients.bo.post(`/api/v1/communities/${community.json.id}/topics`, { title: 't', body: 'b', language: 'tlh' }), 422, { field: 'language' });
  });

  test('problems people meet carry a stable reason (and limit) for the client to word in their language', async () => {
    const anon = new Client(server.url);
    assertProblem(assert, await anon.post('/api/v1/auth/login', { email: 'ana@example.com', password: 'not-her-password' }), 401, { reason: 'wrong_credentials' });
    assertProblem(assert, await clients.ana.patch('/api/v1/people/me', { title: 'x'.repeat(101) }), 422, { field: 'title', reason: 'too_long', limit: 100 });
    assertProblem(assert, await clients.ana.patch('/api/v1/people/me', { handle: people.bo.handle }), 409, { field: 'handle', reason: 'taken' });
    assertProblem(assert, await clients.ana.patch('/api/v1/people/me', { languages: Array.from({ length: 21 }, () => 'sv') }), 422, { field: 'languages', reason: 'too_many', limit: 20 });
    assertProblem(assert, await clients.ana.post('/api/v1/posts', { body: '   ' }), 422, { field: 'body', reason: 'required' });
    assertProblem(assert, await clients.ana.post('/api/v1/posts', { body: 'x'.repeat(5001) }), 422, { field: 'body', reason: 'too_long', limit: 5000 });
    assertProblem(assert, await clients.ana.post('/api/v1/auth/password', { current_password: 'wrong-password-1', new_password: 'new-password-1' }), 422, { field: 'current_password', reason: 'incorrect' });
    assertProblem(assert, await clients.ana.post('/api/v1/auth/password', { current_password: 'ana-password-1', new_password: 'short' }), 422, { field: 'new_password', reason: 'too_short', limit: 8 });
    assertProblem(assert, await admin.post('/api/v1/admin/users', { email: 'not an address', display_name: 'X' }), 422, { field: 'email', reason: 'not_email' });
    assertProblem(assert, await admin.post('/api/v1/admin/users', { email: 'x@example.com' }), 422, { field: 'display_name', reason: 'required' });
  });
});
