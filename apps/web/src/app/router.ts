import { useEffect, useState } from 'react';

/** Hash routes (`#/detentions/<id>`): the API serves one static page at /ui/, links survive a reload. */
export function useRoute(): string[] {
  const read = () => (location.hash.replace(/^#\/?/, '').split('?')[0] ?? '').split('/').filter(Boolean);
  const [parts, setParts] = useState(read);
  useEffect(() => {
    const onChange = () => setParts(read());
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return parts;
}

export const href = (...parts: string[]) => `#/${parts.map(encodeURIComponent).join('/')}`;

export function navigate(...parts: string[]) {
  location.hash = href(...parts);
}
