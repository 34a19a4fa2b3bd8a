import {
  Button,
  ButtonGroup,
  FormField,
  FormFieldErrorMessage,
  FormLabel,
  Heading1,
  Heading2,
  Paragraph,
  Textarea,
} from '@utrecht/component-library-react';
import { useState, type FormEvent } from 'react';
import { api, unwrap } from '../../api/client';
import { navigate } from '../../app/router';
import { homeOf, useSession } from '../../app/session';
import { useLoad } from '../../app/use-load';
import { useT } from '../../i18n/i18n';
import { ErrorAlert, Loading } from '../../components/common';

/** Sign-in: a bearer token from the identity provider, or (development only) one of the demo identities. */
export function SignIn() {
  const { t } = useT();
  const { signIn } = useSession();
  const [token, setToken] = useState('');
  const [error, setError] = useState<string | null>(null);
  const options = useLoad(async () => {
    const config = await unwrap(api.GET('/api/ui-config'));
    const identities = config.devLogin ? (await unwrap(api.GET('/api/dev/identities'))).items : [];
    return { config, identities };
  }, []);

  const enter = async (value: string) => {
    try {
      const session = await signIn(value);
      // A link into the UI (from an e-mail) shows its page after sign-in; otherwise the role's home.
      if (!location.hash.replace(/^#\/?/, '')) navigate(homeOf(session.role));
    } catch {
      setError(t('tokenInvalid'));
    }
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!token.trim()) return setError(t('required'));
    void enter(token.trim());
  };

  return (
    <>
      <Heading1>{t('signIn')}</Heading1>
      {location.hash.replace(/^#\/?/, '') && (
        <Paragraph data-testid="sign-in-continues">{t('signInContinues')}</Paragraph>
      )}
      {options.error && <ErrorAlert error={options.error} />}
      {!options.data && !options.error && <Loading />}
      {options.data && options.data.identities.length > 0 && (
        <section aria-labelledby="dev-identities">
          <Heading2 id="dev-identities">{t('devIdentities')}</Heading2>
          <ButtonGroup className="tk-identities">
            {options.data.identities.map((identity) => (
              <Button
                key={identity.sub}
                appearance="secondary-action-button"
                data-testid={`identity-${identity.sub}`}
                onClick={async () => {
                  const { token: devToken } = await unwrap(
                    api.POST('/api/dev/token', {
                      body: { role: identity.role as never, org: identity.org, sub: identity.sub },
                    }),
                  );
                  await enter(devToken);
                }}
              >
                {identity.label}
              </Button>
            ))}
          </ButtonGroup>
        </section>
      )}
      <form onSubmit={submit} noValidate>
        <FormField invalid={Boolean(error)}>
          <div className="utrecht-form-field__label">
            <FormLabel htmlFor="token">{t('pasteToken')}</FormLabel>
          </div>
          <div className="utrecht-form-field__input">
            <Textarea
              id="token"
              value={token}
              rows={3}
              invalid={Boolean(error)}
              aria-describedby={error ? 'token-error' : undefined}
              onChange={(e) => setToken(e.target.value)}
            />
          </div>
          {error && <FormFieldErrorMessage id="token-error">{error}</FormFieldErrorMessage>}
        </FormField>
        <Paragraph>
          <Button type="submit" appearance="primary-action-button">
            {t('signIn')}
          </Button>
        </Paragraph>
      </form>
    </>
  );
}
