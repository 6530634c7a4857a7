// Starts the real motcua binary on a fresh SQLite database, in a temporary
// directory of its own, and stops it again.
//
// The server's standard output and standard error are kept in memory so a
// test can search them (the demo logins it prints, or what it logs). The
// messages it sends to applicants go to its file outbox, never to the log;
// `waitForOutbox` reads them there. On an empty database the server seeds the demo on first start, which
// takes several seconds; `startServer` returns once GET /healthz answers 200.

import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/** How long the server may take to answer GET /healthz with 200. */
const STARTUP_TIMEOUT_MS = 120_000;
/** How long one health probe may take. */
const PROBE_TIMEOUT_MS = 2_000;
/** How long the server gets to exit after SIGINT before it is killed. */
const STOP_GRACE_MS = 10_000;
/** How many of the last output lines an error message quotes. */
const TAIL_LINES = 40;

/** Servers still running, killed if the test process exits without stopping them. */
const running = new Set();

/** The server a flow started last and that is still running; pages' checks read its log. */
let current = null;

/** The server this flow is running, if any: the last one started that has not exited. */
export function currentServer() {
  return current && current.exitStatus() === null ? current : null;
}
process.on('exit', () => {
  for (const child of running) {
    child.kill('SIGKILL');
  }
});

/** A port on 127.0.0.1 that was free a moment ago. */
async function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen({ host: '127.0.0.1', port: 0 }, () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

/** Whether GET `url` answers 200 within the probe timeout. */
async function answers(url) {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(PROBE_TIMEOUT_MS) });
    await response.arrayBuffer();
    return response.status === 200;
  } catch {
    return false;
  }
}

/**
 * A running server.
 *
 * - `base`: `http://127.0.0.1:PORT`, without a trailing slash
 * - `url(path)`: `base` + `path`
 * - `output()`: everything the server wrote so far, stdout and stderr interleaved
 * - `mark()`: how much output there is now, to wait for what comes after it
 * - `waitForOutput(pattern, timeoutMs, { from })`: the first match of `pattern`
 *   (a RegExp) in the output written after the mark `from` (from the start
 *   unless told), waiting for it at most `timeoutMs`
 * - `outboxFile`: the file outbox, one JSON line per message sent
 * - `waitForOutbox(pattern, timeoutMs)`: the first match of `pattern` in the
 *   body of a message of the file outbox, newest first, waiting for it at
 *   most `timeoutMs`
 * - `stop()`: SIGINT, then SIGKILL after a grace period; removes the directory
 */
export class Server {
  #child;
  #dir;
  #chunks = [];
  #exit = null;
  #stopped = false;

