import { createContext, useContext, useMemo, useState, type ReactNode } from 'react';
import { dutchApiMessage } from './api-messages';
import * as en from './en';
import * as nl from './nl';

export type Lang = 'nl' | 'en';
type Tree = { [key: string]: string | Tree };

const LABELS: Record<Lang, Tree> = {
  nl: { ...nl.BASE, ...nl.CASE, ...nl.EVENTS } as unknown as Tree,
  en: { ...en.BASE, ...en.CASE, ...en.EVENTS } as unknown as Tree,
};

function lookup(tree: Tree, key: string): string | undefined {
  const value = key.split('.').reduce<string | Tree | undefined>((node, part) => {
    return node && typeof node === 'object' ? node[part] : undefined;
  }, tree);
  return typeof value === 'string' ? value : undefined;
}

interface I18n {
  lang: Lang;
  /** A label by key or path (`conditions.id`); English where Dutch has none is never needed: the key otherwise. */
  t: (key: string, fallback?: string) => string;
  /** An API message (a 400's, naming its field) in the UI language. */
  say: (message: string) => string;
  toggle: () => void;
}

const I18nContext = createContext<I18n | null>(null);

/** Dutch by default; the choice of English is kept in this browser. */
export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLang] = useState<Lang>(() => (localStorage.getItem('terugkeer.lang') === 'en' ? 'en' : 'nl'));
  const value = useMemo<I18n>(() => {
    const t: I18n['t'] = (key, fallback) => lookup(LABELS[lang], key) ?? lookup(LABELS.nl, key) ?? fallback ?? key;
    return {
      lang,
      t,
      say: (message) => (lang === 'nl' ? dutchApiMessage(t, message) : message),
      toggle: () => {
        const next = lang === 'nl' ? 'en' : 'nl';
        localStorage.setItem('terugkeer.lang', next);
        document.documentElement.lang = next;
        setLang(next);
      },
    };
  }, [lang]);
  document.documentElement.lang = lang;
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useT(): I18n {
  const i18n = useContext(I18nContext);
  if (!i18n) throw new Error('useT outside I18nProvider');
  return i18n;
}

/** A label's `{placeholders}` filled in. */
export const fill = (template: string, values: Record<string, string | number>): string =>
  template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));

/** A calendar date (YYYY-MM-DD) as people read it: 2 december 2026. */
export function formatDay(day: string | null | undefined, lang: Lang): string {
  if (!day) return '—';
  const [y, m, d] = day.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d)).toLocaleDateString(lang === 'nl' ? 'nl-NL' : 'en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });
}

/** An instant in Amsterdam time. */
export function formatInstant(at: string | null | undefined, lang: Lang): string {
  if (!at) return '—';
  return new Date(at).toLocaleString(lang === 'nl' ? 'nl-NL' : 'en-GB', {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: 'Europe/Amsterdam',
  });
}

/** A task's title in the UI language: by its step (`aftercare-check-48h`), else its type, else the API's title. */
export function taskTitle(t: I18n['t'], task: { type: string; title: string; stepInstanceId: string | null }): string {
  const step = task.stepInstanceId?.split('#')[0];
  const byStep = step ? t(`steps.${step}`, '') : '';
  return byStep || t(`taskTypes.${task.type}`, '') || task.title;
}
