// What the collaboration load benchmark (collab-load.ts) and its load generator (collab-client.ts,
// a child process) send each other over IPC. Types only, so the client imports nothing at run time.

export type ClientSpan = { start: number; end: number; quote: string };

export type ClientConfig = {
  baseUrl: string;
  /** Measured seconds, after `warmupSeconds` of the same load that is not measured. */
  seconds: number;
  warmupSeconds: number;
  /** Offered writes per second over all annotators; 0 sends each annotator's next write as soon as the last is answered. */
  rate: number;
  seed: number;
  annotators: { token: string; userId: string; documentIndex: number }[];
  documents: { id: string; spans: ClientSpan[] }[];
  categoryIds: string[];
  /** Shares of an annotator's actions once it has a few annotations; the rest are creates. */
  mix: { edit: number; delete: number };
  /** Shares of creates (and of edits, for `retry`) that simulate a lost response or a double submit. */
  faults: { retry: number; race: number };
};

/** What a request was for: the figures and the checks are kept per kind. */
// `resend`: the same request again after no answer or a 5xx, whatever it was.
export const opKinds = ['create', 'create-retry', 'create-race', 'edit', 'edit-retry', 'delete', 'resend'] as const;
export type OpKind = (typeof opKinds)[number];

/** The last state the server acknowledged for an annotation, as the client saw it. */
export type AckState = {
  annotatorId: string;
  documentId: string;
  start: number;
  end: number;
  quote: string;
  categoryId: string;
  note: string;
  version: number;
  deleted: boolean;
};

export type ClientResult = {
  /** One entry per request, in parallel arrays: index into opKinds, HTTP status (0: no answer), send time and latency in ms. */
  samples: { op: number[]; status: number[]; sentAt: number[]; latencyMs: number[]; measured: boolean[] };
  /** Measurement window, on the client's performance.now() clock. */
  window: { start: number; end: number };
  /** Add to a client time to get CLOCK_MONOTONIC in ms, the clock V8's CPU profiles use (to line them up). */
  monotonicOffsetMs: number;
  acks: Record<string, AckState>;
  /** Protocol checks that failed (a retry that was not answered as a repeat, an unexpected status…), by kind. */
  anomalies: Record<string, number>;
  anomalyExamples: string[];
  /** Requests sent again after no answer or a 5xx (the outcome of the first was unknown). */
  resent: number;
  /** The first few reasons a request got no answer (connection reset, timeout…), for the report. */
  failures: string[];
  cpu: { userMs: number; systemMs: number };
  /** How late, on average, annotators sent their writes against the offered schedule (0 in closed loop). */
  meanScheduleLagMs: number;
};

export type ClientMessage = { kind: 'progress'; text: string } | { kind: 'result'; result: ClientResult } | { kind: 'error'; message: string };
