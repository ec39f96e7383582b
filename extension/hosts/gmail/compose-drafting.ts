import type { InsertOutcome } from '../../lib/sidebar-channel.ts';
import type { SidebarFrame } from '../sidebar-frame.ts';
import type { OpenGmailCompose } from './gmail-host.ts';

/** Called for each compose the feed tracks, with how to bring that compose's context back to the sidebar. */
export type ComposeHook = (compose: OpenGmailCompose, show: () => void) => void;

/**
 * Gmail's side of drafting: "Draft with CSCX" on every compose opens the sidebar's Draft tab for that
 * compose (a reply asks for a reply), and text the sidebar sends goes in at the cursor of the compose
 * used last — the one whose button was pressed, else the one opened last — with a Stop under it while
 * a draft streams in. A draft that reaches a sentence CSCX flagged stops going in before it, and the
 * compose says so. Nothing is ever sent: the CSM edits and presses Gmail's own Send. Each compose
 * remembers the last whole CSCX draft it took; when it is sent, its body goes to the sidebar to be
 * recorded against that draft. A compose that took no draft reports nothing.
 */
export function draftInCompose(
  sidebar: Pick<SidebarFrame, 'requestDraft' | 'onInsert' | 'onWriting' | 'stopDraft' | 'recordSent'>,
  openPanel: () => void,
): ComposeHook {
  const composes: OpenGmailCompose[] = [];
  const draftIds = new Map<OpenGmailCompose, string>();
  let writingInto: OpenGmailCompose | null = null;
  let hideWriting: (() => void) | null = null;
  const forget = (compose: OpenGmailCompose) => {
    const index = composes.indexOf(compose);
    if (index >= 0) composes.splice(index, 1);
  };
  sidebar.onInsert((text, draftId) => {
    const compose = composes.at(-1);
    const outcome = insertInto(compose, text);
    if (compose && draftId && outcome === 'inserted') draftIds.set(compose, draftId);
    return outcome;
  });
  sidebar.onWriting((on, draftId, stoppedBeforeFlagged) => {
    hideWriting?.();
    hideWriting = null;
    const stillOpen = writingInto && composes.includes(writingInto) ? writingInto : null;
    // The draft's id comes once it has all gone in, to the compose its Stop was shown under.
    if (!on && draftId && stillOpen) draftIds.set(stillOpen, draftId);
    if (!on && stoppedBeforeFlagged) stillOpen?.showNotice(flaggedNotice);
    writingInto = on ? (composes.at(-1) ?? null) : null;
    if (writingInto) hideWriting = writingInto.showWriting(() => sidebar.stopDraft());
  });
  return (compose, show) => {
    composes.push(compose);
    compose.onClose(() => {
      forget(compose);
      // "sent" comes before the compose goes: a draft's id is needed no longer than the compose.
      draftIds.delete(compose);
    });
    compose.onSent((sentText) => {
      const draftId = draftIds.get(compose);
      if (draftId) sidebar.recordSent({ draftId, sentText });
    });
    compose.addDraftButton(() => {
      forget(compose);
      composes.push(compose);
      show();
      openPanel();
      sidebar.requestDraft(compose.isReply() ? 'reply' : null);
    });
  };
}

const flaggedNotice =
  'CSCX stopped before a sentence it flagged (it repeats an instruction from the email, or does something you did not ask). See the Draft tab.';

function insertInto(compose: OpenGmailCompose | undefined, text: string): InsertOutcome {
  if (!compose) return 'no-compose';
  try {
    compose.insertText(text);
    return 'inserted';
  } catch (error) {
    // InboxSDK throws for a compose Gmail has just torn down.
    console.warn('CSCX could not insert into the Gmail compose', error);
    return 'failed';
  }
}
