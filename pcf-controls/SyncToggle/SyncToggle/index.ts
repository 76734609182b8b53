import * as React from 'react';
import { fieldAccess } from '../../shared/field-access';
import { makeTimeFormatter } from '../../shared/dates';
import { loadStrings } from '../../shared/strings';
import { modernTheme, themed } from '../../shared/theme';
import { findNewestEntry } from '../../../flows/audit/parse';
import { SyncToggleView, type SyncToggleViewProps } from './components/SyncToggleView';
import { canRetry, needsShareConfirmation, resolveStatusValues, stateOf, type StatusValues } from './lib/status';
import type { SyncToggleStringKey as StringKey } from './strings';
import type { IInputs, IOutputs } from './generated/ManifestTypes';

/**
 * Thin wrapper: maps the platform context to SyncToggleView props on every updateView (access
 * rights can change at any time) and turns the view's callbacks into outputs.
 */
export class SyncToggle implements ComponentFramework.ReactControl<IInputs, IOutputs> {
  private notifyOutputChanged: () => void = () => undefined;
  private outputs: IOutputs = {};
  private statusValues: StatusValues = {};
  // Stable across updates (the user's language doesn't change while the form is open) so the memoised view can skip renders.
  private strings: SyncToggleViewProps['strings'] | undefined;

  public init(_context: ComponentFramework.Context<IInputs>, notifyOutputChanged: () => void): void {
    this.notifyOutputChanged = notifyOutputChanged;
  }

  public updateView(context: ComponentFramework.Context<IInputs>): React.ReactElement {
    // Every property may be missing or null (a form that does not bind it, a new record): never throw.
    const p: Partial<IInputs> = context.parameters ?? {};
    const valueAccess = fieldAccess(context.mode?.isControlDisabled, p.value?.security);
    const statusAccess = fieldAccess(context.mode?.isControlDisabled, p.syncStatus?.security);
    this.statusValues = resolveStatusValues(
      {
        notSynced: p.statusNotSyncedValue?.raw ?? undefined,
        pending: p.statusPendingValue?.raw ?? undefined,
        synced: p.statusSyncedValue?.raw ?? undefined,
        error: p.statusErrorValue?.raw ?? undefined,
      },
      p.syncStatus?.attributes?.Options,
    );
    const state = stateOf(p.syncStatus?.raw, this.statusValues);
    const formatTime = makeTimeFormatter(context.formatting, (d) => context.userSettings.getTimeZoneOffsetMinutes(d));
    const lastSynced = p.lastSyncedOn?.raw;
    const strings = (this.strings ??= loadStrings<StringKey>((k) => context.resources.getString(k)));

    const props: SyncToggleViewProps = {
      theme: modernTheme(context.fluentDesignLanguage),
      label: p.value?.attributes?.DisplayName || strings.Toggle_Label,
      checked: p.value?.raw === true,
      state,
      statusText: p.syncStatus?.formatted ?? undefined,
      lastSyncedText: lastSynced ? formatTime(lastSynced) : undefined,
      errorReason: state === 'error' ? findNewestEntry(p.audit?.raw, (e) => e.result === 'Failed')?.message : undefined,
      confirmBeforeOn: needsShareConfirmation(true, p.sharedWithMicrosoft?.raw, p.referralId?.raw),
      disabled: valueAccess.disabled,
      masked: valueAccess.masked,
      statusMasked: statusAccess.masked,
      retryEnabled: canRetry(state, statusAccess.disabled, this.statusValues),
      strings,
      onChange: this.handleChange,
      onRetry: this.handleRetry,
    };
    return themed(React.createElement(SyncToggleView, props), props.theme);
  }

  public getOutputs(): IOutputs {
    return { ...this.outputs };
  }

  public destroy(): void {
    this.notifyOutputChanged = () => undefined;
  }

  // Stable callbacks keep the memoised view from re-rendering; each sends only its own change.
  private readonly handleChange = (checked: boolean): void => {
    this.outputs = { value: checked };
    this.notifyOutputChanged();
  };

  private readonly handleRetry = (): void => {
    const pending = this.statusValues.pending;
    if (pending === undefined) return;
    this.outputs = { syncStatus: pending };
    this.notifyOutputChanged();
  };
}
