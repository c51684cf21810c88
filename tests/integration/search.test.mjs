// Search (issue 17) through the real server: the audience matrix through search and its
// suggestions (every kind x audience x reader: secret communities, a banned and a removed
// member, guests, alumni, people hidden from guests), counted facets that never count what
// a reader may not read, the query language, edits and deletes leaving the index at once,
// and words found in their inflected forms in each of the eight languages.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addPeople, assertProblem, Client, runCli, setupAdmin, startServer } from '../support/server.mjs';

const q = (params) => `/api/v1/search?${new URLSearchParams(params)}`;
const ids = (res) => res.json.items.map((i) => i.id);
const facet = (res, kind) => res.json.facets.kind.find((f) => f.value === kind).count;

// The index follows a commit within moments (its queue is drained after commit): wait until
// `client` finds `id` for `words`, which shows everything written before it was indexed too.
async function indexed(client, words, id, ms = 10000) {
  for (const end = Date.now() + ms; Date.now() < end; await new Promise((r) => setTimeout(r, 30))) {
    const r = await client.get(q({ q: words }));
    if (r.status === 200 && ids(r).includes(id)) return;
  }
  assert.fail(`"${words}" never found ${id}`);
}
// Gone from the index: neither shown (each result is checked again when shown, so that is
// at once) nor counted (once the index has applied the change).
async function gone(client, words, id, kind, ms = 10000) {
  for (const end = Date.now() + ms; Date.now() < end; await new Promise((r) => setTimeout(r, 30))) {
    const r = await client.get(q({ q: words }));
    assert.ok(!ids(r).includes(id), 'a deleted post is never shown');
    if (facet(r, kind) === 0) return;
  }
  assert.fail(`"${words}" still finds ${id}`);
}

