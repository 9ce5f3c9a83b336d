/** The parts of a V8 .cpuprofile that the summary reads. */
export interface CpuProfile {
  nodes: Array<{ id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }>;
  samples: number[];
  timeDeltas: number[];
  /** Microseconds on the monotonic clock (the same as `process.hrtime` of any process on the machine). */
  startTime: number;
}

/** Which part of the API stack a frame belongs to, by its file (the bundle keeps node_modules external). */
const PARTS: Array<[string, RegExp]> = [
  ['auth (key hash, cache)', /plugins\/app\/auth|bounded-ttl-cache|api-key/],
  ['rate limit (@fastify/rate-limit, toad-cache)', /@fastify\/rate-limit|toad-cache/],
  ['helmet', /node_modules\/helmet/],
  ['logging (pino, request-log)', /node_modules\/(pino|sonic-boom|fast-redact|quick-format|on-exit-leak-free|thread-stream)|request-log/],
  ['serialization (fast-json-stringify)', /fast-json-stringify|node_modules\/fast-uri|\/json-schema-ref/],
  ['under-pressure', /under-pressure/],
  ['fastify core and router', /node_modules\/(fastify|find-my-way|avvio|light-my-request|@fastify\/(error|fast-json-stringify-compiler|ajv-compiler|proxy-addr)|proxy-addr|fast-querystring|safe-regex2|ret)\//],
  ['API code (routes, services, other plugins)', /dist\/apps\/api\/main\.js/],
  ['Node HTTP, net, streams', /^node:(_http|http|net|stream|internal\/streams|internal\/http|_stream)|node:internal\/(net|stream_base|streams|http)/],
  ['Node crypto', /node:(crypto|internal\/crypto)/],
];

function partOf(url: string, functionName: string): string {
  if (functionName === '(garbage collector)') return 'garbage collection';
  if (functionName === '(program)') return 'V8/native (program)';
  for (const [part, re] of PARTS) if (re.test(url)) return part;
  if (url.startsWith('node:')) return 'Node other';
  if (url === '') return `native: ${functionName || '(anonymous)'}`;
  return 'other';
}

/**
 * Self time per part of the stack and the top functions, as shares of the busy time (idle left
 * out), from the samples taken from `sinceUs` (monotonic µs; start-up and warm-up left out) on.
 */
export function summarizeProfile(profile: CpuProfile, sinceUs = 0, topCount = 25): { parts: Array<[string, number]>; top: Array<[string, number]>; busyMs: number } {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const selfUs = new Map<number, number>();
  let at = profile.startTime;
  profile.samples.forEach((id, i) => {
    at += profile.timeDeltas[i] ?? 0;
    if (at >= sinceUs) selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
  });
  const parts = new Map<string, number>();
  const functions = new Map<string, number>();
  let busy = 0;
  for (const [id, us] of selfUs) {
    const frame = byId.get(id)?.callFrame;
    if (!frame || frame.functionName === '(idle)') continue;
    busy += us;
    const part = partOf(frame.url, frame.functionName);
    parts.set(part, (parts.get(part) ?? 0) + us);
    const name = `${frame.functionName || '(anonymous)'} ${frame.url.replace(/^.*node_modules\//, '')}:${frame.lineNumber + 1}`;
    functions.set(name, (functions.get(name) ?? 0) + us);
  }
  const shares = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1]).map(([k, v]): [string, number] => [k, busy ? v / busy : 0]);
  return { parts: shares(parts), top: shares(functions).slice(0, topCount), busyMs: busy / 1000 };
}