  constructor(child, dir, port) {
    this.#child = child;
    this.#dir = dir;
    this.port = port;
    this.base = `http://127.0.0.1:${port}`;
    this.outboxFile = join(dir, 'outbox', 'messages.jsonl');
    // Decoded as streams, so a character split between two chunks stays whole.
    child.stdout.setEncoding('utf8');
    child.stderr.setEncoding('utf8');
    const keep = (chunk) => this.#chunks.push(chunk);
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    this.exited = new Promise((resolve) => {
      child.on('exit', (code, signal) => {
        this.#exit = { code, signal };
        running.delete(child);
        resolve(this.#exit);
      });
    });
  }

  url(path) {
    return `${this.base}${path}`;
  }

  output() {
    return this.#chunks.join('');
  }

  /** The last lines of the output, for error messages. */
  tail(lines = TAIL_LINES) {
    const all = this.output().split('\n');
    return all.slice(Math.max(0, all.length - lines)).join('\n');
  }

  /** Whether the process has exited, and how. */
  exitStatus() {
    return this.#exit;
  }

  mark() {
    return this.output().length;
  }

  async waitForOutput(pattern, timeoutMs = 10_000, { from = 0 } = {}) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const match = this.output().slice(from).match(pattern);
      if (match) {
        return match;
      }
      if (Date.now() >= deadline) {
        throw new Error(
          `the server wrote nothing matching ${pattern}${from > 0 ? ' after the mark' : ''} within ${timeoutMs} ms\n` +
            `--- the server's last output lines ---\n${this.tail()}`,
        );
      }
      await sleep(100);
    }
  }

  /** The messages of the file outbox, oldest first (none before the first). */
  async outbox() {
    let text;
    try {
      text = await readFile(this.outboxFile, 'utf8');
    } catch (error) {
      if (error.code === 'ENOENT') {
        return [];
      }
      throw error;
    }
    return text
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => JSON.parse(line));
  }

  async waitForOutbox(pattern, timeoutMs = 10_000) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      for (const message of (await this.outbox()).reverse()) {
        const match = message.body.match(pattern);
        if (match) {
          return match;
        }
      }
      if (Date.now() >= deadline) {
        throw new Error(`no message in ${this.outboxFile} matches ${pattern} within ${timeoutMs} ms`);
      }
      await sleep(100);
    }
  }

  async stop() {
    if (this.#stopped) {
      return;
    }
    this.#stopped = true;
    if (this.#exit === null) {
      this.#child.kill('SIGINT');
      const graceful = await Promise.race([this.exited, sleep(STOP_GRACE_MS).then(() => null)]);
      if (graceful === null) {
        this.#child.kill('SIGKILL');
        await Promise.race([this.exited, sleep(STOP_GRACE_MS)]);
      }
    }
    await rm(this.#dir, { recursive: true, force: true });
  }
}

/**
 * Starts `$MOTCUA_BINARY serve` on a free port of 127.0.0.1 with a new SQLite
 * database and file store in a new temporary directory, and waits until it
 * answers GET /healthz with 200 (at most two minutes).
 *
 * The server logs at `info` whatever `MOTCUA_LOG` says, so that tests can
 * check what it logs; the messages it sends go to the file outbox in the
 * same directory. `env` adds or overrides environment variables.
 */
export async function startServer({ env = {} } = {}) {
  const binary = process.env.MOTCUA_BINARY;
  if (!binary) {
    throw new Error('MOTCUA_BINARY must name the motcua server binary (e.g. target/debug/motcua)');
  }
  const dir = await mkdtemp(join(tmpdir(), 'motcua-browser-'));
  const port = await freePort();
  const child = spawn(
    binary,
    ['--database', `sqlite://${dir}/motcua.db`, 'serve', '--listen', `127.0.0.1:${port}`],
    {
      cwd: dir,
      env: {
        ...process.env,
        MOTCUA_LOG: 'info',
        MOTCUA_FILES_DIR: join(dir, 'files'),
        MOTCUA_OUTBOX_FILE: join(dir, 'outbox', 'messages.jsonl'),
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  running.add(child);
  const spawned = new Promise((resolve, reject) => {
    child.once('spawn', resolve);
    child.once('error', reject);
  });
  const server = new Server(child, dir, port);
  try {
    await spawned;
  } catch (error) {
    running.delete(child);
    await rm(dir, { recursive: true, force: true });
    throw new Error(`cannot start ${binary}: ${error.message}`);
  }

  const deadline = Date.now() + STARTUP_TIMEOUT_MS;
  for (;;) {
    const exit = server.exitStatus();
    if (exit !== null) {
      const output = server.tail();
      await server.stop();
      throw new Error(
        `the server exited during start-up (code ${exit.code}, signal ${exit.signal})\n` +
          `--- the server's last output lines ---\n${output}`,
      );
    }
    if (await answers(server.url('/healthz'))) {
      current = server;
      return server;
    }
    if (Date.now() >= deadline) {
      const output = server.tail();
      await server.stop();
      throw new Error(
        `the server did not answer GET /healthz with 200 within ${STARTUP_TIMEOUT_MS / 1000} s\n` +
          `--- the server's last output lines ---\n${output}`,
      );
    }
    await sleep(250);
  }
}
