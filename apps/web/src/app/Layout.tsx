import { Button, Link, PageContent, PageFooter, PageHeader, SkipLink } from '@utrecht/component-library-react';
import { useEffect, useRef, type MouseEvent, type ReactNode } from 'react';
import { useT } from '../i18n/i18n';
import { href } from './router';
import { useSession } from './session';

const NAV: Record<string, string[]> = {
  casemanager: ['home', 'tasks', 'detentions', 'register'],
  municipality: ['home', 'tasks', 'detentions'],
  probation: ['home', 'tasks', 'detentions'],
  supervisor: ['dashboard', 'detentions', 'tasks'],
  partner: ['inbox'],
  admin: ['partners'],
};

/** The page frame: skip link, header with the role's navigation, and the main region views render into. */
export function Layout({ current, ready, children }: { current: string; ready: string; children: ReactNode }) {
  const { t, toggle } = useT();
  const { session, signOut } = useSession();
  const page = useRef<HTMLDivElement>(null);
  // A new view replaced the one that had the focus: the next Tab starts from the top, as after a page load (the
  // skip link first), not from wherever the removed element was.
  useEffect(() => {
    const top = page.current;
    if (!top || (document.activeElement && document.activeElement !== document.body)) return;
    top.tabIndex = -1;
    top.focus({ preventScroll: true });
    top.blur();
    top.removeAttribute('tabindex');
  }, [ready]);
  // The routes live in the hash: following `#main` would leave the page, so the skip link moves the focus itself.
  const skip = (event: MouseEvent) => {
    event.preventDefault();
    document.getElementById('main')?.focus();
  };
  return (
    <div className="tk-page" ref={page}>
      <SkipLink href="#main" onClick={skip}>
        {t('skipToContent')}
      </SkipLink>
      <PageHeader className="tk-header">
        <a className="tk-brand" href="#/">
          {t('appName')}
        </a>
        <nav aria-label={t('menu', 'Menu')} className="tk-nav">
          <ul>
            {(NAV[session?.role ?? ''] ?? []).map((item) => (
              <li key={item}>
                <Link href={href(item)} aria-current={current === item ? 'page' : undefined}>
                  {t(item === 'register' ? 'registerIntake' : item)}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <div className="tk-who">
          {session && (
            <span data-testid="who">
              {session.sub} · {t(`roleNames.${session.role}`, session.role)} {session.org}
            </span>
          )}
          <Button appearance="subtle-button" onClick={toggle} lang={t('otherLang', 'en')}>
            {t('language')}
          </Button>
          {session && (
            <Button appearance="subtle-button" onClick={signOut}>
              {t('signOut')}
            </Button>
          )}
        </div>
      </PageHeader>
      <PageContent>
        <main id="main" tabIndex={-1} data-ready={ready}>
          {children}
        </main>
      </PageContent>
      <PageFooter className="tk-footer">{t('tagline')}</PageFooter>
    </div>
  );
}