describe('search: the audience matrix of posts and comments', () => {
  const READERS = ['author', 'colleague', 'listed', 'guest1', 'alum1', 'admin', 'anonymous'];
  const MAY_READ = {
    public: new Set(READERS),
    organization: new Set(['author', 'colleague', 'listed', 'admin']),
    restricted: new Set(['author', 'listed', 'guest1']),
  };
  let server;
  const c = {};
  const p = {};
  const posts = {};
  const comments = {};
  before(async () => {
    server = await startServer();
    c.admin = await setupAdmin(server);
    p.admin = c.admin.user;
    const added = await addPeople(server, c.admin, [['author', 'member'], ['colleague', 'member'], ['listed', 'member'],
      ['guest1', 'guest'], ['alum1', 'alumnus']]);
    Object.assign(p, added.people);
    Object.assign(c, added.clients);
    c.anonymous = new Client(server.url);
    for (const audience of Object.keys(MAY_READ)) {
      const body = { body: `Quarterly zeppelin${audience} planning #zepp${audience}`, audience };
      if (audience === 'restricted') body.people = [p.listed.id, p.guest1.id];
      const r = await c.author.post('/api/v1/posts', body);
      assert.equal(r.status, 201, r.text);
      posts[audience] = r.json;
      const m = await c.author.post(`/api/v1/content/${r.json.id}/comments`, { body: `a remark on kestrel${audience}` });
      assert.equal(m.status, 201, m.text);
      comments[audience] = m.json;
    }
    await indexed(c.author, 'kestrelrestricted', comments.restricted.id);
  });
  after(() => server.stop());

  for (const audience of Object.keys(MAY_READ))
    for (const reader of READERS)
      test(`${audience} post, ${reader}: ${MAY_READ[audience].has(reader) ? 'found' : 'not found, not counted, not suggested'}`, async () => {
        const may = MAY_READ[audience].has(reader);
        const r = await c[reader].get(q({ q: `zeppelin${audience}` }));
        assert.equal(r.status, 200, r.text);
        assert.deepEqual(ids(r), may ? [posts[audience].id] : []);
        assert.equal(facet(r, 'post'), may ? 1 : 0, 'counted');
        const m = await c[reader].get(q({ q: `kestrel${audience}`, kind: 'comment' }));
        assert.deepEqual(ids(m), may ? [comments[audience].id] : [], 'its comment');
        assert.equal(facet(m, 'comment'), may ? 1 : 0);
        if (may) {
          assert.equal(r.json.items[0].url, `/posts/${posts[audience].id}`);
          assert.equal(r.json.items[0].author.id, p.author.id);
          assert.ok(r.json.items[0].snippet.some((s) => s.match && s.text.toLowerCase() === `zeppelin${audience}`), JSON.stringify(r.json.items[0].snippet));
          assert.equal(m.json.items[0].url, `/posts/${posts[audience].id}#comment-${comments[audience].id}`);
        }
        // "Did you mean" corrects a misspelt word only to what the reader may read.
        const typo = await c[reader].get(q({ q: `zepelin${audience}` }));
        assert.deepEqual(ids(typo), []);
        assert.equal(typo.json.suggestion, may ? `zeppelin${audience}` : undefined, 'did you mean');
        // A hashtag is suggested only from what the reader may read.
        if (reader !== 'anonymous') {
          const s = await c[reader].get(`/api/v1/search/suggest?q=zepp${audience}`);
          assert.equal(s.status, 200, s.text);
          assert.deepEqual(s.json.tags, may ? [`zepp${audience}`] : []);
        }
      });

  test('the query language: phrase, exclusion, prefix, from:, tag:, kind:, dates, sort and paging', async () => {
    const a = c.author;
    assert.deepEqual(ids(await a.get(q({ q: '"quarterly zeppelinpublic"' }))), [posts.public.id]);
    assert.deepEqual(ids(await a.get(q({ q: '"zeppelinpublic quarterly"' }))), []);
    assert.deepEqual(new Set(ids(await a.get(q({ q: 'quarterly -zeppelinpublic', kind: 'post' })))),
      new Set([posts.organization.id, posts.restricted.id]));
    assert.equal(ids(await a.get(q({ q: 'zeppelin*', kind: 'post' }))).length, 3);
    assert.equal(ids(await a.get(q({ q: `quarterly from:@${p.author.handle}` }))).length, 3);
    assert.deepEqual(ids(await a.get(q({ q: `quarterly from:@${p.colleague.handle}` }))), []);
    assert.deepEqual(ids(await a.get(q({ q: 'tag:zepporganization' }))), [posts.organization.id]);
    assert.deepEqual(ids(await a.get(q({ q: 'kestrelpublic kind:post' }))), []);
    assert.deepEqual(ids(await a.get(q({ q: 'kestrelpublic kind:comments' }))), [comments.public.id]);
    // Facets count only what the reader may read: the author wrote three, a colleague reads two.
    const mine = await a.get(q({ q: 'quarterly' }));
    assert.deepEqual(mine.json.facets.author.map((f) => [f.value, f.count, f.person.handle]), [[p.author.id, 3, p.author.handle]]);
    const theirs = await c.colleague.get(q({ q: 'quarterly' }));
    assert.deepEqual(theirs.json.facets.author.map((f) => [f.value, f.count]), [[p.author.id, 2]]);
    assert.deepEqual(ids(await c.colleague.get(q({ q: 'quarterly', author: p.author.handle }))).length, 2);
    assert.deepEqual(ids(await a.get(q({ q: 'quarterly before:2000-01-01' }))), []);
    assert.equal(ids(await a.get(q({ q: 'quarterly after:2000-01-01' }))).length, 3);
    assert.equal(ids(await a.get(q({ q: 'quarterly', after: '2000-01-01', author: p.author.handle }))).length, 3);
    // Newest first, two to a page, then the last one.
    const first = await a.get(q({ q: 'quarterly', sort: 'date', limit: '2' }));
    assert.deepEqual(ids(first), [posts.restricted.id, posts.organization.id]);
    assert.ok(first.json.next_cursor);
    const second = await a.get(q({ q: 'quarterly', sort: 'date', limit: '2', cursor: first.json.next_cursor }));
    assert.deepEqual(ids(second), [posts.public.id]);
    assert.equal(second.json.next_cursor, null);
    // The counts come with the first page, of every match here (a small index is one band);
    // later pages carry none (the client keeps the first page's).
    assert.equal(first.json.facets.complete, true);
    assert.equal(first.json.facets.kind.find((f) => f.value === 'post').count, 3);
    assert.deepEqual([second.json.facets.kind, second.json.facets.author], [[], []]);
    // Bad input names its field.
    assertProblem(assert, await a.get(q({ q: 'kind:spaceship' })), 422, { field: 'q' });
    assertProblem(assert, await a.get(q({ q: 'after:yesterday' })), 422, { field: 'q' });
    assertProblem(assert, await a.get(q({ q: 'x', sort: 'size' }), { contract: false }), 422, { field: 'sort' });
    assertProblem(assert, await a.get(q({ q: 'x', before: 'soon' })), 422, { field: 'before' });
    assertProblem(assert, await a.get(q({ q: 'x', cursor: 'nonsense' })), 400);
  });

  test('an edit replaces the old words at once; a delete takes the post away', async () => {
    const r = await c.author.post('/api/v1/posts', { body: 'Moving the albatrossfirst meeting' });
    assert.equal(r.status, 201);
    await indexed(c.colleague, 'albatrossfirst', r.json.id);
    assert.equal((await c.author.patch(`/api/v1/posts/${r.json.id}`, { body: 'Moving the albatrosssecond meeting' })).status, 200);
    await indexed(c.colleague, 'albatrosssecond', r.json.id);
    assert.deepEqual(ids(await c.colleague.get(q({ q: 'albatrossfirst' }))), []);
    assert.equal((await c.author.request('DELETE', `/api/v1/posts/${r.json.id}`)).status, 204);
    await gone(c.colleague, 'albatrosssecond', r.json.id, 'post');
  });
});

