// A local SMTP server that keeps what it receives, for `npm run demo` and the tests
// (smtp-server, in-process). It accepts any login, stores each message with its decoded
// subject, text and HTML, can refuse messages on demand (4xx or 5xx, for the retry
// tests) and, given an HTTP port, lists the received emails in a browser.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";

export interface ReceivedEmail {
  id: number;
  from: string;
  to: string[];
  headers: Record<string, string>;
  subject: string;
  text: string;
  html: string;
  raw: string;
  receivedAt: Date;
}

/** What the sink answers to a message: accept it (null) or refuse it with an SMTP reply. */
export type Refusal = { code: number; message: string } | null;

export interface MailSink {
  port: number;
  /** smtp://user:pass@127.0.0.1:PORT, for SMTP_URL */
  smtpUrl: string;
  /** the page that lists received emails, when started with an HTTP port */
  webUrl: string | null;
  messages: ReceivedEmail[];
  /** decides, per message, whether to refuse it (default: accept everything) */
  refuse: ((to: string[]) => Refusal) | null;
  /**
   * Keeps a received message's "250 OK" back for this many ms (default 0): the message is
   * stored, the sender does not know yet (for tests that kill the sender meanwhile).
   */
  holdMs: number;
  /** resolves once `count` messages in all have arrived */
  waitFor(count: number, timeoutMs?: number): Promise<ReceivedEmail[]>;
  clear(): void;
  stop(): Promise<void>;
}

function unfoldHeaders(block: string): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const line of block.replace(/\r?\n[ \t]+/g, " ").split(/\r?\n/)) {
    const i = line.indexOf(":");
    if (i > 0) headers[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim();
  }
  return headers;
}

/** RFC 2047 encoded words (=?UTF-8?B?...?= / =?UTF-8?Q?...?=), adjacent ones joined. */
export function decodeWords(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, "?==?")
    .replace(/=\?([^?]+)\?([BbQq])\?([^?]*)\?=/g, (_, _charset: string, enc: string, data: string) =>
      enc.toUpperCase() === "B"
        ? Buffer.from(data, "base64").toString("utf8")
        : Buffer.from(
            data
              .replace(/_/g, " ")
              .replace(/=([0-9A-Fa-f]{2})/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16))),
            "latin1",
          ).toString("utf8"),
    );
}

function decodeBody(body: string, encoding: string | undefined): string {
  const enc = (encoding ?? "").toLowerCase();
  if (enc === "base64") return Buffer.from(body.replace(/\s+/g, ""), "base64").toString("utf8");
  if (enc === "quoted-printable") {
    const bytes = body
      .replace(/=\r?\n/g, "")
      .replace(/=([0-9A-Fa-f]{2})/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16)));
    return Buffer.from(bytes, "latin1").toString("utf8");
  }
  return body;
}

