import { test } from 'node:test';
import { addPeople, setupAdmin, startServer } from '/work/main/tests/support/server.mjs';
test('mr', async () => {
  const server = await startServer();
  const admin = await setupAdmin(server);
  const { clients: c } = await addPeople(server, admin, [['ana', 'member', 'Ana'], ['bo', 'member', 'Bo']]);
  await c.ana.post('/api/v1/wiki/spaces', { name: 'H', handle: 'hb' });
  const a = (await c.ana.post('/api/v1/wiki/spaces/hb/pages', { title: 'Popular', body: 'x' })).json;
  const b = (await c.ana.post('/api/v1/wiki/spaces/hb/pages', { title: 'Quiet', body: 'x' })).json;
  await c.ana.post(`/api/v1/wiki/pages/${a.id}/views`);
  await c.bo.post(`/api/v1/wiki/pages/${a.id}/views`);
  await c.bo.post(`/api/v1/wiki/pages/${b.id}/views`);
  console.log(JSON.stringify((await c.ana.get('/api/v1/wiki/spaces/hb/pages?order=most_read&limit=3')).json.items.map((r) => [r.title, r.view_count, r.id])));
  const dir = server.dataDir; console.log('DIR', dir);
  await server.stop();
});