describe('search: communities, their content and their people', () => {
  const TYPES = {
    open: { type: 'open' },
    moderated: { type: 'moderated' },
    restricted: { type: 'restricted' },
    secret: { type: 'restricted', listed: false },
  };
  const READERS = ['owner', 'member', 'pending', 'banned', 'outsider', 'guest', 'alumnus'];
  const MEMBERS = new Set(['owner', 'member']);
  const readsContent = (kind, reader) => MEMBERS.has(reader) || (kind === 'open' && (reader === 'pending' || reader === 'outsider'));
  const seesCommunity = (kind, reader) =>
    MEMBERS.has(reader) || reader === 'pending' || (kind !== 'secret' && (reader === 'banned' || reader === 'outsider'));
  let server;
  let p;
  let c;
  const made = {};
  const posts = {};
  const topics = {};
  before(async () => {
    server = await startServer();
    const admin = await setupAdmin(server);
    ({ people: p, clients: c } = await addPeople(server, admin, [
      ['owner', 'member', 'Olle Owner'], ['member', 'member', 'Märta Ström'], ['pending', 'member'], ['banned', 'member'],
      ['outsider', 'member'], ['guest', 'guest', 'Gustav Quillguest'], ['alumnus', 'alumnus', 'Ivan Иванов'],
    ]));
    c.admin = admin;
    const ok = (r, what) => assert.ok(r.status < 300, `${what}: ${r.status} ${r.text}`);
    for (const [kind, shape] of Object.entries(TYPES)) {
      const r = await c.owner.post('/api/v1/communities', { name: `Harbour ${kind}`, handle: `harbour-${kind}`, ...shape });
      ok(r, `create ${kind}`);
      made[kind] = r.json;
      const base = `/api/v1/communities/${r.json.id}`;
      const enter = async (who) => {
        if (kind === 'open') ok(await c[who].post(`${base}/join`), `${who} joins`);
        else if (kind === 'moderated') {
          ok(await c[who].post(`${base}/join`), `${who} asks`);
          ok(await c.owner.patch(`${base}/members/${p[who].id}`, { state: 'active' }), `approve ${who}`);
        } else {
          ok(await c.owner.post(`${base}/invitations`, { person_id: p[who].id }), `invite ${who}`);
          ok(await c[who].post(`${base}/join`), `${who} accepts`);
        }
      };
      for (const who of ['member', 'banned']) await enter(who);
      ok(await c.owner.request('DELETE', `${base}/members/${p.banned.id}`, { body: { ban: true } }), 'ban');
      if (kind === 'moderated') ok(await c.pending.post(`${base}/join`), 'pending asks');
      else if (kind !== 'open') ok(await c.owner.post(`${base}/invitations`, { person_id: p.pending.id }), 'pending invited');
      const post = await c.member.post('/api/v1/posts', { body: `Lighthouse${kind} schedule #beacon${kind}`, audience: 'community', community_id: r.json.id });
      ok(post, `post in ${kind}`);
      posts[kind] = post.json;
      const topic = await c.member.post(`${base}/topics`, { title: `Ferry${kind} timetable`, body: 'when do they sail' });
      ok(topic, `topic in ${kind}`);
      topics[kind] = topic.json;
    }
    await indexed(c.member, 'ferrysecret', topics.secret.id);
  });
  after(() => server.stop());

  for (const kind of Object.keys(TYPES))
    for (const reader of READERS) {
      const reads = readsContent(kind, reader);
      const sees = seesCommunity(kind, reader);
      test(`${kind} community, ${reader}: ${reads ? 'finds its content' : sees ? 'finds it, not its content' : 'finds nothing of it'}`, async () => {
        const client = c[reader];
        const r = await client.get(q({ q: `lighthouse${kind}` }));
        assert.deepEqual(ids(r), reads ? [posts[kind].id] : [], 'post');
        assert.equal(facet(r, 'post'), reads ? 1 : 0);
        const t = await client.get(q({ q: `ferry${kind}` }));
        assert.deepEqual(ids(t), reads ? [topics[kind].id] : [], 'topic');
        if (reads) assert.equal(t.json.items[0].title, `Ferry${kind} timetable`);
        const x = await client.get(q({ q: `harbour ${kind}`, kind: 'community' }));
        assert.deepEqual(ids(x), sees ? [made[kind].id] : [], 'the community');
        assert.equal(facet(x, 'community'), sees ? 1 : 0);
        const inside = await client.get(q({ q: `in:harbour-${kind} schedule` }));
        assert.deepEqual(ids(inside), reads ? [posts[kind].id] : [], 'in:');
        const s = await client.get(`/api/v1/search/suggest?q=${encodeURIComponent(`harbour ${kind.slice(0, 3)}`)}`);
        assert.deepEqual(s.json.communities.map((k) => k.id), sees ? [made[kind].id] : [], 'suggested community');
        const typo = await client.get(q({ q: `lighthuose${kind} from:@${p.member.handle}` }));
        assert.equal(typo.json.suggestion, reads ? `lighthouse${kind} from:@${p.member.handle}` : undefined, 'did you mean');
        const tags = await client.get(`/api/v1/search/suggest?q=Beacon${kind}`);
        assert.deepEqual(tags.json.tags, reads ? [`beacon${kind}`] : [], 'suggested hashtag');
      });
    }

  test('the community facet counts only communities whose content the reader reads', async () => {
    const counts = async (who) => Object.fromEntries((await c[who].get(q({ q: 'schedule' }))).json.facets.community
      .map((f) => [f.community.handle, f.count]));
    assert.deepEqual(await counts('member'), { 'harbour-open': 1, 'harbour-moderated': 1, 'harbour-restricted': 1, 'harbour-secret': 1 });
    assert.deepEqual(await counts('outsider'), { 'harbour-open': 1 });
    assert.deepEqual(await counts('guest'), {});
    const narrowed = await c.member.get(q({ q: 'schedule', community: 'harbour-secret' }));
    assert.deepEqual(ids(narrowed), [posts.secret.id]);
  });

  test('a member who leaves a secret community finds its content no more (no reindex needed)', async () => {
    const base = `/api/v1/communities/${made.secret.id}`;
    const newcomer = await addPeople(server, c.admin, [['newcomer', 'member']]);
    const n = newcomer.clients.newcomer;
    assert.equal((await c.owner.post(`${base}/invitations`, { person_id: newcomer.people.newcomer.id })).status < 300, true);
    assert.equal((await n.post(`${base}/join`)).status < 300, true);
    assert.deepEqual(ids(await n.get(q({ q: 'lighthousesecret' }))), [posts.secret.id]);
    assert.equal((await n.post(`${base}/leave`)).status < 300, true);
    const after = await n.get(q({ q: 'lighthousesecret' }));
    assert.deepEqual(ids(after), []);
    assert.equal(facet(after, 'post'), 0);
  });

  test('people: found by name, accents and script aside; a guest only by who may see them', async () => {
    await indexed(c.outsider, 'strom', p.member.id);
    for (const words of ['Ström', 'strom', 'marta strom', 'MÄRTA']) {
      const r = await c.outsider.get(q({ q: words, kind: 'person' }));
      assert.deepEqual(ids(r), [p.member.id], words);
      assert.equal(r.json.items[0].person.handle, p.member.handle);
      assert.equal(r.json.items[0].url, `/people/${p.member.handle}`);
    }
    // Across scripts: the Cyrillic name by its Latin spelling.
    assert.deepEqual(ids(await c.admin.get(q({ q: 'ivanov', kind: 'person' }))), [p.alumnus.id]);
    // Typeahead: the start of a name.
    assert.deepEqual((await c.outsider.get('/api/v1/search/suggest?q=m%C3%A4r')).json.people.map((x) => x.id), [p.member.id]);
    // A guest is seen by admins and by who shares a community with them, by no one else.
    assert.deepEqual(ids(await c.admin.get(q({ q: 'quillguest' }))), [p.guest.id]);
    assert.deepEqual(ids(await c.outsider.get(q({ q: 'quillguest' }))), []);
    assert.equal(facet(await c.outsider.get(q({ q: 'quillguest' })), 'person'), 0);
    assert.deepEqual((await c.outsider.get('/api/v1/search/suggest?q=quillg')).json.people, []);
    // A guest sees no one they share no community with; anonymous readers find no people.
    assert.deepEqual(ids(await c.guest.get(q({ q: 'strom', kind: 'person' }))), []);
    assert.deepEqual(ids(await new Client(server.url).get(q({ q: 'strom' }))), []);
    assertProblem(assert, await new Client(server.url).get('/api/v1/search/suggest?q=str'), 401);
  });

  test('one word that is people\'s expertise: the most endorsed of them first, each once, with a post of theirs', async () => {
    for (const who of ['member', 'outsider'])
      assert.equal((await c.admin.request('PATCH', `/api/v1/people/${p[who].id}`, { body: { expertise: ['Zymurgy'] } })).status, 200);
    for (const by of ['member', 'admin'])
      assert.equal((await c[by].request('PUT', `/api/v1/people/${p.outsider.id}/expertise/zymurgy/endorsement`)).status, 204);
    const post = await c.member.post('/api/v1/posts', { body: 'Zymurgy night: bring your own yeast' });
    assert.equal(post.status, 201);
    // (The queue is applied in order: the people's new expertise is in the index before the post.)
    await indexed(c.member, 'zymurgy', post.json.id);
    const r = await c.member.get(q({ q: 'zymurgy' }));
    const people = r.json.items.filter((x) => x.kind === 'person').map((x) => x.id);
    assert.deepEqual(people, [p.outsider.id, p.member.id], 'most endorsed first, no one twice');
    assert.equal(r.json.items[0].snippet[0].text, 'zymurgy');
    assert.ok(r.json.items.some((x) => x.kind === 'post'));
    // Filtered to a kind without people, or by an author: no experts.
    assert.deepEqual((await c.member.get(q({ q: 'zymurgy', kind: 'post' }))).json.items.map((x) => x.kind), ['post']);
    // A guest has no directory: their search has no experts they may not see.
    assert.deepEqual(ids(await c.guest.get(q({ q: 'zymurgy', kind: 'person' }))), []);
    // Why each matched: a post they wrote with the words, if the reader may read one.
    const named = await c.outsider.post('/api/v1/posts', { body: 'Zymurgy notes for the admin only', audience: 'restricted', people: [c.admin.user.id] });
    assert.equal(named.status, 201);
    await indexed(c.admin, 'zymurgy notes', named.json.id);
    const why = Object.fromEntries((await c.member.get(q({ q: 'zymurgy' }))).json.items.filter((x) => x.kind === 'person').map((x) => [x.id, x.wrote]));
    assert.equal(why[p.member.id]?.id, post.json.id, 'the member\'s post');
    assert.equal(why[p.member.id].url, `/posts/${post.json.id}`);
    assert.ok(why[p.member.id].snippet.some((part) => part.match && /zymurgy/i.test(part.text)));
    assert.equal(why[p.outsider.id], undefined, 'a post the reader may not read is no reason shown');
    // (Reasons are drawn from what the whole organization reads: not even a listed reader is
    // shown a post for named people beside a name.)
    const asAdmin = (await c.admin.get(q({ q: 'zymurgy' }))).json.items.find((x) => x.id === p.outsider.id);
    assert.equal(asAdmin.wrote, undefined);
    const open = await c.outsider.post('/api/v1/posts', { body: 'My zymurgy log, week one' });
    assert.equal(open.status, 201);
    await indexed(c.member, 'zymurgy log', open.json.id);
    const now = (await c.member.get(q({ q: 'zymurgy' }))).json.items.find((x) => x.id === p.outsider.id);
    assert.equal(now.wrote?.id, open.json.id, 'an organization post is');
  });
});

