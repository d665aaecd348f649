import { ConfigError } from "./secrets.server";

/** Where and how mail goes (docs/operations.md#mail, decision 030). */
export interface SmtpServer {
  host: string;
  port: number;
  /** smtps://: TLS from the first byte (port 465 by default); smtp:// upgrades with STARTTLS when offered. */
  secure: boolean;
  auth?: { user: string; pass: string };
}

export interface MailSettings {
  /** null: SMTP_URL is not set, nothing is sent and the outbox fills (operators see it at /outbox). */
  smtp: SmtpServer | null;
  /** The From header: MAIL_FROM, "Laurel <laurel@localhost>" by default. */
  from: string;
  /** The domain of the From address: the right-hand side of each mail's Message-ID. */
  fromDomain: string;
  /** The hour (China time, 0–23) after which the day's digests are built: MAIL_DIGEST_HOUR, 7 by default. */
  digestHour: number;
}

export const DEFAULT_MAIL_FROM = "Laurel <laurel@localhost>";
export const DEFAULT_DIGEST_HOUR = 7;

const SHAPE = "expected smtp://user:password@host:port or smtps://user:password@host:port";
const ADDRESS = /^[^\s@<>"]+@[^\s@<>"]+$/;

/** The SMTP server of SMTP_URL; a value that cannot be read is refused with what is wrong (never the password). */
export function parseSmtpUrl(raw: string): SmtpServer {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(`SMTP_URL cannot be read as a URL (${SHAPE})`);
  }
  const secure = url.protocol === "smtps:";
  if (!secure && url.protocol !== "smtp:")
    throw new ConfigError(`SMTP_URL must start with smtp:// or smtps:// (got "${url.protocol}"; ${SHAPE})`);
  if (!url.hostname) throw new ConfigError(`SMTP_URL names no host (${SHAPE})`);
  const port = url.port ? Number(url.port) : secure ? 465 : 25;
  if (!Number.isInteger(port) || port < 1 || port > 65535)
    throw new ConfigError(`SMTP_URL's port must be a number from 1 to 65535 (${SHAPE})`);
  if (url.pathname && url.pathname !== "/")
    throw new ConfigError(`SMTP_URL must end after the port (${SHAPE})`);
  const server: SmtpServer = { host: url.hostname.replace(/^\[(.*)\]$/, "$1"), port, secure };
  if (url.username) {
    try {
      server.auth = { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) };
    } catch {
      throw new ConfigError(`SMTP_URL's user or password is not correctly %-encoded (${SHAPE})`);
    }
  }
  return server;
}

/** The address inside a From header: "Name <a@b>" or a bare "a@b". */
function fromAddress(from: string): string | undefined {
  const bracketed = /<([^<>]+)>\s*$/.exec(from);
  const address = (bracketed ? bracketed[1] : from).trim();
  return ADDRESS.test(address) ? address : undefined;
}

/**
 * The mail settings of the environment, read once at start: a server or `mail send-pending` given
 * an SMTP_URL, MAIL_FROM or MAIL_DIGEST_HOUR it cannot use refuses to start with the reason.
 */
export function mailSettings(env: Record<string, string | undefined> = process.env): MailSettings {
  const from = env.MAIL_FROM?.trim() || DEFAULT_MAIL_FROM;
  const address = fromAddress(from);
  if (!address)
    throw new ConfigError(`MAIL_FROM must be an address, e.g. "Laurel <laurel@example.org>" (got "${from}")`);
  const hourText = env.MAIL_DIGEST_HOUR?.trim();
  const digestHour = hourText ? Number(hourText) : DEFAULT_DIGEST_HOUR;
  if (!/^\d{1,2}$/.test(hourText ?? "7") || digestHour > 23)
    throw new ConfigError(`MAIL_DIGEST_HOUR must be a whole hour from 0 to 23 (got "${hourText}")`);
  const laurelUrl = env.LAUREL_URL?.trim();
  if (laurelUrl && !/^https?:\/\/[^/\s]+/i.test(laurelUrl))
    throw new ConfigError(
      `LAUREL_URL must be the app's address, e.g. https://laurel.example.org (got "${laurelUrl}")`,
    );
  const raw = env.SMTP_URL?.trim();
  // Mail whose links point at localhost helps nobody: production names the app's address.
  if (raw && !laurelUrl && env.NODE_ENV === "production")
    throw new ConfigError("LAUREL_URL must be set when SMTP_URL is: mails link to the app by it");
  return {
    smtp: raw ? parseSmtpUrl(raw) : null,
    from,
    fromDomain: address.slice(address.lastIndexOf("@") + 1),
    digestHour,
  };
}

/** The SMTP server without its password, for logs and the operators' page. */
export function describeSmtp(server: SmtpServer | null): string | null {
  if (!server) return null;
  const user = server.auth ? `${server.auth.user}@` : "";
  return `${server.secure ? "smtps" : "smtp"}://${user}${server.host}:${server.port}`;
}

/** What the operators' page says of the settings: the server (no password) and the sender, or null when not set or unusable. */
export function mailStatus(env: Record<string, string | undefined> = process.env): {
  server: string | null;
  from: string;
} {
  try {
    const s = mailSettings(env);
    return { server: describeSmtp(s.smtp), from: s.from };
  } catch {
    return { server: null, from: env.MAIL_FROM ?? DEFAULT_MAIL_FROM };
  }
}
