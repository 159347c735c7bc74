// The one field binder of the wizard's steps: live validation of the draft, the messages and ids for each
// input, and the check behind 下一步/完成 that points at the first field still wrong.
import { useState } from 'react';
import type { DraftApplication } from '../api/types';
import { fieldBinder, firstFieldId, issuesUnder, useValidation } from '../lib/validation';
import { scrollToField } from '../routes';

export function useStepFields(
  app: DraftApplication | undefined,
  /** The paths this step is responsible for, e.g. ['unit'] or ['employees[2]']. */
  scopes: readonly string[],
  /** Input ids are relative to this prefix (the single-hire page: "employees[2]."). */
  prefix = '',
) {
  const validation = useValidation(app);
  const [showAll, setShowAll] = useState(false);
  const errors = scopes.flatMap((scope) => issuesUnder(validation?.errors, scope));
  const bind = fieldBinder(validation, prefix, showAll);

  /**
   * True when the step may be left. Otherwise shows every message and scrolls to the first; with
   * `askOnce`, a second attempt is let through (the single hire's 完成 returns to the list anyway).
   */
  function check({ askOnce = false } = {}): boolean {
    if (errors.length === 0 || (askOnce && showAll)) return true;
    setShowAll(true);
    const id = firstFieldId(errors, prefix);
    if (id) scrollToField(id);
    return false;
  }

  /**
   * Binds the inputs of one part of the draft (the unit, a hire, a hire's 公积金) by key: id and messages as
   * `bind` gives them for `pathPrefix + key`, the part's value, and an onChange that sets the key to the typed
   * text (through `parse` where the model wants another form, e.g. a number).
   */
  function bindPart<T extends object, Part extends { [K in keyof T]?: unknown }>(
    /** The part as the draft holds it (looser than T while it is being filled in). */
    part: Part | undefined,
    set: (patch: Partial<T>) => void,
    pathPrefix = '',
  ) {
    return <K extends keyof T & keyof Part & string>(key: K, parse?: (text: string) => T[K] | undefined) => {
      const value = part?.[key];
      return {
        ...bind(pathPrefix + key, value),
        value,
        onChange: (text: string) => set({ [key]: parse ? parse(text) : text } as Partial<T>),
      };
    };
  }

  return { validation, errors, showAll, bind, bindPart, check };
}