describe('search: words in their inflected forms, in every language', () => {
  // [language, what is written, a query in another form of one of its words]
  const SENTENCES = [
    ['en', 'She was running the migration all night', 'run'],
    ['sv', 'Syftet med projektet är att minska resorna', 'resa'],
    ['nb', 'Vi trenger flere frivillige til dugnaden', 'frivillig'],
    ['ru', 'Новое сообщество для тех, кто любит походы в горы', 'сообщества'],
    ['bg', 'Новите служители започват работа в понеделник', 'служител'],
    ['de', 'Wir suchen Kolleginnen für die neuen Projekte', 'Projekt'],
    ['fr', 'Les nouvelles équipes commencent lundi', 'équipe'],
    ['es', 'Las reuniones de los lunes son cortas', 'reunión'],
  ];
  let server;
  let writer;
  let reader;
  const made = {};
  before(async () => {
    server = await startServer();
    const admin = await setupAdmin(server);
    ({ clients: { writer, reader } } = await addPeople(server, admin, [['writer', 'member'], ['reader', 'member']]));
    for (const [language, text] of SENTENCES) {
      const r = await writer.post('/api/v1/posts', { body: text, language });
      assert.equal(r.status, 201, r.text);
      made[language] = r.json.id;
    }
    await indexed(reader, 'cortas', made.es);
  });
  after(() => server.stop());

  test('the language facet counts the languages of the matches', async () => {
    const r = await reader.get(q({ q: 'cortas OR frivillige OR походы' }));
    assert.deepEqual(Object.fromEntries(r.json.facets.language.map((f) => [f.value, f.count])), { es: 1, nb: 1, ru: 1 });
  });

  for (const [language, text, query] of SENTENCES)
    test(`${language}: "${query}" finds "${text}"`, async () => {
      const r = await reader.get(q({ q: query }), { headers: { 'Accept-Language': language } });
      assert.deepEqual(ids(r), [made[language]]);
      assert.ok(r.json.items[0].snippet.some((s) => s.match), JSON.stringify(r.json.items[0].snippet));
      // Filtered by the language it is written in.
      assert.deepEqual(ids(await reader.get(q({ q: query, lang: language }), { headers: { 'Accept-Language': language } })), [made[language]]);
      const other = language === 'en' ? 'de' : 'en';
      assert.deepEqual(ids(await reader.get(q({ q: query, lang: other }), { headers: { 'Accept-Language': language } })), []);
    });
});

