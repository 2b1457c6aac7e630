// Preloaded into a peer gateway (node --import) whose CLI cannot choose its bind address:
// a listen() on a bare port binds 127.0.0.1 instead of every interface, as the benchmarks'
// loopback-only rule requires.
import net from 'node:net';

const listen = net.Server.prototype.listen;
net.Server.prototype.listen = function (...args) {
  if (typeof args[0] === 'number' && (args.length === 1 || typeof args[1] === 'function')) args.splice(1, 0, '127.0.0.1');
  if (args[0] && typeof args[0] === 'object' && !Array.isArray(args[0]) && args[0].port !== undefined && !args[0].host) args[0] = { ...args[0], host: '127.0.0.1' };
  return listen.apply(this, args);
};
