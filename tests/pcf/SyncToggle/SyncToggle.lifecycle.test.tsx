import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { SyncToggle } from '../../../pcf-controls/SyncToggle/SyncToggle';
import type { IInputs, IOutputs } from '../../../pcf-controls/SyncToggle/SyncToggle/generated/ManifestTypes';
import { formatAuditEntry } from '../../../flows/audit';
import { MockContext } from '../mock-context';
import { STATUS, toggleParams, type ToggleState } from './params';

function setup(
  state: ToggleState = {},
  options: { disabled?: boolean; lcid?: number; userOffsetMinutes?: number } = {},
) {
  const mock = new MockContext<IInputs>(toggleParams(state), { control: 'SyncToggle', ...options });
  const control = new SyncToggle();
  // init as the platform calls it, through the platform's interface and signature.
  const platform: ComponentFramework.ReactControl<IInputs, IOutputs> = control;
  const notify = jest.fn();
  platform.init(mock.context, notify, {});
  const view = render(control.updateView(mock.context));
  const update = (next: ToggleState, disabled = mock.mode.isControlDisabled) => {
    mock.parameters = toggleParams(next);
    mock.mode.isControlDisabled = disabled;
    view.rerender(control.updateView(mock.context));
  };
  return { mock, control, notify, update, view };
}

/** Fluent's Modal unmounts after its closing animation timer; run it without waiting. */
function finishAnimations(): void {
  act(() => {
    jest.runOnlyPendingTimers();
  });
}

const switchEl = () => screen.getByRole('switch', { name: 'Sync with Partner Center' });

afterEach(() => jest.useRealTimers());

