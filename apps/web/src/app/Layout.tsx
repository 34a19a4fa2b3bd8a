import { Button, Link, PageContent, PageFooter, PageHeader, SkipLink } from '@utrecht/component-library-react';
import type { ReactNode } from 'react';
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
  return (
    <div className="tk-page">
      <SkipLink href="#main">{t('skipToContent')}</SkipLink>
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
              {session.sub} · {session.role} {session.org}
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
