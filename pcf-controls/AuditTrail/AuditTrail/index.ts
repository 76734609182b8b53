import * as React from 'react';
import { fieldAccess } from '../../shared/field-access';
import { makeTimeFormatter } from '../../shared/dates';
import { loadStrings } from '../../shared/strings';
import { modernTheme, themed } from '../../shared/theme';
import { AuditTrailView, type AuditTrailViewProps } from './components/AuditTrailView';
import { buildTimeline, type TimelineItem } from './lib/timeline';
import type { AuditTrailStringKey as StringKey } from './strings';
import type { IInputs, IOutputs } from './generated/ManifestTypes';

/**
 * Thin wrapper over AuditTrailView. Parses the Audit value only when it changes (it can be 1 MB),
 * so re-renders for other reasons (resize, read-only changes) stay cheap. Never writes the column.
 */
export class AuditTrail implements ComponentFramework.ReactControl<IInputs, IOutputs> {
  private lastValue: string | null | undefined = undefined;
  private items: TimelineItem[] = [];
  // Stable across updates so the memoised entries don't re-render: the user's language and
  // formatting settings don't change while the form is open.
  private strings: AuditTrailViewProps['strings'] | undefined;
  private formatTime: AuditTrailViewProps['formatTime'] | undefined;

  public init(): void {
    // Nothing to set up: the value is parsed on the first updateView.
  }

  public updateView(context: ComponentFramework.Context<IInputs>): React.ReactElement {
    const p: Partial<IInputs> = context.parameters ?? {};
    const access = fieldAccess(context.mode?.isControlDisabled, p.audit?.security);
    const value = access.masked ? null : p.audit?.raw;
    if (value !== this.lastValue || this.items.length === 0) {
      this.items = buildTimeline(value);
      this.lastValue = value;
    }
    const props: AuditTrailViewProps = {
      theme: modernTheme(context.fluentDesignLanguage),
      items: this.items,
      masked: access.masked,
      strings: (this.strings ??= loadStrings<StringKey>((k) => context.resources.getString(k))),
      formatTime: (this.formatTime ??= makeTimeFormatter(context.formatting, (d) =>
        context.userSettings.getTimeZoneOffsetMinutes(d),
      )),
    };
    return themed(React.createElement(AuditTrailView, props), props.theme);
  }

  public getOutputs(): IOutputs {
    return {};
  }

  public destroy(): void {
    // Lets a 1 MB history go even if the host keeps a reference to the control.
    this.items = [];
  }
}
