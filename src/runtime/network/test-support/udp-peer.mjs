// A UDP fixture run as a real process (busybox nc here has no UDP):
//   node udp-peer.mjs serve PORT          echoes each datagram back as "echo:<data>"
//   node udp-peer.mjs log PORT            the same, and prints each datagram (latin1) on a line of stdout
//   node udp-peer.mjs send HOST PORT MSG  sends MSG (HOST resolved by the system resolver), prints the reply
import { createSocket } from 'node:dgram';

const [mode, a, b, c] = process.argv.slice(2);
const socket = createSocket('udp4');
if (mode === 'serve' || mode === 'log') {
  socket.on('message', (msg, peer) => {
    if (mode === 'log') process.stdout.write(`got:${msg.toString('latin1')}\n`);
    socket.send(`echo:${msg}`, peer.port, peer.address);
  });
  socket.bind(Number(a), () => process.stdout.write('ready\n'));
} else {
  setTimeout(() => { process.stderr.write('no reply\n'); process.exit(1); }, 2000);
  socket.on('message', (msg) => { process.stdout.write(`${msg}\n`); process.exit(0); });
  socket.send(c ?? 'ping', Number(b), a);
}
