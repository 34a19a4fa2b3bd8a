import { Button, FormLabel, Textbox } from '@utrecht/component-library-react';
import { useState, type FormEvent } from 'react';
import { useT } from '../i18n/i18n';

/** Search by name or case reference, for every list. */
export function SearchBox({ onSearch, initial = '' }: { onSearch: (q: string) => void; initial?: string }) {
  const { t } = useT();
  const [q, setQ] = useState(initial);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSearch(q.trim());
  };
  return (
    <form role="search" onSubmit={submit} className="tk-search">
      <FormLabel htmlFor="search">{t('search')}</FormLabel>
      <Textbox id="search" type="search" value={q} maxLength={100} onChange={(e) => setQ(e.target.value)} />
      <Button type="submit" appearance="secondary-action-button">
        {t('searchButton')}
      </Button>
    </form>
  );
}
