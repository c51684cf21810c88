// A real SMTP server on loopback (npm smtp-server) for the tests: it receives what Agora
// sends, parses each mail with a real mail parser (npm mailparser), and lets a test wait for
// the mail to an address. Rules can refuse a recipient for a while (a 4xx: Agora retries)
// or for good (a 5xx: the mail fails).
import { SMTPServer } from 'smtp-server';
import { simpleParser } from 'mailparser';
import { recordSecret } from './secrets.mjs';

// `auth`: { user, pass } makes the server require that login (AUTH PLAIN/LOGIN over the
// loopback connection).
export async function startSmtp({ auth } = {}) {
  const mails = [];
  const waiters = [];
  const refusals = new Map();  // address -> { code, times }
  const consumed = new Map();  // address -> mails next() has returned
  const logins = [];
  const server = new SMTPServer({
    authOptional: !auth,
    allowInsecureAuth: true,
    onAuth(a, session, callback) {
      logins.push(a.username);
      if (auth && a.username === auth.user && a.password === auth.pass) return callback(null, { user: a.username });
      const err = new Error('Invalid username or password');
      err.responseCode = 535;
      return callback(err);
    },
    disabledCommands: ['STARTTLS'],  // loopback; TLS is libcurl's, tested by use elsewhere
    logger: false,
    onRcptTo(address, session, callback) {
      const rule = refusals.get(address.address.toLowerCase());
      if (rule && rule.times !== 0) {
        if (rule.times > 0) rule.times -= 1;
        const err = new Error(rule.code >= 500 ? 'No such mailbox here' : 'Try again later');
        err.responseCode = rule.code;
        return callback(err);
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks = [];
      stream.on('data', (c) => chunks.push(c));
      stream.on('end', async () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const parsed = await simpleParser(raw);
        const mail = {
          raw,
          parsed,
          envelope: session.envelope,
          to: session.envelope.rcptTo.map((r) => r.address.toLowerCase()),
          subject: parsed.subject,
          text: parsed.text,
          html: parsed.html,
          links: [...(parsed.text ?? '').matchAll(/https?:\/\/\S+/g)].map((m) => m[0]),
        };
        // Whole tokens (an unsubscribe token has dots: its first part alone is a person id).
        for (const l of mail.links) for (const t of l.matchAll(/token=([\w.-]{16,})/g)) recordSecret(t[1]);
        mails.push(mail);
        for (const w of [...waiters]) w();
        callback();
      });
    },
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = server.server.address().port;
  return {
    port,
    url: `smtp://127.0.0.1:${port}`,
    mails,
    logins,
    // Refuse mail to `address` with `code`, `times` times (-1: always).
    refuse(address, code, times = -1) {
      refusals.set(address.toLowerCase(), { code, times });
    },
    to(address) {
      return mails.filter((m) => m.to.includes(address.toLowerCase()));
    },
    // The next mail to `address` that no earlier next() returned (or the one after the first
    // `seen`), waiting for it to arrive.
    async next(address, { seen = consumed.get(address.toLowerCase()) ?? 0, ms = 15000 } = {}) {
      const deadline = Date.now() + ms;
      for (;;) {
        const list = this.to(address);
        if (list.length > seen) {
          consumed.set(address.toLowerCase(), seen + 1);
          return list[seen];
        }
        if (Date.now() > deadline) throw new Error(`no mail to ${address} within ${ms} ms (mails went to ${mails.map((m) => m.to).join(' ')})`);
        await new Promise((resolve) => {
          const timer = setTimeout(resolve, 200);
          waiters.push(() => { clearTimeout(timer); resolve(); });
        });
        waiters.length = 0;
      }
    },
    stop() {
      return new Promise((resolve) => server.close(resolve));
    },
  };
}

// The token of an Agora link in a mail ("/activate#token=...").
export function linkToken(mail, path) {
  const link = mail.links.find((l) => l.includes(`${path}#token=`));
  if (!link) throw new Error(`no ${path} link in the mail:\n${mail.text}`);
  return link.split('#token=')[1];
}
