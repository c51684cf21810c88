// A loopback SMTP server for bench/mail.sh (npm smtp-server): accepts every mail, keeps
// nothing, and writes how many it received and when, once a second, to the file named by
// its first argument. Prints its port.
import { writeFileSync } from 'node:fs';
import { SMTPServer } from 'smtp-server';

const out = process.argv[2];
let count = 0;
let first = 0;
let last = 0;
const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS'],
  logger: false,
  size: 1 << 20,
  onData(stream, session, callback) {
    stream.on('data', () => {});
    stream.on('end', () => {
      count += 1;
      last = Date.now();
      if (!first) first = last;
      callback();
    });
  },
});
server.listen(0, '127.0.0.1', () => console.log(server.server.address().port));
setInterval(() => writeFileSync(out, `${count} ${first} ${last}\n`), 1000);
