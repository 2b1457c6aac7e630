// Runs s3rver as its own process so tests talk to a real S3-compatible server over HTTP.
// Usage: node s3rver-process.mjs <port> <directory> <bucket>; prints "listening <port>".
import S3rver from 's3rver';

const [port = '0', directory, bucket = 'reelay-test'] = process.argv.slice(2);
const server = new S3rver({
  port: Number(port),
  address: '127.0.0.1',
  directory,
  silent: true,
  configureBuckets: [{ name: bucket }],
});
const { port: actualPort } = await server.run();
process.stdout.write(`listening ${actualPort}\n`);
const stop = async () => {
  await server.close();
  process.exit(0);
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
