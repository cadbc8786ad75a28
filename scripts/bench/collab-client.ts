// The load generator of the collaboration benchmark, run by collab-load.ts as a child process so
// that its CPU time is not taken from the bench process's event loop and is measured on its own.
// It gets its configuration over IPC, simulates annotators against the REST API and sends back
// every request's latency and the state the server acknowledged for every annotation.
//
// Kept lean on purpose (node:http with keep-alive, no fetch streams, no imports beyond node:*):
// on a 2-core machine every millisecond the client spends is one the server does not get.
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import { opKinds, type AckState, type ClientConfig, type ClientMessage, type ClientResult, type OpKind } from './collab-protocol';
import { rng } from './stats';

type Reply = { status: number; body: unknown; latencyMs: number; sentAt: number; resent?: boolean };

const send = (message: ClientMessage) => process.send?.(message);

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

type AnnotationBody = { id: string; version: number; documentId: string; start: number; end: number; quote: string; categoryId: string; note: string; annotatorId: string };

function isAnnotation(v: unknown): v is AnnotationBody {
  return typeof v === 'object' && v !== null && typeof (v as { id?: unknown }).id === 'string' && typeof (v as { version?: unknown }).version === 'number';
}

function annotationOf(body: unknown): AnnotationBody | null {
  const a = (body as { annotation?: unknown } | null)?.annotation;
  return isAnnotation(a) ? a : null;
}

function currentOf(body: unknown): AnnotationBody | null {
  const c = (body as { error?: { current?: unknown } } | null)?.error?.current;
  return isAnnotation(c) ? c : null;
}

const toAck = (a: AnnotationBody, deleted = false): AckState => ({
  annotatorId: a.annotatorId, documentId: a.documentId, start: a.start, end: a.end, quote: a.quote,
  categoryId: a.categoryId, note: a.note, version: a.version, deleted,
});

const sameAck = (a: AckState, b: AckState) =>
  a.annotatorId === b.annotatorId && a.documentId === b.documentId && a.start === b.start && a.end === b.end && a.quote === b.quote &&
  a.categoryId === b.categoryId && a.note === b.note && a.version === b.version && a.deleted === b.deleted;

