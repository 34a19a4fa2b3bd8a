import { useCallback, useEffect, useState } from 'react';
import { type ApiError } from '../api/client';

/**
 * Loads once (and on `reload`): the data, or the error to show, while it loads `data` is undefined. `update` puts in
 * what an action answered (the workflow's word), before the read model has caught up with it.
 */
export function useLoad<T>(load: () => Promise<T>, deps: unknown[]) {
  const [state, setState] = useState<{ data?: T; error?: ApiError | Error }>({});
  const [tick, setTick] = useState(0);
  const run = useCallback(load, deps);
  useEffect(() => {
    let live = true;
    setState((s) => ({ data: s.data }));
    run().then(
      (data) => live && setState({ data }),
      (error: Error) => live && setState({ error }),
    );
    return () => {
      live = false;
    };
  }, [run, tick]);
  const update = (change: (data: T) => T) => setState((s) => (s.data === undefined ? s : { data: change(s.data) }));
  return { ...state, reload: () => setTick((n) => n + 1), update };
}
