import { createApiKeyMutation, listApiKeysQueryKey } from '@khata/client';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { describeError } from '../../../shared/api/problems';
import { Dialog } from '../../../shared/ui/Dialog';
import { FormDialogActions } from '../../../shared/ui/DialogActions';
import { Field } from '../../../shared/ui/Field';
import { formClass } from '../../../shared/ui/form';
import { FormError } from '../../../shared/ui/FormError';
import { SCOPE_WORDS, SCOPES, type Scope } from '../utils/scopes';
import styles from './CreateApiKeyDialog.module.css';
import { NewApiKey } from './NewApiKey';

/** Name a key and tick what it may do; the key is then shown this once, to copy. */
export function CreateApiKeyDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<Scope[]>([]);
  const [invalid, setInvalid] = useState<string | null>(null);
  const queryClient = useQueryClient();
  const create = useMutation({
    ...createApiKeyMutation(),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: listApiKeysQueryKey() }),
  });
  const created = create.data;

  function close() {
    setName('');
    setScopes([]);
    setInvalid(null);
    create.reset();
    onClose();
  }

  function toggle(scope: Scope, on: boolean) {
    setScopes((current) => SCOPES.filter((s) => (s === scope ? on : current.includes(s))));
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    if (scopes.length === 0) return setInvalid('Tick at least one permission.');
    setInvalid(null);
    create.mutate({ body: { name: name.trim(), scopes } });
  }

  return (
    <Dialog open={open} onClose={close} title={created ? 'Your new API key' : 'New API key'}>
      {created ? (
        <NewApiKey apiKey={created} onDone={close} />
      ) : (
        <form className={formClass} onSubmit={submit}>
          <Field label="Name" id="api-key-name" hint="What it is for, e.g. the software that will use it">
            <input
              id="api-key-name"
              required
              maxLength={100}
              value={name}
              onChange={(e) => setName(e.target.value)}
              aria-describedby="api-key-name-hint"
            />
          </Field>
          <fieldset className={styles.scopes}>
            <legend>Permissions</legend>
            {SCOPES.map((scope) => (
              <label key={scope} className={styles.scope}>
                <input type="checkbox" checked={scopes.includes(scope)} onChange={(e) => toggle(scope, e.target.checked)} />
                <span>
                  <span className={styles.label}>{SCOPE_WORDS[scope].label}</span>
                  <span className={styles.scopeHint}>{SCOPE_WORDS[scope].hint}</span>
                </span>
              </label>
            ))}
          </fieldset>
          {(invalid || create.isError) && <FormError>{invalid ?? describeError(create.error)}</FormError>}
          <FormDialogActions onCancel={close} pending={create.isPending} label="Make key" pendingLabel="Making…" />
        </form>
      )}
    </Dialog>
  );
}
