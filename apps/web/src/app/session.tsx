import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import { api, tokenStore, unwrap, type Schemas } from '../api/client';

export type Session = Schemas['SessionDto'];

interface SessionState {
  session: Session | null;
  loading: boolean;
  signIn: (token: string) => Promise<Session>;
  signOut: () => void;
}

const SessionContext = createContext<SessionState | null>(null);

/** Roles that may decode histories in the Temporal UI: they get the codec cookie at sign-in. */
const CODEC_ROLES = ['supervisor', 'admin'];

async function openCodecSession(token: string) {
  await fetch('/codec/session', { method: 'POST', headers: { authorization: `Bearer ${token}` } }).catch(() => null);
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<Session | null>(null);
  const [loading, setLoading] = useState(true);

  const signIn = useCallback(async (token: string) => {
    const found = await unwrap(api.GET('/api/v1/session', { headers: { authorization: `Bearer ${token}` } }));
    tokenStore.set(token);
    if (CODEC_ROLES.includes(found.role)) await openCodecSession(token);
    setSession(found);
    return found;
  }, []);

  const signOut = useCallback(() => {
    const token = tokenStore.get();
    if (token && session && CODEC_ROLES.includes(session.role)) {
      void fetch('/codec/session', { method: 'DELETE', headers: { authorization: `Bearer ${token}` } }).catch(
        () => null,
      );
    }
    tokenStore.clear();
    setSession(null);
    location.hash = '#/';
  }, [session]);

  useEffect(() => {
    const token = tokenStore.get();
    if (!token) return setLoading(false);
    signIn(token)
      .catch(() => tokenStore.clear())
      .finally(() => setLoading(false));
  }, [signIn]);

  return <SessionContext.Provider value={{ session, loading, signIn, signOut }}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionState {
  const state = useContext(SessionContext);
  if (!state) throw new Error('useSession outside SessionProvider');
  return state;
}

/** The home screen of each role. */
export function homeOf(role: string): string {
  return ({ supervisor: 'dashboard', partner: 'inbox', admin: 'partners' } as Record<string, string>)[role] ?? 'home';
}
