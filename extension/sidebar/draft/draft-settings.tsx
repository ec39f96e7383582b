import { useId } from 'react';
import { draftIntents, draftLengths, draftTones } from '../../../shared/api/drafts.ts';
import { intentNames, lengthNames, toneNames } from './draft-format.ts';
import type { DraftSettings } from './draft-input.ts';

interface DraftSettingsFieldsProps {
  settings: DraftSettings;
  onChange: (settings: DraftSettings) => void;
  /** Without a thread there is nothing to reply to. */
  hasThread: boolean;
  disabled: boolean;
}

const instructionHints: Record<DraftSettings['intent'], string> = {
  reply: 'Anything to add, e.g. “offer a call on Thursday”',
  follow_up: 'What to follow up on',
  check_in: 'Anything to mention',
  renewal: 'Anything to mention about the renewal',
  custom: 'What the email should say',
};

/** Kind of email, the CSM's instruction, tone and length: what a draft is written to. */
export function DraftSettingsFields({ settings, onChange, hasThread, disabled }: DraftSettingsFieldsProps) {
  const ids = useId();
  const custom = settings.intent === 'custom';
  return (
    <fieldset className="draft-settings" disabled={disabled}>
      <label htmlFor={`${ids}-intent`}>Kind of email</label>
      <select
        id={`${ids}-intent`}
        value={settings.intent}
        onChange={(event) => {
          const intent = draftIntents.find((i) => i === event.target.value) ?? settings.intent;
          onChange({ ...settings, intent });
        }}
      >
        {draftIntents.map((intent) => (
          <option key={intent} value={intent} disabled={intent === 'reply' && !hasThread}>
            {intentNames[intent]}
          </option>
        ))}
      </select>
      <label htmlFor={`${ids}-instruction`}>Instruction {custom ? '(required)' : '(optional)'}</label>
      <textarea
        id={`${ids}-instruction`}
        rows={custom ? 3 : 2}
        maxLength={2000}
        required={custom}
        placeholder={instructionHints[settings.intent]}
        value={settings.instruction}
        onChange={(event) => onChange({ ...settings, instruction: event.target.value })}
      />
      <Choice
        legend="Tone"
        name={`${ids}-tone`}
        options={draftTones}
        names={toneNames}
        value={settings.tone}
        onChange={(tone) => onChange({ ...settings, tone })}
      />
      <Choice
        legend="Length"
        name={`${ids}-length`}
        options={draftLengths}
        names={lengthNames}
        value={settings.length}
        onChange={(length) => onChange({ ...settings, length })}
      />
    </fieldset>
  );
}

interface ChoiceProps<T extends string> {
  legend: string;
  name: string;
  options: readonly T[];
  names: Record<T, string>;
  value: T;
  onChange: (value: T) => void;
}

/** A row of radio buttons drawn as one segmented control. */
function Choice<T extends string>({ legend, name, options, names, value, onChange }: ChoiceProps<T>) {
  return (
    <fieldset className="segmented">
      <legend>{legend}</legend>
      <div className="segments">
        {options.map((option) => (
          <label key={option} className={option === value ? 'segment chosen' : 'segment'}>
            <input
              type="radio"
              name={name}
              value={option}
              checked={option === value}
              onChange={() => onChange(option)}
            />
            {names[option]}
          </label>
        ))}
      </div>
    </fieldset>
  );
}
