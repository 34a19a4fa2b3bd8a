import { Heading2 } from '@utrecht/component-library-react';
import { useEffect, useRef, type ReactNode } from 'react';

/**
 * A modal `<dialog>`: the browser keeps focus inside and Escape cancels; when it closes, focus goes back to what
 * opened it (the dialog leaves the page, so the browser cannot do that itself).
 */
export function Dialog({ title, onClose, children }: { title: string; onClose: () => void; children: ReactNode }) {
  const ref = useRef<HTMLDialogElement>(null);
  const opener = useRef(document.activeElement as HTMLElement | null);
  useEffect(() => {
    const dialog = ref.current;
    const back = opener.current;
    dialog?.showModal();
    return () => {
      dialog?.close();
      back?.focus();
    };
  }, []);
  return (
    <dialog ref={ref} className="tk-dialog" aria-labelledby="dialog-title" onCancel={onClose}>
      <Heading2 id="dialog-title">{title}</Heading2>
      {children}
    </dialog>
  );
}
