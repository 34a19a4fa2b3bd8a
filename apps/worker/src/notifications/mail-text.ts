/**
 * The words of the e-mails. They carry a case reference, a link and counts, never personal data: no name, BSN,
 * date of birth, free text, nor which basic condition a piece of work is about (that is shared per consent, and
 * a mailbox is read by more people than the case's reader). What the work is, the link shows after sign-in.
 */
export interface CaseRef {
  detentionId: string;
  caseReference: string | null;
}

export interface MailText {
  subject: string;
  body: string;
}

export type UrgentKind = 'release-soon' | 'declined' | 'escalation' | 'task-escalated' | 'workflow-refused';

const reference = (c: CaseRef) => c.caseReference ?? `zaak ${c.detentionId.slice(0, 8)}`;
export const caseLink = (baseUrl: string, detentionId: string) =>
  `${baseUrl.replace(/\/+$/, '')}/ui/#/detentions/${detentionId}`;

const FOOTER =
  'Deze e-mail bevat bewust geen persoonsgegevens: meld u aan in Terugkeer om de zaak te zien.\n' +
  'U ontvangt hem als functionele mailbox in het contactregister van Terugkeer.';

const WHAT: Record<UrgentKind, (days?: number) => [string, string]> = {
  'release-soon': (days) => [
    'vrijlating binnen 14 dagen, niet alles geregeld',
    `De verwachte vrijlating is ${days === 0 ? 'vandaag' : `over ${days} dag${days === 1 ? '' : 'en'}`} en ` +
      'niet elke basisvoorwaarde is geregeld.',
  ],
  declined: () => [
    'verzoek afgewezen',
    'Een ketenpartner heeft een verzoek afgewezen. Er staat een taak klaar om een andere route te vinden.',
  ],
  escalation: () => [
    'verzoek loopt niet',
    'Een verzoek aan een ketenpartner loopt niet zoals afgesproken (niet op tijd beantwoord, niet af te leveren, ' +
      'of geen partner). Er staat een taak klaar om het op te volgen.',
  ],
  'task-escalated': () => [
    'taak over tijd en geëscaleerd',
    'Een taak is over haar termijn en gemeld bij de leidinggevende.',
  ],
  'workflow-refused': () => [
    'intake geregistreerd, begeleiding niet gestart',
    'De intake is opgeslagen, maar Temporal (de workflow-engine) weigert het proces van deze zaak te starten. ' +
      'Tot beheer de oorzaak heeft weggenomen loopt er voor deze zaak niets: geen stappen, taken of verzoeken. ' +
      'Beheer ziet de zaak in de gezondheidscontrole van Terugkeer (/health).',
  ],
};

export function urgentMail(kind: UrgentKind, c: CaseRef, baseUrl: string, daysToRelease?: number): MailText {
  const [subject, what] = WHAT[kind](daysToRelease);
  return {
    subject: `[Terugkeer] Urgent: ${subject} (${reference(c)})`,
    body: `Zaak ${reference(c)}\n\n${what}\n\nOpen de zaak: ${caseLink(baseUrl, c.detentionId)}\n\n-- \n${FOOTER}\n`,
  };
}

export interface DigestLine extends CaseRef {
  newTasks: number;
  reminders: number;
}

export function digestMail(date: string, lines: DigestLine[], baseUrl: string): MailText {
  const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
  const listed = lines.map((l) => {
    const parts = [
      ...(l.newTasks ? [count(l.newTasks, 'nieuwe taak', 'nieuwe taken')] : []),
      ...(l.reminders ? [count(l.reminders, 'herinnering', 'herinneringen')] : []),
    ];
    return `- ${reference(l)}: ${parts.join(', ')}\n  ${caseLink(baseUrl, l.detentionId)}`;
  });
  return {
    subject: `[Terugkeer] Overzicht van ${date}: ${count(lines.length, 'zaak', 'zaken')} met nieuw werk`,
    body: `Nieuw werk sinds het vorige overzicht:\n\n${listed.join('\n')}\n\n-- \n${FOOTER}\n`,
  };
}
