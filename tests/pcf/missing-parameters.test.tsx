import { render, screen } from '@testing-library/react';
import { SyncToggle } from '../../pcf-controls/SyncToggle/SyncToggle';
import { ReferralLink } from '../../pcf-controls/ReferralLink/ReferralLink';
import { AuditTrail } from '../../pcf-controls/AuditTrail/AuditTrail';
import { MockContext, type MockOptions } from './mock-context';

/** A host that passes no properties at all (or nulls for them): each control still renders. */
function contextWithout<I>(control: MockOptions['control'], parameters: unknown): ComponentFramework.Context<I> {
  return new MockContext<I>(parameters as I, { control }).context;
}

describe.each([
  ['SyncToggle', () => new SyncToggle(), 'Not synced'],
  ['ReferralLink', () => new ReferralLink(), 'No referral yet'],
  ['AuditTrail', () => new AuditTrail(), 'No sync activity yet.'],
] as const)('%s without parameters', (name, create, expected) => {
  it.each([
    ['an empty property bag', {}],
    ['null properties', { value: null, syncStatus: null, url: null, referralId: null, audit: null }],
  ])('renders with %s', (_label, parameters) => {
    const control = create() as unknown as ComponentFramework.ReactControl<unknown, unknown>;
    const context = contextWithout<unknown>(name, parameters);
    control.init(context, jest.fn(), {});
    render(control.updateView(context));
    expect(screen.getByText(expected)).toBeInTheDocument();
  });
});
