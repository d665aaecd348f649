// Judges submitting score sheets over HTTP, as the judging-submit benchmark and the worker-process
// test load the server (started by runJudgeClient in judging-load.ts). A plain Node child process
// (no tsx), so that it starts fast and keeps off the server's event loop. One keep-alive socket per judge, each
// submitting its sheets one after another; only a redirect (302/303) counts as a submitted sheet.
//
// It speaks HTTP/1.1 over raw sockets with request bytes built once per sheet: undici's fetch cost
// ~1.4 ms of CPU per request, more than half of what the server spends, and on a small machine the
// client's share was what the benchmark measured. Settings come as JSON on standard input:
// { url, seconds, criteria, bare, judges: [{ cookie, csrf, nominations }] }.
import net from "node:net";

let input = "";
for await (const chunk of process.stdin) input += chunk;
const cfg = JSON.parse(input);
const { hostname, port } = new URL(cfg.url);
const deadline = Date.now() + cfg.seconds * 1000;
const latencies = [];
let ok = 0;
let failed = 0;

/** Where a chunked body that starts at `at` ends, or -1 while it has not all arrived. */
function chunkedEnd(buf, at) {
  for (;;) {
    const eol = buf.indexOf("\r\n", at);
    if (eol < 0) return -1;
    const size = parseInt(buf.subarray(at, eol).toString("latin1"), 16);
    if (size === 0) return buf.length >= eol + 4 ? eol + 4 : -1;
    at = eol + 2 + size + 2;
    if (buf.length < at) return -1;
  }
}

/** Length of the first whole response in `buf` and its status, or undefined while incomplete. */
function parseResponse(buf) {
  const headEnd = buf.indexOf("\r\n\r\n");
  if (headEnd < 0) return undefined;
  const head = buf.subarray(0, headEnd).toString("latin1");
  const status = Number(head.slice(9, 12));
  const length = /\r\ncontent-length:\s*(\d+)/i.exec(head);
  if (length) {
    const end = headEnd + 4 + Number(length[1]);
    return buf.length >= end ? { status, end } : undefined;
  }
  if (/\r\ntransfer-encoding:\s*chunked/i.test(head)) {
    const end = chunkedEnd(buf, headEnd + 4);
    return end < 0 ? undefined : { status, end };
  }
  return { status, end: headEnd + 4 };
}

/** One keep-alive connection; `send` writes a request and resolves with the answer's status. */
function connect() {
  const socket = net.connect(Number(port), hostname);
  socket.setNoDelay(true);
  let buf = Buffer.alloc(0);
  let pending;
  socket.on("data", (chunk) => {
    buf = buf.length ? Buffer.concat([buf, chunk]) : chunk;
    const res = pending && parseResponse(buf);
    if (!res) return;
    buf = buf.subarray(res.end);
    const { resolve } = pending;
    pending = undefined;
    resolve(res.status);
  });
  const fail = (error) => {
    if (pending) pending.reject(error ?? new Error("connection closed"));
    pending = undefined;
  };
  socket.on("error", fail);
  socket.on("close", () => fail());
  return {
    send: (bytes) =>
      new Promise((resolve, reject) => {
        pending = { resolve, reject };
        socket.write(bytes);
      }),
    close: () => socket.end(),
  };
}

async function timed(conn, bytes, done) {
  const t = performance.now();
  const status = await conn.send(bytes);
  latencies.push(performance.now() - t);
  if (done(status)) ok++;
  else if (++failed <= 3) console.error(`status ${status}`);
}

const host = `${hostname}:${port}`;
const points = Array.from({ length: cfg.criteria }, (_, i) => `p${i}=${5 + (i % 3) * 2.5}`).join("&");

async function bare() {
  const conn = connect();
  const bytes = Buffer.from(`GET /healthz HTTP/1.1\r\nHost: ${host}\r\n\r\n`, "latin1");
  while (Date.now() < deadline) await timed(conn, bytes, (s) => s === 200);
  conn.close();
}

async function judge(j) {
  if (cfg.bare) return bare();
  const conn = connect();
  for (const id of j.nominations) {
    if (Date.now() >= deadline) break;
    const body = `_csrf=${encodeURIComponent(j.csrf)}&intent=submit&version=0&comment=&${points}`;
    const bytes = Buffer.from(
      `POST /judging/${id} HTTP/1.1\r\nHost: ${host}\r\nOrigin: ${cfg.url}\r\nCookie: ${j.cookie}\r\n` +
        `Content-Type: application/x-www-form-urlencoded\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
      "latin1",
    );
    await timed(conn, bytes, (s) => s === 302 || s === 303);
  }
  conn.close();
}

const start = performance.now();
await Promise.all(cfg.judges.map(judge));
const seconds = (performance.now() - start) / 1000;
latencies.sort((a, b) => a - b);
const cpu = process.cpuUsage();
const at = (q) => latencies[Math.floor(latencies.length * q)] ?? 0;
console.log(
  JSON.stringify({ ok, failed, seconds, cpuMs: (cpu.user + cpu.system) / 1000, p50: at(0.5), p99: at(0.99) }),
);
