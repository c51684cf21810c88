// SCIM 2.0 provisioning through the real binary: an admin makes a SCIM token; the tests then
// act as identity providers do. Resources and list answers are checked by npm scimmy's
// schema definitions (an implementation of RFC 7643 we did not write), and the requests are
// the shapes Entra ID and Okta document: Entra's "userName eq" lookup before creating, its
// PATCH with "Replace", "False" as a string and filtered paths, Okta's PATCH without a path
// and PUT of the whole user. Every change is audited; deactivating signs the person out
// everywhere at once; people are never erased.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import SCIMMY from 'scimmy';
import { Client, assertProblem, setupAdmin, startServer } from '../support/server.mjs';
import { recordSecret } from '../support/secrets.mjs';

const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const USER = 'urn:ietf:params:scim:schemas:core:2.0:User';

// A resource as SCIMMY's User schema (with the enterprise extension) reads it: throws on
// anything RFC 7643 does not allow.
let extended = false;
function validUser(resource) {
  const schema = SCIMMY.Schemas.User.definition;
  if (!extended) schema.extend(SCIMMY.Schemas.EnterpriseUser.definition);
  extended = true;
  return schema.coerce(resource, 'out');
}

describe('SCIM 2.0 provisioning', () => {
  let server;
  let admin;
  let token;
  const scim = async (method, path, body, { auth } = {}) => {
    const res = await fetch(`${server.url}/scim/v2${path}`, {
      method,
      headers: { Authorization: `Bearer ${auth ?? token}`, ...(body ? { 'Content-Type': 'application/scim+json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await res.text();
    return { status: res.status, json: text ? JSON.parse(text) : undefined, headers: res.headers };
  };
  before(async () => {
    server = await startServer();
    admin = await setupAdmin(server);
    const made = await admin.post('/api/v1/admin/scim-tokens', { name: 'Entra ID' });
    assert.equal(made.status, 201, made.text);
    token = made.json.token;
    recordSecret(token);
  });
  after(() => server.stop());

  test('without a SCIM token nothing is served', async () => {
    const r = await scim('GET', '/Users', undefined, { auth: 'agscim_not-a-token' });
    assert.equal(r.status, 401);
    assert.deepEqual(r.json.schemas, ['urn:ietf:params:scim:api:messages:2.0:Error']);
    assert.equal(r.json.status, '401');
    // A person's own access token is not a SCIM token.
    const pat = await admin.post('/api/v1/auth/tokens', { name: 'mine' });
    recordSecret(pat.json.token);
    assert.equal((await scim('GET', '/Users', undefined, { auth: pat.json.token })).status, 401);
  });

  test('the discovery documents', async () => {
    const spc = await scim('GET', '/ServiceProviderConfig');
    assert.equal(spc.status, 200);
    assert.equal(spc.headers.get('content-type'), 'application/scim+json');
    SCIMMY.Schemas.ServiceProviderConfig.definition.coerce(spc.json, 'out');
    assert.equal(spc.json.patch.supported, true);
    assert.equal(spc.json.filter.supported, true);
    const types = await scim('GET', '/ResourceTypes');
    assert.deepEqual(types.json.Resources.map((t) => t.endpoint), ['/Users', '/Groups']);
    SCIMMY.Schemas.ResourceType.definition.coerce(types.json.Resources[0], 'out');
    const schemas = await scim('GET', '/Schemas');
    assert.deepEqual(schemas.json.Resources.map((s) => s.id).sort(), [ENTERPRISE, USER, 'urn:ietf:params:scim:schemas:core:2.0:Group'].sort());
    assert.equal((await scim('GET', `/Schemas/${USER}`)).json.name, 'User');
  });

  let ana;
  let boss;
  test('Entra ID looks the person up, creates them, and finds them again by userName and externalId', async () => {
    const bossMade = await scim('POST', '/Users', {
      schemas: [USER], userName: 'boss@example.com', displayName: 'Björn Boss', externalId: 'entra-boss', active: true,
      emails: [{ value: 'boss@example.com', type: 'work', primary: true }],
    });
    assert.equal(bossMade.status, 201);
    boss = bossMade.json;
    const lookup = await scim('GET', `/Users?filter=${encodeURIComponent('userName eq "ana@example.com"')}`);
    assert.equal(lookup.status, 200);
    assert.equal(lookup.json.totalResults, 0);
    const made = await scim('POST', '/Users', {
      schemas: [USER, ENTERPRISE],
      externalId: 'entra-0001',
      userName: 'ana@example.com',
      active: true,
      displayName: 'Ana Ångström',
      title: 'Geologist',
      emails: [{ primary: true, type: 'work', value: 'ana@example.com' }],
      name: { formatted: 'Ana Ångström', familyName: 'Ångström', givenName: 'Ana' },
      phoneNumbers: [{ type: 'work', value: '+46 8 123 45 67' }],
      [ENTERPRISE]: { department: 'Exploration', manager: { value: boss.id } },
    });
    assert.equal(made.status, 201, JSON.stringify(made.json));
    assert.equal(made.headers.get('location'), `${server.url}/scim/v2/Users/${made.json.id}`);
    ana = validUser(made.json);
    assert.equal(ana.userName, 'ana@example.com');
    assert.equal(made.json[ENTERPRISE].department, 'Exploration');
    assert.equal(made.json[ENTERPRISE].manager.value, boss.id);
    // The same person in Agora's own API: a profile with what SCIM set.
    const profile = await admin.get(`/api/v1/people/${made.json.id}`);
    assert.equal(profile.json.title, 'Geologist');
    assert.equal(profile.json.manager.id, boss.id);
    // Found again, and a second create is a uniqueness conflict.
    for (const filter of ['userName eq "ANA@example.com"', 'externalId eq "entra-0001"', `id eq "${made.json.id}"`]) {
      const found = await scim('GET', `/Users?filter=${encodeURIComponent(filter)}`);
      assert.equal(found.json.totalResults, 1, filter);
      assert.equal(found.json.Resources[0].id, made.json.id);
    }
    const again = await scim('POST', '/Users', { schemas: [USER], userName: 'ana@example.com' });
    assert.equal(again.status, 409);
    assert.equal(again.json.scimType, 'uniqueness');
  });

  test('Entra ID\'s PATCH: "Replace", filtered paths, flattened extension attributes, "False" as a string', async () => {
    const r = await scim('PATCH', `/Users/${ana.id}`, {
      schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
      Operations: [
        { op: 'Replace', path: 'title', value: 'Chief Geologist' },
        { op: 'Replace', path: 'emails[type eq "work"].value', value: 'ana.angstrom@example.com' },
        { op: 'Add', path: `${ENTERPRISE}:department`, value: 'Geology' },
        { op: 'Replace', path: 'name.formatted', value: 'Ana Ångström-Berg' },
        { op: 'Replace', path: 'displayName', value: 'Ana Ångström-Berg' },
      ],
    });
    assert.equal(r.status, 200, JSON.stringify(r.json));
    assert.equal(r.json.title, 'Chief Geologist');
    assert.equal(r.json.userName, 'ana.angstrom@example.com');
    assert.equal(r.json[ENTERPRISE].department, 'Geology');
    assert.equal(r.json.displayName, 'Ana Ångström-Berg');
    validUser(r.json);
    const remove = await scim('PATCH', `/Users/${ana.id}`, {
      schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
      Operations: [{ op: 'Remove', path: `${ENTERPRISE}:manager` }],
    });
    assert.equal(remove.json[ENTERPRISE].manager, undefined);
  });

  test('deactivating through SCIM signs the person out everywhere at once; reactivating lets them in again', async () => {
    const set = await admin.post(`/api/v1/admin/users/${ana.id}/password-reset`, {});
    assert.ok([202, 204].includes(set.status));
    const pw = await admin.patch(`/api/v1/admin/users/${ana.id}`, { password: 'ana-password-1' });
    assert.equal(pw.status, 200, pw.text);
    const session = new Client(server.url);
    assert.equal((await session.login('ana.angstrom@example.com', 'ana-password-1')).status, 200);
    const off = await scim('PATCH', `/Users/${ana.id}`, {
      schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
      Operations: [{ op: 'Replace', path: 'active', value: 'False' }],
    });
    assert.equal(off.status, 200);
    assert.equal(off.json.active, false);
    assert.equal((await session.get('/api/v1/me')).status, 401);
    // Okta: an operation without a path.
    const on = await scim('PATCH', `/Users/${ana.id}`, {
      schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
      Operations: [{ op: 'replace', value: { active: true } }],
    });
    assert.equal(on.json.active, true);
    assert.equal((await new Client(server.url).login('ana.angstrom@example.com', 'ana-password-1')).status, 200);
  });

  test('Okta\'s PUT replaces the whole user; fields it leaves out are cleared', async () => {
    const current = (await scim('GET', `/Users/${ana.id}`)).json;
    const put = await scim('PUT', `/Users/${ana.id}`, {
      schemas: [USER], id: ana.id, userName: 'ana.angstrom@example.com', active: true,
      name: { givenName: 'Ana', familyName: 'Berg' }, emails: [{ value: 'ana.angstrom@example.com', primary: true }],
    });
    assert.equal(put.status, 200, JSON.stringify(put.json));
    assert.equal(put.json.displayName, 'Ana Berg');
    assert.equal(put.json.title, undefined);
    assert.equal(put.json.externalId, current.externalId, 'the link stays');
  });

  test('lists page by startIndex and count and filter by other attributes', async () => {
    for (let i = 0; i < 5; i++)
      assert.equal((await scim('POST', '/Users', { schemas: [USER], userName: `p${i}@example.com`, displayName: `Person ${i}`, title: i % 2 ? 'Nurse' : 'Doctor' })).status, 201);
    const all = await scim('GET', '/Users?startIndex=1&count=3');
    assert.equal(all.json.totalResults, 8);  // before the group tests add three  // the admin, boss, ana and five more
    assert.equal(all.json.Resources.length, 3);
    assert.equal(all.json.itemsPerPage, 3);
    const rest = await scim('GET', '/Users?startIndex=7&count=10');
    assert.equal(rest.json.Resources.length, 2);
    assert.equal(rest.json.startIndex, 7);
    new SCIMMY.Messages.ListResponse(all.json);  // reads as a list answer
    const nurses = await scim('GET', `/Users?filter=${encodeURIComponent('title eq "nurse" and userName sw "p"')}`);
    assert.deepEqual(nurses.json.Resources.map((u) => u.userName).sort(), ['p1@example.com', 'p3@example.com']);
    const bad = await scim('GET', `/Users?filter=${encodeURIComponent('title eq')}`);
    assert.equal(bad.status, 400);
    assert.equal(bad.json.scimType, 'invalidFilter');
  });

  test('DELETE deactivates and unlinks; people are never erased', async () => {
    const r = await scim('DELETE', `/Users/${boss.id}`);
    assert.equal(r.status, 204);
    const after = await scim('GET', `/Users/${boss.id}`);
    assert.equal(after.json.active, false);
    assert.equal(after.json.externalId, undefined);
    assert.equal((await scim('GET', '/Users/999999999')).status, 404);
  });

  test('groups become communities whose members follow them (Entra ID\'s and Okta\'s PATCH shapes)', async () => {
    const people = [];
    for (const name of ['g1', 'g2', 'g3']) {
      const r = await scim('POST', '/Users', { schemas: [USER], userName: `${name}@example.com`, displayName: `Group person ${name}` });
      people.push(r.json.id);
    }
    const lookup = await scim('GET', `/Groups?filter=${encodeURIComponent('displayName eq "Team Nord"')}&excludedAttributes=members`);
    assert.equal(lookup.json.totalResults, 0);
    const made = await scim('POST', '/Groups', {
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'], displayName: 'Team Nord', externalId: 'grp-1',
      members: [{ value: people[0] }, { value: people[1] }],
    });
    assert.equal(made.status, 201, JSON.stringify(made.json));
    SCIMMY.Schemas.Group.definition.coerce(made.json, 'out');
    const community = await admin.get(`/api/v1/communities/${made.json.id}`);
    assert.equal(community.status, 200, community.text);
    assert.equal(community.json.name, 'Team Nord');
    const memberIds = async () => (await scim('GET', `/Groups/${made.json.id}`)).json.members.map((m) => m.value).sort();
    // The admin who made the token owns it; the two people are members.
    assert.deepEqual(await memberIds(), [admin.user.id, people[0], people[1]].sort());
    // Entra ID: add with a value array, remove with a value array, rename.
    let r = await scim('PATCH', `/Groups/${made.json.id}`, {
      schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
      Operations: [{ op: 'Add', path: 'members', value: [{ value: people[2] }] },
                   { op: 'Remove', path: 'members', value: [{ value: people[0] }] },
                   { op: 'Replace', path: 'displayName', value: 'Team Nord-Väst' }],
    });
    assert.equal(r.status, 200, JSON.stringify(r.json));
    assert.deepEqual(await memberIds(), [admin.user.id, people[1], people[2]].sort());
    assert.equal(r.json.displayName, 'Team Nord-Väst');
    // Okta: members[value eq "id"].
    r = await scim('PATCH', `/Groups/${made.json.id}`, {
      schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
      Operations: [{ op: 'remove', path: `members[value eq "${people[1]}"]` }],
    });
    assert.deepEqual(await memberIds(), [admin.user.id, people[2]].sort());
    // The person sees the community among theirs; the owner cannot be removed by the group.
    const p2 = (await admin.get(`/api/v1/communities/${made.json.id}/members?limit=100`)).json.items.map((m) => m.person_id ?? m.person?.id ?? m.card?.id);
    assert.ok(p2.includes(people[2]), JSON.stringify(p2));
    r = await scim('PUT', `/Groups/${made.json.id}`, { schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'], displayName: 'Team Nord-Väst', members: [] });
    assert.deepEqual(r.json.members.map((m) => m.value), [admin.user.id]);
    const found = await scim('GET', `/Groups?filter=${encodeURIComponent('externalId eq "grp-1"')}`);
    assert.equal(found.json.totalResults, 1);
    assert.equal((await scim('POST', '/Groups', { schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'], displayName: 'team nord-väst' })).status, 409);
    // DELETE stops provisioning; the community and its posts stay.
    assert.equal((await scim('DELETE', `/Groups/${made.json.id}`)).status, 204);
    assert.equal((await scim('GET', `/Groups/${made.json.id}`)).status, 404);
    assert.equal((await admin.get(`/api/v1/communities/${made.json.id}`)).status, 200);
  });

  test('admins list and revoke SCIM tokens; a revoked token stops working', async () => {
    const list = await admin.get('/api/v1/admin/scim-tokens');
    assert.equal(list.json.items.length, 1);
    assert.equal(list.json.items[0].name, 'Entra ID');
    assert.ok(list.json.items[0].last_used_at);
    assert.ok(!('token' in list.json.items[0]));
    assertProblem(assert, await admin.post('/api/v1/admin/scim-tokens', { name: '' }), 422, { field: 'name' });
    assert.equal((await admin.delete(`/api/v1/admin/scim-tokens/${list.json.items[0].id}`)).status, 204);
    assert.equal((await scim('GET', '/Users')).status, 401);
  });
});
