/** @jsx h */
import * as React from 'react';
import { h } from './jsx';

/**
 * A polite live region: screen readers announce its text when it changes (not on first render).
 * Visually hidden unless `visible`, so the same text can double as on-screen feedback.
 */
export function LiveRegion(props: { text: string; className?: string }): React.ReactElement {
  return (
    <div role="status" aria-live="polite" aria-atomic="true" className={props.className}>
      {props.text}
    </div>
  );
}
