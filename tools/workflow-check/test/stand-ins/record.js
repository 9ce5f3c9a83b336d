// Shared by the stand-ins: every call is appended to $STANDIN_WORLD/calls.jsonl, in order.
const fs = require('node:fs');
const path = require('node:path');

const world = process.env.STANDIN_WORLD;
if (!world) {
  process.stderr.write('stand-in: STANDIN_WORLD is not set\n');
  process.exit(3);
}

function log(tool, args, where = path.basename(process.cwd())) {
  fs.appendFileSync(path.join(world, 'calls.jsonl'), `${JSON.stringify({ tool, args, where })}\n`);
}

function fail(message, code = 1) {
  process.stderr.write(`${message}\n`);
  process.exit(code);
}

/** A JSON file of the world, created with `empty` on first use. */
function readJson(name, empty) {
  const file = path.join(world, name);
  return fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : empty;
}

function writeJson(name, value) {
  fs.writeFileSync(path.join(world, name), JSON.stringify(value));
}

module.exports = { world, log, fail, readJson, writeJson };
