import { useId, useState, type FormEvent } from 'react';
import { useConnection } from '../connection/connection-context';
import { useLabels } from '../i18n/labels';

export function LoginScreen() {
  const connection = useConnection();
  const { t } = useLabels();
  const id = useId();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    const result = await connection.logIn(username, password);
    setBusy(false);
    if (!result.ok) setError(result.code === 'NETWORK' ? t.loginUnreachable : t.loginFailed);
  };

  return (
    <main className="login">
      <h1>{t.title}</h1>
      <form onSubmit={(event) => void submit(event)} aria-describedby={error ? `${id}-error` : undefined}>
        <label htmlFor={`${id}-user`}>{t.userName}</label>
        <input
          id={`${id}-user`}
          name="username"
          autoComplete="username"
          required
          value={username}
          onChange={(event) => setUsername(event.target.value)}
        />
        <label htmlFor={`${id}-password`}>{t.password}</label>
        <input
          id={`${id}-password`}
          name="password"
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(event) => setPassword(event.target.value)}
        />
        {error && (
          <p id={`${id}-error`} role="alert" className="error">
            {error}
          </p>
        )}
        <button type="submit" disabled={busy}>
          {t.logIn}
        </button>
      </form>
    </main>
  );
}
