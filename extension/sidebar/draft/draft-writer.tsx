import { type FormEvent, useEffect, useEffectEvent, useState } from 'react';
import type { GmailThreadContext } from '../../../shared/host-context.ts';
import type { ApiClient } from '../../lib/api-client.ts';
import type { ComposeInsertOutcome } from '../../lib/host-context-source.ts';
import { classifyApiError } from '../connection/api-error.ts';
import { useServices } from '../services.tsx';
import type { DraftRequest } from '../tabs/sidebar-tab.ts';
import { insertNote } from './draft-format.ts';
import { anotherSeed, type DraftSettings, draftInput, initialSettings } from './draft-input.ts';
import { DraftPreview, HeldBackLinks } from './draft-preview.tsx';
import { DraftSettingsFields } from './draft-settings.tsx';
import { FlaggedPassages, type PassageChoice, textToInsert, undecided } from './flagged-passages.tsx';
import { SendViaApproval } from './send-via-approval.tsx';
import { useComposeWriter } from './use-compose-writer.ts';
import { useDraftStream } from './use-draft-stream.ts';

interface DraftWriterProps {
  api: ApiClient;
  customer: { id: string; name: string };
  thread: GmailThreadContext | null;
  /** Gmail's compose can take the text; elsewhere the draft is only shown. */
  canInsert: boolean;
  request: DraftRequest | null;
  onUnauthorized: () => void;
}

/**
 * Settings, Draft / Stop / Regenerate, the streamed preview, and Insert into Gmail's reply. The
 * compose's "Draft with CSCX" starts a draft at once, written into that compose as it streams.
 */
export function DraftWriter({ api, customer, thread, canInsert, request, onUnauthorized }: DraftWriterProps) {
  const { compose } = useServices();
  const [settings, setSettings] = useState<DraftSettings>(() => initialSettings(thread !== null));
  const [problem, setProblem] = useState<string | null>(null);
  const [inserted, setInserted] = useState<ComposeInsertOutcome | null>(null);
  const [choices, setChoices] = useState<ReadonlyMap<number, PassageChoice>>(new Map());
  const [confirming, setConfirming] = useState(false);
  const { run, start, stop } = useDraftStream(api);
  const intoCompose = useComposeWriter();

  const write = (chosen: DraftSettings, seed: number, streamIntoCompose = false) => {
    const made = draftInput(chosen, customer.id, thread, seed);
    if ('problem' in made) return setProblem(made.problem);
    setProblem(null);
    setInserted(null);
    setChoices(new Map());
    setConfirming(false);
    intoCompose.reset();
    void start(made.input, streamIntoCompose && canInsert ? intoCompose.begin() : undefined);
  };
  const answerRequest = useEffectEvent((asked: DraftRequest) => {
    const chosen = asked.intent ? { ...settings, intent: asked.intent } : settings;
    setSettings(chosen);
    write(chosen, 0, true);
  });
  useEffect(() => {
    if (request?.claim()) answerRequest(request);
  }, [request]);
  useEffect(() => compose.onStop(stop), [compose, stop]);
  const failedUnauthorized = run.status === 'failed' && classifyApiError(run.error) === 'unauthorized';
  useEffect(() => {
    if (failedUnauthorized) onUnauthorized();
  }, [failedUnauthorized, onUnauthorized]);

  const insert = async (text: string, draftId?: string) => {
    intoCompose.reset();
    setConfirming(false);
    setInserted(await compose.insert(text, draftId));
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    write(settings, 0);
  };
  const streaming = run.status === 'streaming';
  const text = run.status === 'idle' ? '' : run.text;
  const passages = run.status === 'idle' ? [] : run.passages;
  const composeNote = inserted ?? intoCompose.outcome;
  const open = undecided(passages, choices);
  // With passages removed, the text is the CSM's edit, not the draft the server recorded.
  const removedAny = [...choices.values()].includes('remove');
  const insertDraft = () =>
    void insert(
      textToInsert(text, passages, choices),
      run.status === 'done' && !removedAny ? run.done.draftId : undefined,
    );

  return (
    <div className="stack draft">
      <form className="card" aria-label="Draft settings" onSubmit={submit} noValidate>
        <h3>Draft for {customer.name}</h3>
        <DraftSettingsFields
          settings={settings}
          onChange={(next) => {
            setSettings(next);
            setProblem(null);
          }}
          hasThread={thread !== null}
          disabled={streaming}
        />
        {problem && (
          <p role="alert" className="error">
            {problem}
          </p>
        )}
        <div className="draft-actions">
          {/* Two elements, never one retyped: a click on Stop that ends the stream would otherwise
              land on a button that has become Draft's submit by the time the click acts. */}
          {streaming ? (
            <button key="stop" type="button" onClick={stop}>
              Stop
            </button>
          ) : (
            <button key="draft" type="submit" className="primary">
              Draft
            </button>
          )}
          {run.status !== 'idle' && !streaming && (
            <button type="button" onClick={() => write(settings, anotherSeed(run.input.seed))}>
              Regenerate
            </button>
          )}
        </div>
      </form>
      {run.status !== 'idle' && <DraftPreview run={run} choices={choices} />}
      <FlaggedPassages
        text={text}
        passages={passages}
        choices={choices}
        onChoose={(index, choice) => {
          setChoices((before) => new Map(before).set(index, choice));
          setConfirming(false);
        }}
      />
      {canInsert && text && !streaming && (
        <div className="draft-insert">
          {confirming ? (
            <div className="confirm">
              <span>
                {open === 1 ? '1 flagged passage is' : `${open} flagged passages are`} still undecided. Insert
                the draft with {open === 1 ? 'it' : 'them'}?
              </span>
              <span className="row-actions">
                <button type="button" className="danger" onClick={insertDraft}>
                  Insert anyway
                </button>
                <button type="button" onClick={() => setConfirming(false)}>
                  Cancel
                </button>
              </span>
            </div>
          ) : (
            <button
              type="button"
              className="primary"
              onClick={() => (open > 0 ? setConfirming(true) : insertDraft())}
            >
              Insert into the reply
            </button>
          )}
          {composeNote && (
            <p role="status" className={composeNote === 'inserted' ? 'small' : 'small error'}>
              {insertNote(composeNote)}
            </p>
          )}
        </div>
      )}
      {run.status === 'done' && thread && (
        <SendViaApproval
          key={run.done.draftId}
          api={api}
          customerId={customer.id}
          thread={thread}
          text={text}
          draftId={run.done.draftId}
        />
      )}
      {run.status === 'done' && (
        <HeldBackLinks
          links={run.done.flaggedLinks}
          onInsert={canInsert ? (url) => void insert(url) : null}
        />
      )}
    </div>
  );
}
