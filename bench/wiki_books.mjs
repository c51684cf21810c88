// Wiki books (issue 19, "export"): a space of PAGES (200) pages in a tree ten wide, each about
// 3 KB of Markdown with headings, lists, a table, code and links to other pages; then, ROUNDS
// (5) times each, the time to download (1) a PDF of a top page and the 19 pages below it (20
// pages: weasyprint in its own process), (2) an EPUB of the whole space, (3) a PDF of the
// whole space, as the person waits for it (the server's own time is in its log, "wiki export").
// Acceptance: a 20-page PDF under 5 s, a 200-page EPUB under 2 s.
//
//   node bench/wiki_books.mjs      (BINARY=path/to/agora to measure another build)
import { resolve } from 'node:path';

process.env.TEST_AGORA_BINARY = process.env.BINARY ? resolve(process.env.BINARY) : process.env.TEST_AGORA_BINARY || resolve('build/agora');
const { addPeople, setupAdmin, startServer } = await import('../tests/support/server.mjs');
const PAGES = Number(process.env.PAGES ?? 200);
const ROUNDS = Number(process.env.ROUNDS ?? 5);

const server = await startServer({ env: { AGORA_HTTP_WRITES_PER_MINUTE: '0' } });
try {
  const admin = await setupAdmin(server);
  const { clients } = await addPeople(server, admin, [['ana', 'member', 'Ana Berg']]);
  const ana = clients.ana;
  await ana.post('/api/v1/wiki/spaces', { name: 'Culture Book', handle: 'culture', description: 'What our people wrote this year' });
  const text = (n) =>
    `# Chapter ${n}\n\nThis is the story of team ${n}. ${'We build things people use, and we write down how. '.repeat(8)}\n\n` +
    `## What we learned\n\n- Ship small\n- Write it down: see [[Page ${Math.max(1, n - 1)}]] and [[Page ${n + 1}]]\n- Ask early\n\n` +
    `| Quarter | Done |\n|---|---|\n| Q1 | ${n} |\n| Q2 | ${n * 2} |\n\n\`\`\`\nmake test\n\`\`\`\n\n` +
    `## Next year\n\n${'More of the same, and better. '.repeat(20)}\n`;
  const tops = [];
  const started = Date.now();
  for (let n = 1; n <= PAGES; n++) {
    const top = (n - 1) % 20 === 0;
    const r = await ana.post('/api/v1/wiki/spaces/culture/pages', { title: `Page ${n}`, body: text(n), ...(top ? {} : { parent: tops.at(-1) }) });
    if (r.status !== 201) throw new Error(r.text);
    if (top) tops.push(r.json.id);
  }
  console.log(`${PAGES} pages made in ${((Date.now() - started) / 1000).toFixed(1)} s`);

  const time = async (path) => {
    const t0 = performance.now();
    const r = await fetch(server.url + path, { headers: { Authorization: `Bearer ${ana.token}`, Cookie: ana.cookie } });
    const bytes = (await r.arrayBuffer()).byteLength;
    if (r.status !== 200) throw new Error(`${path}: ${r.status}`);
    return { ms: performance.now() - t0, bytes };
  };
  const measure = async (label, path, rounds) => {
    const runs = [];
    for (let i = 0; i < rounds; i++) runs.push(await time(path));
    const ms = runs.map((r) => r.ms).sort((a, b) => a - b);
    console.log(`${label}: median ${(ms[Math.floor(ms.length / 2)] / 1000).toFixed(2)} s, slowest ${(ms.at(-1) / 1000).toFixed(2)} s, ${(runs[0].bytes / 1024).toFixed(0)} KiB`);
  };
  await measure('PDF, a page and the 19 below it (20 pages)', `/api/v1/wiki/pages/${tops[0]}/export?format=pdf&scope=subtree`, ROUNDS);
  await measure(`EPUB, the whole space (${PAGES} pages)`, '/api/v1/wiki/spaces/culture/export?format=epub', ROUNDS);
  await measure(`PDF, the whole space (${PAGES} pages)`, '/api/v1/wiki/spaces/culture/export?format=pdf', Math.min(ROUNDS, 2));
} finally {
  await server.stop();
}