/** Splits a raw message into headers and its text and HTML parts (enough for what nodemailer writes). */
export function parseEmail(raw: string): Pick<ReceivedEmail, "headers" | "subject" | "text" | "html"> {
  const split = raw.search(/\r?\n\r?\n/);
  const headers = unfoldHeaders(raw.slice(0, split));
  const body = raw.slice(split).replace(/^\r?\n\r?\n/, "");
  const parts: { type: string; content: string }[] = [];
  const walk = (h: Record<string, string>, content: string) => {
    const type = h["content-type"] ?? "text/plain";
    const boundary = /boundary="?([^";]+)"?/i.exec(type)?.[1];
    if (/^multipart\//i.test(type) && boundary) {
      for (const chunk of content.split(`--${boundary}`).slice(1)) {
        if (chunk.startsWith("--")) break;
        const at = chunk.search(/\r?\n\r?\n/);
        walk(unfoldHeaders(chunk.slice(0, at).replace(/^\r?\n/, "")), chunk.slice(at).replace(/^\r?\n\r?\n/, ""));
      }
    } else parts.push({ type, content: decodeBody(content, h["content-transfer-encoding"]) });
  };
  walk(headers, body);
  return {
    headers,
    subject: decodeWords(headers.subject ?? ""),
    text:
      parts
        .find((p) => /^text\/plain/i.test(p.type))
        ?.content.replace(/\r\n/g, "\n")
        .trimEnd() ?? "",
    html: parts.find((p) => /^text\/html/i.test(p.type))?.content ?? "",
  };
}

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export async function startMailSink(options: { port?: number; httpPort?: number; host?: string } = {}) {
  const host = options.host ?? "127.0.0.1";
  const messages: ReceivedEmail[] = [];
  const waiters: { count: number; resolve: () => void }[] = [];
  const sink: Partial<MailSink> = { messages, refuse: null, holdMs: 0 };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onAuth: (_auth, _session, callback) => callback(null, { user: "demo" }),
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        const to = session.envelope.rcptTo.map((r) => r.address);
        const refusal = sink.refuse?.(to) ?? null;
        if (refusal) {
          const error = new Error(refusal.message) as Error & { responseCode: number };
          error.responseCode = refusal.code;
          callback(error);
          return;
        }
        const raw = Buffer.concat(chunks).toString("utf8");
        messages.push({
          id: messages.length + 1,
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
          to,
          raw,
          receivedAt: new Date(),
          ...parseEmail(raw),
        });
        for (const w of waiters.splice(0)) {
          if (messages.length >= w.count) w.resolve();
          else waiters.push(w);
        }
        if (sink.holdMs) setTimeout(() => callback(), sink.holdMs);
        else callback();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const port = (server.server.address() as AddressInfo).port;

  let web: http.Server | null = null;
  let webUrl: string | null = null;
  if (options.httpPort !== undefined) {
    web = http.createServer((req, res) => {
      const url = new URL(req.url ?? "/", "http://sink");
      const one = /^\/messages\/(\d+)$/.exec(url.pathname);
      if (url.pathname === "/messages.json") {
        res.writeHead(200, { "Content-Type": "application/json" });
        res.end(JSON.stringify(messages.map(({ raw: _raw, ...m }) => m)));
      } else if (one) {
        const m = messages[Number(one[1]) - 1];
        res.writeHead(m ? 200 : 404, { "Content-Type": "text/html; charset=utf-8" });
        res.end(m ? m.html || `<pre>${esc(m.text)}</pre>` : "not found");
      } else {
        res.writeHead(200, { "Content-Type": "text/html; charset=utf-8" });
        const rows = messages
          .slice()
          .reverse()
          .map(
            (m) =>
              `<tr><td>${m.receivedAt.toISOString().slice(11, 19)}</td><td>${esc(m.to.join(", "))}</td>` +
              `<td><a href="/messages/${m.id}">${esc(m.subject)}</a></td></tr>`,
          )
          .join("");
        res.end(
          `<!doctype html><meta charset="utf-8"><title>Demo mailbox</title><meta http-equiv="refresh" content="5">` +
            `<body style="font-family:sans-serif"><h1>Emails the app sent (${messages.length})</h1>` +
            `<table cellpadding="6"><tr><th>Time</th><th>To</th><th>Subject</th></tr>${rows}</table></body>`,
        );
      }
    });
    await new Promise<void>((resolve) => web!.listen(options.httpPort, host, () => resolve()));
    webUrl = `http://${host}:${(web.address() as AddressInfo).port}/`;
  }

  return Object.assign(sink, {
    port,
    smtpUrl: `smtp://demo:demo@${host}:${port}`,
    webUrl,
    waitFor(count: number, timeoutMs = 20_000) {
      if (messages.length >= count) return Promise.resolve(messages.slice());
      return new Promise<ReceivedEmail[]>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`expected ${count} emails, received ${messages.length}`)),
          timeoutMs,
        );
        waiters.push({
          count,
          resolve: () => {
            clearTimeout(timer);
            resolve(messages.slice());
          },
        });
      });
    },
    clear() {
      messages.length = 0;
    },
    async stop() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      if (web) await new Promise<void>((resolve) => web!.close(() => resolve()));
    },
  }) as MailSink;
}