describe('SyncToggle lifecycle', () => {
  it('turns sync on without confirmation for a private deal', () => {
    const { control, notify, mock } = setup();
    expect(switchEl()).not.toBeChecked();
    expect(screen.getByText('Not synced')).toBeInTheDocument();
    fireEvent.click(switchEl());
    expect(notify).toHaveBeenCalledTimes(1);
    expect(control.getOutputs()).toEqual({ value: true });
    expect(mock.missingKeys.size).toBe(0);
  });

  it('asks for confirmation before the first share with Microsoft sellers, and only sends after Share', () => {
    const { control, notify } = setup({ shared: true });
    fireEvent.click(switchEl());
    const dialog = screen.getByRole('alertdialog');
    expect(within(dialog).getByText('Share with Microsoft sellers?')).toBeInTheDocument();
    expect(within(dialog).getByText(/can't be undone/)).toBeInTheDocument();
    expect(notify).not.toHaveBeenCalled();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Share and sync' }));
    expect(notify).toHaveBeenCalledTimes(1);
    expect(control.getOutputs()).toEqual({ value: true });
  });

  it('sends nothing when the confirmation is cancelled', () => {
    jest.useFakeTimers();
    const { notify } = setup({ shared: true });
    fireEvent.click(switchEl());
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    finishAnimations();
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(notify).not.toHaveBeenCalled();
    expect(switchEl()).not.toBeChecked();
  });

  it('does not ask again once the referral exists', () => {
    const { notify } = setup({ shared: true, referralId: 'r-1' });
    fireEvent.click(switchEl());
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(notify).toHaveBeenCalledTimes(1);
  });

  it('turns sync off without confirmation', () => {
    const { control, notify } = setup({ value: true, shared: true });
    fireEvent.click(switchEl());
    expect(notify).toHaveBeenCalledTimes(1);
    expect(control.getOutputs()).toEqual({ value: false });
  });

  it('shows the error reason without hovering and retries by setting Pending', () => {
    const audit = [
      formatAuditEntry({
        time: '2026-11-20T10:00:00Z',
        direction: 'CrmToPartnerCenter',
        operation: 'Create',
        result: 'Failed',
        message: 'old failure',
      }),
      formatAuditEntry({
        time: '2026-11-21T10:00:00Z',
        direction: 'CrmToPartnerCenter',
        operation: 'Create',
        result: 'Failed',
        message: 'Customer country must be a 2-letter ISO code.',
      }),
    ].join('\n');
    const { control, notify, update } = setup({ value: true, status: STATUS.error, audit });
    expect(screen.getByText('Customer country must be a 2-letter ISO code.')).toBeVisible();
    expect(screen.queryByText('old failure')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Retry the sync with Partner Center' }));
    expect(notify).toHaveBeenCalledTimes(1);
    expect(control.getOutputs()).toEqual({ syncStatus: STATUS.pending });
    // The platform writes the output back and calls updateView: the badge and the live region follow.
    update({ value: true, status: STATUS.pending, audit });
    expect(screen.getByRole('status')).toHaveTextContent('Sync status: Pending');
    expect(screen.queryByRole('button', { name: /Retry/ })).toBeNull();
  });

  it('shows a generic reason when the audit has no failure', () => {
    setup({ status: STATUS.error, audit: 'not json\n' });
    expect(screen.getByText(/See the audit trail/)).toBeInTheDocument();
  });

  it('shows the last sync time in the user time zone through the formatting API', () => {
    const { mock } = setup(
      { value: true, status: STATUS.synced, lastSyncedOn: new Date('2026-11-21T10:00:00Z') },
      { userOffsetMinutes: 90 },
    );
    expect(screen.getByText('Synced 11/21/2026 11:30')).toBeInTheDocument();
    expect(mock.formatDateShort).toHaveBeenCalledWith(expect.any(Date), true);
  });

  it('recomputes read-only on every updateView', () => {
    const { update } = setup({ status: STATUS.error }, { disabled: true });
    expect(switchEl()).toBeDisabled();
    expect(screen.queryByRole('button', { name: /Retry/ })).toBeNull();
    update({ status: STATUS.error }, false);
    expect(switchEl()).toBeEnabled();
    expect(screen.getByRole('button', { name: /Retry/ })).toBeEnabled();
    update({
      status: STATUS.error,
      valueSecurity: { editable: false, readable: true, secured: true },
      statusSecurity: { editable: false, readable: true, secured: true },
    });
    expect(switchEl()).toBeDisabled();
    expect(screen.queryByRole('button', { name: /Retry/ })).toBeNull();
  });

  it('closes an open confirmation when the field turns read-only', () => {
    jest.useFakeTimers();
    const { update, notify } = setup({ shared: true });
    fireEvent.click(switchEl());
    expect(screen.getByRole('alertdialog')).toBeInTheDocument();
    update({ shared: true }, true);
    finishAnimations();
    expect(screen.queryByRole('button', { name: 'Share and sync' })).toBeNull();
    expect(notify).not.toHaveBeenCalled();
  });

  it('masks values the user may not read', () => {
    setup({
      value: true,
      status: STATUS.synced,
      valueSecurity: { editable: false, readable: false, secured: true },
      statusSecurity: { editable: false, readable: false, secured: true },
    });
    expect(screen.queryByRole('switch')).toBeNull();
    expect(screen.getAllByText('****')).toHaveLength(2);
    expect(screen.queryByText(/Synced/)).toBeNull();
  });

  it('renders null and unmapped values sensibly', () => {
    const { update } = setup({ status: null, lastSyncedOn: null, audit: null, referralId: null });
    expect(screen.getByText('Not synced')).toBeInTheDocument();
    update({ status: 5, statusOptions: [{ Label: 'Odd', Value: 5 }] });
    expect(screen.getByText('Status: Odd')).toBeInTheDocument();
  });

  it('uses configured option values when the form sets them', () => {
    setup({ status: 7, statusOptions: [{ Label: 'A', Value: 7 }], configured: { error: 7, pending: 8 } });
    expect(screen.getByText('Error')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: /Retry/ })).toBeInTheDocument();
  });

  it('speaks Spanish from the 3082 resx', () => {
    const { mock } = setup({ status: STATUS.pending }, { lcid: 3082 });
    expect(screen.getByText('Pendiente')).toBeInTheDocument();
    expect(mock.missingKeys.size).toBe(0);
  });

  it('survives a 1 MB audit value', () => {
    const line = formatAuditEntry({
      time: '2026-11-21T10:00:00Z',
      direction: 'Reconcile',
      operation: 'Update',
      result: 'Failed',
      message: 'x'.repeat(300),
    });
    const audit = Array.from({ length: Math.floor(1_048_576 / (line.length + 1)) }, () => line).join('\n');
    setup({ status: STATUS.error, audit });
    expect(screen.getByText('x'.repeat(300))).toBeInTheDocument();
  });

  it('destroy stops notifications', () => {
    const { control, notify } = setup();
    control.destroy();
    act(() => {
      fireEvent.click(switchEl());
    });
    expect(notify).not.toHaveBeenCalled();
  });
});
