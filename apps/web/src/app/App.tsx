import { Loading } from '../components/common';
import { useT } from '../i18n/i18n';
import { Dashboard } from '../views/dashboard/Dashboard';
import { DetentionList } from '../views/detentions/DetentionList';
import { DetentionPage } from '../views/detention/DetentionPage';
import { Inbox } from '../views/inbox/Inbox';
import { Partners } from '../views/partners/Partners';
import { Readiness } from '../views/readiness/Readiness';
import { RegisterIntake } from '../views/register/RegisterIntake';
import { SignIn } from '../views/sign-in/SignIn';
import { TaskList } from '../views/tasks/TaskList';
import { TaskPage } from '../views/tasks/TaskPage';
import { Layout } from './Layout';
import { useRoute } from './router';
import { homeOf, useSession } from './session';
import { useEffect, type ReactElement } from 'react';

/** Picks the view for the route; everyone not signed in sees the sign-in. */
export function App() {
  const { session, loading } = useSession();
  const { t } = useT();
  const [section = '', id] = useRoute();
  const current = section || (session ? homeOf(session.role) : 'sign-in');

  useEffect(() => {
    document.title = `${t(current === 'home' ? 'readinessHome' : current, current)} · Terugkeer`;
  }, [current, t]);

  if (loading) return <Loading />;
  if (!session) {
    return (
      <Layout current="sign-in" ready="sign-in">
        <SignIn />
      </Layout>
    );
  }
  const views: Record<string, () => ReactElement> = {
    home: () => <Readiness />,
    tasks: () => (id ? <TaskPage key={id} id={id} /> : <TaskList />),
    detentions: () => (id ? <DetentionPage key={id} id={id} /> : <DetentionList />),
    dashboard: () => <Dashboard />,
    inbox: () => <Inbox />,
    partners: () => <Partners />,
    register: () => <RegisterIntake />,
  };
  const view = views[current] ?? views[homeOf(session.role)];
  const ready = id ? `${current}-item` : current;
  return (
    <Layout current={current} ready={ready}>
      {view()}
    </Layout>
  );
}
