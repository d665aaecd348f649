import { Form, Link, NavLink } from "@remix-run/react";
import { translate, LOCALES, type Locale } from "~/i18n";
import { UNREAD_CAP } from "~/domain/notifications/inbox";

interface Props {
  locale: Locale;
  user?: { displayName: string; username: string; isAdmin: boolean; isJudge: boolean; unread: number };
  csrfToken: string;
  returnTo: string;
}

/** Public navigation for everyone, the signed-in part by role, and the language switch. */
export function SiteHeader({ locale, user, csrfToken, returnTo }: Props) {
  const t = (key: Parameters<typeof translate>[1], params?: Record<string, string>) =>
    translate(locale, key, params);
  return (
    <header className="site-header">
      <div className="brand">
        <Link to="/">
          <img src="/favicon.svg" alt="" width={28} height={28} />
          <span>{t("app.shortName")}</span>
        </Link>
      </div>
      <nav aria-label={t("nav.main")}>
        <ul>
          <li>
            <NavLink to="/" end>
              {t("nav.home")}
            </NavLink>
          </li>
          <li>
            <NavLink to="/notices">{t("nav.notices")}</NavLink>
          </li>
          <li>
            <NavLink to="/honors">{t("nav.honors")}</NavLink>
          </li>
          <li>
            <NavLink to="/stats">{t("nav.stats")}</NavLink>
          </li>
          <li>
            <NavLink to="/orgs">{t("nav.orgs")}</NavLink>
          </li>
          {user && (
            <li>
              <NavLink to="/competitions">{t("nav.competitions")}</NavLink>
            </li>
          )}
          {user?.isJudge && (
            <li>
              <NavLink to="/judging">{t("nav.judging")}</NavLink>
            </li>
          )}
          {user?.isAdmin && (
            <li>
              <NavLink to="/registry">{t("nav.registry")}</NavLink>
            </li>
          )}
          {user?.isAdmin && (
            <li>
              <NavLink to="/audit">{t("nav.audit")}</NavLink>
            </li>
          )}
          {user?.isAdmin && (
            <li>
              <NavLink to="/calendar">{t("nav.calendar")}</NavLink>
            </li>
          )}
          {user?.isAdmin && (
            <li>
              <NavLink to="/outbox">{t("nav.outbox")}</NavLink>
            </li>
          )}
        </ul>
      </nav>
      <div className="header-tools">
        <Form method="post" action="/lang" className="lang-switch">
          <input type="hidden" name="_csrf" value={csrfToken} />
          <input type="hidden" name="returnTo" value={returnTo} />
          <span className="visually-hidden">{t("lang.switch")}</span>
          {LOCALES.map((l) => (
            <button key={l} type="submit" name="lang" value={l} aria-pressed={l === locale} lang={l}>
              {translate(l, `lang.${l}`)}
            </button>
          ))}
        </Form>
        {user ? (
          <div className="user-menu">
            <span className="user-name">{t("nav.signedInAs", { name: user.displayName })}</span>
            <InboxLink locale={locale} unread={user.unread} />
            <Link to="/account">{t("inbox.account.nav")}</Link>
            <Link to="/account/password">{t("nav.account")}</Link>
            <Form method="post" action="/logout">
              <input type="hidden" name="_csrf" value={csrfToken} />
              <button type="submit" className="link-button">
                {t("nav.logout")}
              </button>
            </Form>
          </div>
        ) : (
          <Link className="button" to="/login">
            {t("nav.login")}
          </Link>
        )}
      </div>
    </header>
  );
}

/** The inbox with its unread count, read out in full ("Inbox (3 unread)") by a screen reader too. */
function InboxLink({ locale, unread }: { locale: Locale; unread: number }) {
  const label =
    unread === 0
      ? translate(locale, "inbox.nav")
      : unread >= UNREAD_CAP
        ? translate(locale, "inbox.navMany")
        : translate(locale, "inbox.navUnread", { count: unread });
  return (
    <Link to="/inbox" className={unread ? "inbox-link inbox-link-unread" : "inbox-link"} data-unread={unread}>
      {label}
    </Link>
  );
}