async function run(config: ClientConfig): Promise<ClientResult> {
  const base = new URL(config.baseUrl);
  // One keep-alive connection per annotator (two while a double submit is in flight), as 50
  // browsers would hold; no Nagle delay on small writes.
  // `timeout` also makes Node honour the server's Keep-Alive hint (timeout=5): an idle connection is
  // closed here a second before the server would close it. Without an agent timeout Node ignores the
  // hint, and a request sent on a connection the server was just closing was reset (ECONNRESET).
  const agent = new http.Agent({ keepAlive: true, timeout: 15_000, maxSockets: config.annotators.length * 2, maxFreeSockets: config.annotators.length * 2, noDelay: true });
  const samples: ClientResult['samples'] = { op: [], status: [], sentAt: [], latencyMs: [], measured: [] };
  const acks: Record<string, AckState> = {};
  const anomalies: Record<string, number> = {};
  const anomalyExamples: string[] = [];
  let resent = 0;
  const failures: string[] = [];
  let lagTotal = 0;
  let lagCount = 0;
  const anomaly = (kind: string, detail: string) => {
    anomalies[kind] = (anomalies[kind] ?? 0) + 1;
    if (anomalyExamples.length < 20) anomalyExamples.push(`${kind}: ${detail}`);
  };

  // Set when priming is over; until then nothing is measured.
  let t0 = Number.POSITIVE_INFINITY;
  let measureFrom = Number.POSITIVE_INFINITY;
  let stopAt = Number.POSITIVE_INFINITY;

  function request(op: OpKind, method: string, path: string, token: string, payload?: unknown): Promise<Reply> {
    const data = payload === undefined ? undefined : JSON.stringify(payload);
    return new Promise((resolve) => {
      const sentAt = performance.now();
      const done = (status: number, body: unknown) => {
        if (status === 0 && failures.length < 10) failures.push(`${op} ${method} after ${Math.round(performance.now() - sentAt)} ms: ${String(body)}`);
        const latencyMs = performance.now() - sentAt;
        samples.op.push(opKinds.indexOf(op));
        samples.status.push(status);
        samples.sentAt.push(sentAt);
        samples.latencyMs.push(latencyMs);
        samples.measured.push(sentAt >= measureFrom && sentAt < stopAt);
        resolve({ status, body, latencyMs, sentAt });
      };
      const headers: http.OutgoingHttpHeaders = { authorization: `Bearer ${token}` };
      if (data !== undefined) {
        headers['content-type'] = 'application/json';
        headers['content-length'] = Buffer.byteLength(data);
      }
      const req = http.request({ host: base.hostname, port: base.port, path, method, headers, agent, timeout: 15_000 }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let body: unknown = null;
          if (text) {
            try {
              body = JSON.parse(text);
            } catch {
              body = text;
            }
          }
          done(res.statusCode ?? 0, body);
        });
        res.on('error', (e) => done(0, String(e)));
      });
      req.on('timeout', () => req.destroy(new Error('timed out after 15 s')));
      req.on('error', (e) => done(0, String(e)));
      req.end(data);
    });
  }

  /**
   * Sends until there is an answer that is not a 5xx or a dropped connection: after those the
   * outcome is unknown, and sending the same request again is how a client finds out (the API
   * makes that safe). Gives up after 3 tries and returns the last reply.
   */
  async function requestResolved(op: OpKind, method: string, path: string, token: string, payload?: unknown): Promise<Reply> {
    let reply = await request(op, method, path, token, payload);
    for (let attempt = 1; attempt < 3 && (reply.status === 0 || reply.status >= 500); attempt++) {
      resent++;
      await sleep(50);
      reply = { ...(await request('resend', method, path, token, payload)), resent: true };
    }
    return reply;
  }

  async function annotator(index: number, prime = false): Promise<void> {
    const me = config.annotators[index]!;
    const doc = config.documents[me.documentIndex]!;
    const random = rng(config.seed * 1000 + index);
    const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
    const live: string[] = [];
    let counter = 0;
    const interval = config.rate > 0 ? (config.annotators.length / config.rate) * 1000 : 0;
    // Spread the annotators' first writes over one interval, so they do not all fire at once.
    let next = performance.now() + random() * interval;

    const create = async () => {
      const span = pick(doc.spans);
      const body = { id: randomUUID(), start: span.start, end: span.end, quote: span.quote, categoryId: pick(config.categoryIds), note: '' };
      const path = `/api/documents/${doc.id}/annotations`;
      const fault = random();
      let reply: Reply;
      if (fault < config.faults.race) {
        // A double submit (two tabs, a double click): the same create twice at once. Exactly one
        // may create it (201); the other must answer it as a repeat (200).
        const [a, b] = await Promise.all([request('create-race', 'POST', path, me.token, body), request('create-race', 'POST', path, me.token, body)]);
        const statuses = [a.status, b.status].sort().join(',');
        if (statuses !== '200,201') anomaly('double submit not answered 201 + 200', `${body.id}: ${statuses}`);
        reply = a.status === 201 ? a : b;
        if (reply.status >= 500 || reply.status === 0) reply = await requestResolved('create', 'POST', path, me.token, body);
      } else {
        reply = await requestResolved('create', 'POST', path, me.token, body);
        if (fault < config.faults.race + config.faults.retry && reply.status === 201) {
          // The response is "lost": the client never saw it and sends the same request again,
          // which must return the stored annotation (200) and create nothing.
          const first = annotationOf(reply.body);
          reply = await requestResolved('create-retry', 'POST', path, me.token, body);
          const again = annotationOf(reply.body);
          if (reply.status !== 200) anomaly('retried create not answered 200', `${body.id}: ${reply.status}`);
          else if (!first || !again || !sameAck(toAck(first), toAck(again))) anomaly('retried create answered with other content', body.id);
        }
      }
      const annotation = annotationOf(reply.body);
      if ((reply.status === 201 || reply.status === 200) && annotation) {
        const ack = toAck(annotation);
        const expected: AckState = { annotatorId: me.userId, documentId: doc.id, start: body.start, end: body.end, quote: body.quote, categoryId: body.categoryId, note: '', version: 1, deleted: false };
        if (annotation.id !== body.id || !sameAck(ack, expected)) anomaly('create acknowledged other content', body.id);
        if (reply.status === 200 && fault >= config.faults.race + config.faults.retry && !reply.resent) anomaly('first create answered 200 (repeat)', body.id);
        acks[annotation.id] = ack;
        live.push(annotation.id);
      } else {
        anomaly(`create answered ${reply.status}`, `${body.id}: ${JSON.stringify(reply.body).slice(0, 200)}`);
      }
    };

    const edit = async () => {
      const id = pick(live);
      const known = acks[id]!;
      counter++;
      const change = counter % 2 === 0
        ? { note: `note ${index}-${counter}` }
        : { categoryId: pick(config.categoryIds.filter((c) => c !== known.categoryId)) };
      const body = { version: known.version, ...change };
      const path = `/api/annotations/${id}`;
      let reply = await requestResolved('edit', 'PATCH', path, me.token, body);
      if (reply.status === 200 && random() < config.faults.retry) {
        // A lost response to an edit: the same PATCH again must not apply twice. The version it
        // names is stale now, so the answer is 409 with the state the first one made.
        const first = annotationOf(reply.body);
        reply = await requestResolved('edit-retry', 'PATCH', path, me.token, body);
        const current = currentOf(reply.body);
        if (reply.status !== 409) anomaly('retried edit not answered 409', `${id}: ${reply.status}`);
        else if (!first || !current || !sameAck(toAck(first), toAck(current))) anomaly('retried edit: 409 with other content than the first answer', id);
        if (current) acks[id] = toAck(current);
        return;
      }
      const annotation = annotationOf(reply.body) ?? (reply.status === 409 ? currentOf(reply.body) : null);
      // After a resend, 409 is how the client learns that the first attempt was applied.
      if (reply.status !== 200 && !(reply.resent && reply.status === 409)) anomaly(`edit answered ${reply.status}`, `${id}: ${JSON.stringify(reply.body).slice(0, 200)}`);
      if (annotation) {
        if (reply.status === 200 && annotation.version !== known.version + 1) anomaly('edit acknowledged with an unexpected version', `${id}: ${known.version} → ${annotation.version}`);
        acks[id] = toAck(annotation);
      }
    };

    const remove = async () => {
      const at = Math.floor(random() * live.length);
      const id = live[at]!;
      const reply = await requestResolved('delete', 'DELETE', `/api/annotations/${id}`, me.token);
      // After a resend, 404 means the first attempt deleted it.
      if (reply.status === 204 || (reply.resent && reply.status === 404)) {
        // deleteAnnotation bumps the version; the stored row must say exactly that.
        acks[id] = { ...acks[id]!, version: acks[id]!.version + 1, deleted: true };
        live.splice(at, 1);
      } else {
        anomaly(`delete answered ${reply.status}`, `${id}: ${JSON.stringify(reply.body).slice(0, 200)}`);
      }
    };

    if (prime) {
      for (let tries = 0; live.length === 0 && tries < 5; tries++) await create();
      if (live.length === 0) throw new Error('priming: the server did not acknowledge a create');
      await edit();
      await remove();
      return;
    }
    while (performance.now() < stopAt) {
      if (interval > 0) {
        const wait = next - performance.now();
        if (wait > 0) await sleep(wait);
        else if (performance.now() >= measureFrom) {
          lagTotal -= wait;
          lagCount++;
        }
        next = Math.max(next + interval, performance.now());
        if (performance.now() >= stopAt) break;
      }
      const r = random();
      // An annotator mostly tags; with a few annotations made, some are recoded, annotated with a note or removed.
      if (live.length < 3 || r >= config.mix.edit + config.mix.delete) await create();
      else if (r < config.mix.edit) await edit();
      else await remove();
    }
  }

  // Priming: one annotator creates, edits and deletes once, alone, so that the server has loaded
  // its route modules and opened its first connections before the clock starts. These writes are
  // acknowledged and checked like all others.
  await annotator(0, true);
  t0 = performance.now();
  measureFrom = t0 + config.warmupSeconds * 1000;
  stopAt = measureFrom + config.seconds * 1000;

  const progress = setInterval(() => {
    const now = performance.now();
    const recent = samples.sentAt.filter((s) => s > now - 5000).length;
    send({ kind: 'progress', text: `${Math.round((now - t0) / 1000)} s: ${samples.op.length} requests, ${Math.round(recent / 5)} req/s over the last 5 s` });
  }, 5000);
  const cpuBefore = process.cpuUsage();
  try {
    await Promise.all(config.annotators.map((_, i) => annotator(i)));
  } finally {
    clearInterval(progress);
    agent.destroy();
  }
  const cpu = process.cpuUsage(cpuBefore);
  return {
    samples,
    window: { start: measureFrom, end: stopAt },
    monotonicOffsetMs: Number(process.hrtime.bigint()) / 1e6 - performance.now(),
    acks,
    anomalies,
    anomalyExamples,
    resent,
    failures,
    cpu: { userMs: cpu.user / 1000, systemMs: cpu.system / 1000 },
    meanScheduleLagMs: lagCount === 0 ? 0 : lagTotal / lagCount,
  };
}

// The result can be a few MB; the channel is closed only once it has been written.
const finish = (message: ClientMessage) => process.send?.(message, undefined, {}, () => process.disconnect?.());

process.once('message', (config: ClientConfig) => {
  run(config).then(
    (result) => finish({ kind: 'result', result }),
    (error: unknown) => finish({ kind: 'error', message: error instanceof Error ? (error.stack ?? error.message) : String(error) }),
  );
});
