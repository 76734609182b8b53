import * as React from 'react'; // classic JSX runtime
import { fireEvent, render, screen } from '@testing-library/react';
import {
  SyncToggleView,
  statusBadge,
  type SyncToggleViewProps,
} from '../../pcf-controls/SyncToggle/SyncToggle/components/SyncToggleView';
import { AuditTrailView } from '../../pcf-controls/AuditTrail/AuditTrail/components/AuditTrailView';
import { buildTimeline } from '../../pcf-controls/AuditTrail/AuditTrail/lib/timeline';
import type { SyncToggleStringKey } from '../../pcf-controls/SyncToggle/SyncToggle/strings';
import type { AuditTrailStringKey } from '../../pcf-controls/AuditTrail/AuditTrail/strings';
import { loadStrings } from '../../pcf-controls/shared/strings';
import { formatAuditEntry } from '../../flows/audit';
import { readResx } from './resx';

/** The pure views with plain props: no PCF context involved. */
const toggleStrings = loadStrings<SyncToggleStringKey>((k) => readResx('SyncToggle', 1033).get(k));
const trailStrings = loadStrings<AuditTrailStringKey>((k) => readResx('AuditTrail', 1033).get(k));

function toggleProps(patch: Partial<SyncToggleViewProps> = {}): SyncToggleViewProps {
  return {
    label: 'Sync',
    checked: false,
    state: 'notSynced',
    confirmBeforeOn: false,
    disabled: false,
    masked: false,
    statusMasked: false,
    retryEnabled: false,
    strings: toggleStrings,
    onChange: jest.fn(),
    onRetry: jest.fn(),
    ...patch,
  };
}

describe('SyncToggleView', () => {
  it.each([
    ['synced', '11/21 10:00', 'success', 'Synced 11/21 10:00'],
    ['synced', undefined, 'success', 'Synced'],
    ['pending', undefined, 'warning', 'Pending'],
    ['error', undefined, 'error', 'Error'],
    ['notSynced', undefined, 'neutral', 'Not synced'],
    ['unknown', undefined, 'neutral', 'Status: Odd'],
  ] as const)('badge for %s (%s)', (state, lastSyncedText, tone, text) => {
    expect(statusBadge({ state, lastSyncedText, statusText: 'Odd', strings: toggleStrings })).toEqual({ tone, text });
  });

  it('calls onChange directly when no confirmation is needed', () => {
    const props = toggleProps();
    render(<SyncToggleView {...props} />);
    fireEvent.click(screen.getByRole('switch', { name: 'Sync' }));
    expect(props.onChange).toHaveBeenCalledWith(true);
  });

  it('calls onRetry from the Retry button', () => {
    const props = toggleProps({ state: 'error', retryEnabled: true, errorReason: 'Boom' });
    render(<SyncToggleView {...props} />);
    expect(screen.getByText('Boom')).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: 'Retry the sync with Partner Center' }));
    expect(props.onRetry).toHaveBeenCalledTimes(1);
  });

  it('does nothing when disabled', () => {
    const props = toggleProps({ disabled: true });
    render(<SyncToggleView {...props} />);
    fireEvent.click(screen.getByRole('switch'));
    expect(props.onChange).not.toHaveBeenCalled();
  });
});

describe('AuditTrailView', () => {
  const items = buildTimeline(
    [
      formatAuditEntry({
        time: '2026-11-21T10:00:00Z',
        direction: 'Reconcile',
        operation: 'Mystery',
        result: 'Succeeded',
      }),
      formatAuditEntry({
        time: '2026-11-21T11:00:00Z',
        direction: 'CrmToPartnerCenter',
        operation: 'Update',
        result: 'Failed',
        message: 'Nope',
      }),
    ].join('\n'),
  );

  it('renders entries with the given time formatter and shows unknown operations as written', () => {
    const formatTime = jest.fn((iso: string) => `T(${iso})`);
    render(<AuditTrailView items={items} masked={false} strings={trailStrings} formatTime={formatTime} />);
    const rows = screen.getAllByRole('listitem');
    expect(rows[0]).toHaveTextContent('T(2026-11-21T11:00:00Z)');
    expect(rows[0]).toHaveTextContent('To Partner Center · Update');
    expect(rows[1]).toHaveTextContent('Reconciliation · Mystery');
    expect(formatTime).toHaveBeenCalledTimes(2);
  });

  it('shows the time as written when formatting gives nothing', () => {
    render(<AuditTrailView items={items} masked={false} strings={trailStrings} formatTime={() => undefined} />);
    expect(screen.getByText('2026-11-21T11:00:00Z')).toBeInTheDocument();
  });
});