describe('search: agora reindex', () => {
  test('rebuilds the index from the database with its progress, not while a server holds it; the server finds what it indexed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'agora-reindex-'));
    assert.equal(runCli(['seed', '--people', '300', '--posts', '2000', '--seed', '3'], { dataDir: dir }).code, 0);
    const r = runCli(['reindex'], { dataDir: dir });
    assert.equal(r.code, 0, r.stderr);
    const m = r.stdout.match(/indexed (\d+) documents in [\d.]+ s \(\d+\/s\); the index takes [\d.]+ MB/);
    assert.ok(m, r.stdout);
    assert.ok(Number(m[1]) >= 2300, r.stdout);  // the people and the posts, and their comments
    assert.match(r.stderr, /100%\s+\d+\/\d+ documents\s+\d+\/s/, 'progress with its rate');
    const password = runCli(['admin', 'set-password', '--email', 'person1@seed.example', '--password-stdin'],
      { dataDir: dir, input: 'reader-password-1\n' });
    assert.equal(password.code, 0, password.stderr);
    const server = await startServer({ dataDir: dir });
    try {
      const refused = runCli(['reindex'], { dataDir: dir });
      assert.equal(refused.code, 1);
      assert.match(refused.stderr, /stop the server first/);
      const reader = new Client(server.url);
      assert.equal((await reader.login('person1@seed.example', 'reader-password-1')).status, 200);
      const found = await reader.get(q({ q: 'guide OR tip OR lessons', kind: 'post' }));
      assert.ok(found.json.items.length > 0, found.text);
      assert.ok(found.json.facets.kind.find((f) => f.value === 'post').count >= found.json.items.length);
    } finally {
      await server.stop();
    }
  });
});
