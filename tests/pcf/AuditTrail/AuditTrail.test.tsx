import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { AuditTrail } from '../../../pcf-controls/AuditTrail/AuditTrail';
import {
  buildTimeline,
  filterTimeline,
  MAX_SHOWN_CHARS,
} from '../../../pcf-controls/AuditTrail/AuditTrail/lib/timeline';
import type { IInputs, IOutputs } from '../../../pcf-controls/AuditTrail/AuditTrail/generated/ManifestTypes';
import { formatAuditEntry, type NewAuditEntry } from '../../../flows/audit';
import { MockContext, text } from '../mock-context';

const RUN = 'https://make.powerautomate.com/environments/Default-1/flows/abc/runs/08585';

function entry(patch: Partial<NewAuditEntry> = {}): string {
  return formatAuditEntry({
    time: '2026-11-21T10:00:00Z',
    direction: 'CrmToPartnerCenter',
    operation: 'Update',
    result: 'Succeeded',
    ...patch,
  });
}

const SAMPLE = [
  entry({
    time: '2026-11-20T08:00:00Z',
    direction: 'PartnerCenterToCrm',
    operation: 'Create',
    changedFields: ['name', 'dealValue'],
    referralId: 'r-1',
  }),
  'Legacy: synced OK <b>bold?</b>',
  entry({
    time: '2026-11-21T09:00:00Z',
    result: 'Failed',
    message: 'Country must be ISO 3166 alpha-2.',
    flowRunUrl: RUN,
  }),
  entry({
    time: '2026-11-21T09:30:00Z',
    direction: 'Reconcile',
    operation: 'WebhookCheck',
    result: 'Warning',
    message: 'Webhook points elsewhere',
    flowRunUrl: 'javascript:alert(1)',
  }),
].join('\n');

function setup(
  value: string | null,
  options: {
    security?: ComponentFramework.PropertyHelper.SecurityValues;
    lcid?: number;
    userOffsetMinutes?: number;
  } = {},
) {
  const params = (v: string | null): IInputs => ({
    audit: text(v, { security: options.security }),
  });
  const mock = new MockContext<IInputs>(params(value), {
    control: 'AuditTrail',
    lcid: options.lcid,
    userOffsetMinutes: options.userOffsetMinutes,
  });
  const control = new AuditTrail();
  // init as the platform calls it, through the platform's interface and signature.
  const platform: ComponentFramework.ReactControl<IInputs, IOutputs> = control;
  platform.init(mock.context, jest.fn(), {});
  const view = render(control.updateView(mock.context));
  const update = (v: string | null) => {
    mock.parameters = params(v);
    view.rerender(control.updateView(mock.context));
  };
  return { mock, control, view, update };
}

const items = (name = 'Sync history, newest first') =>
  within(screen.getByRole('list', { name })).getAllByRole('listitem');

async function choose(label: string, option: string): Promise<void> {
  // A Fluent Dropdown's accessible name is its label followed by the selected option.
  fireEvent.click(screen.getByRole('combobox', { name: new RegExp(`^${label} `) }));
  await act(async () => {
    fireEvent.click(screen.getByRole('option', { name: option }));
  });
}

describe('timeline logic', () => {
  it('lists newest first and classifies entries', () => {
    const timeline = buildTimeline(SAMPLE);
    expect(timeline.map((i) => i.kind)).toEqual(['entry', 'entry', 'plain', 'entry']);
    const [warning, failed] = timeline;
    expect(warning.kind === 'entry' && warning.runHref).toBeUndefined();
    expect(failed.kind === 'entry' && failed.runHref).toBe(RUN);
  });

  it('filters by result and direction; plain lines only without filters', () => {
    const timeline = buildTimeline(SAMPLE);
    expect(filterTimeline(timeline, 'all', 'all')).toHaveLength(4);
    expect(filterTimeline(timeline, 'Failed', 'all')).toHaveLength(1);
    expect(filterTimeline(timeline, 'all', 'Reconcile')).toHaveLength(1);
    expect(filterTimeline(timeline, 'Succeeded', 'CrmToPartnerCenter')).toHaveLength(0);
    expect(
      filterTimeline(
        buildTimeline('{"v":3,"time":"2026-11-21T10:00:00Z","direction":"Mirror","operation":"x","result":"Partial"}'),
        'other',
        'other',
      ),
    ).toHaveLength(1);
  });

  it('clips huge plain lines', () => {
    const [item] = buildTimeline('z'.repeat(1_048_576));
    expect(item.kind === 'plain' && item.text.length).toBe(MAX_SHOWN_CHARS);
  });
});

describe('AuditTrail lifecycle', () => {
  it('shows every field of an entry, newest first, with the time from the formatting API', () => {
    const { mock, control } = setup(SAMPLE, { userOffsetMinutes: 60 });
    const rows = items();
    expect(rows).toHaveLength(4);
    expect(rows[0]).toHaveTextContent('Warning');
    expect(rows[0]).toHaveTextContent('Reconciliation');
    expect(rows[0]).toHaveTextContent('Webhook check');
    const failed = rows[1];
    expect(within(failed).getByText('11/21/2026 10:00')).toHaveAttribute('datetime', '2026-11-21T09:00:00Z');
    expect(failed).toHaveTextContent('Failed');
    expect(failed).toHaveTextContent('To Partner Center');
    expect(within(failed).getByText('Country must be ISO 3166 alpha-2.')).toBeInTheDocument();
    expect(within(failed).getByRole('link', { name: 'Open flow run (opens in a new tab)' })).toHaveAttribute(
      'href',
      RUN,
    );
    expect(rows[2]).toHaveTextContent('Legacy: synced OK <b>bold?</b>');
    expect(rows[3]).toHaveTextContent('Changed: name, dealValue');
    expect(rows[3]).toHaveTextContent('Referral r-1');
    expect(rows[3]).toHaveTextContent('From Partner Center');
    expect(mock.formatDateShort).toHaveBeenCalled();
    expect(control.getOutputs()).toEqual({});
    expect(mock.missingKeys.size).toBe(0);
  });

  it('never renders text as HTML and never links an unsafe run URL', () => {
    const { view } = setup(SAMPLE);
    expect(view.container.querySelector('b')).toBeNull();
    expect(screen.getAllByRole('link')).toHaveLength(1);
    expect(screen.getByText('Flow run: javascript:alert(1)')).toBeInTheDocument();
  });

  it('filters by result and direction and announces the count', async () => {
    setup(SAMPLE);
    expect(screen.getByRole('status')).toHaveTextContent('Showing 4 of 4 entries');
    await choose('Result', 'Failed');
    expect(items()).toHaveLength(1);
    expect(screen.getByRole('status')).toHaveTextContent('Showing 1 of 4 entries');
    await choose('Direction', 'Reconciliation');
    expect(screen.queryByRole('list')).toBeNull();
    expect(screen.getByRole('status')).toHaveTextContent('No entries match the filters.');
    await choose('Result', 'All');
    expect(items()).toHaveLength(1);
    expect(items()[0]).toHaveTextContent('Webhook check');
  });

  it('renders only the entries near the visible part of a long history, and the rest on scrolling', () => {
    // jsdom does no layout: give every entry 100 px, as the browser would measure it.
    const height = jest.spyOn(HTMLElement.prototype, 'offsetHeight', 'get').mockImplementation(function (
      this: HTMLElement,
    ) {
      return this.tagName === 'LI' && this.getAttribute('aria-hidden') === null ? 100 : 0;
    });
    try {
      const value = Array.from({ length: 300 }, (_, i) => entry({ message: `m${i}` })).join('\n');
      setup(value);
      const list = screen.getByRole('list', { name: 'Sync history, newest first' });
      // 480 px visible + 360 px rendered beyond it: 9 entries of 100 px.
      expect(items()).toHaveLength(9);
      expect(items()[0]).toHaveTextContent('m299');
      expect(items()[0]).toHaveAttribute('aria-posinset', '1');
      expect(items()[0]).toHaveAttribute('aria-setsize', '300');
      const [top, bottom] = [list.firstElementChild as HTMLElement, list.lastElementChild as HTMLElement];
      expect(top.style.height).toBe('0px');
      expect(bottom.style.height).toBe(`${(300 - 9) * 100}px`);

      list.scrollTop = 10_000;
      fireEvent.scroll(list);
      const shown = items();
      expect(shown[0]).toHaveAttribute('aria-posinset', '97');
      expect(shown[0]).toHaveTextContent('m203');
      expect(shown[shown.length - 1]).toHaveAttribute('aria-posinset', '109');
      expect((list.firstElementChild as HTMLElement).style.height).toBe('9600px');

      list.scrollTop = 29_520; // the end: 30,000 px of entries, 480 px visible
      fireEvent.scroll(list);
      expect(items()[items().length - 1]).toHaveTextContent('m0');
      expect(items()[items().length - 1]).toHaveAttribute('aria-posinset', '300');
      expect((list.lastElementChild as HTMLElement).style.height).toBe('0px');
    } finally {
      height.mockRestore();
    }
  });

  it('starts a new filter at its newest entry', async () => {
    const value = Array.from({ length: 60 }, (_, i) =>
      entry({ message: `m${i}`, result: i % 2 ? 'Failed' : 'Succeeded' }),
    ).join('\n');
    setup(value);
    const list = screen.getByRole('list', { name: 'Sync history, newest first' });
    list.scrollTop = 2000;
    fireEvent.scroll(list);
    expect(items()[0]).not.toHaveTextContent('m59');
    await choose('Result', 'Failed');
    expect(list.scrollTop).toBe(0);
    expect(items()[0]).toHaveTextContent('m59');
    expect(screen.getByRole('status')).toHaveTextContent('Showing 30 of 60 entries');
  });

  it('keeps keyboard focus in the list when the focused entry scrolls out of the rendered part', () => {
    const value = Array.from({ length: 100 }, (_, i) => entry({ message: `m${i}`, flowRunUrl: RUN })).join('\n');
    setup(value);
    const list = screen.getByRole('list', { name: 'Sync history, newest first' });
    const link = within(items()[0]).getByRole('link');
    act(() => link.focus());
    expect(document.activeElement).toBe(link);
    list.scrollTop = 5000;
    fireEvent.scroll(list);
    expect(link.isConnected).toBe(false);
    expect(document.activeElement).toBe(list);
  });

  it('renders null, empty and broken values sensibly', () => {
    const { update } = setup(null);
    expect(screen.getByText('No sync activity yet.')).toBeInTheDocument();
    update('');
    expect(screen.getByText('No sync activity yet.')).toBeInTheDocument();
    update('{"v":1,"time":"yesterday"}\n{broken');
    expect(items()).toHaveLength(2);
    expect(items()[0]).toHaveTextContent('{broken');
  });

  it('stays usable with a 1 MB value: all of it in the list, a few entries in the DOM', () => {
    const line = entry({ message: 'y'.repeat(250) });
    const count = Math.floor(1_048_576 / (line.length + 1));
    setup(Array.from({ length: count }, () => line).join('\n'));
    expect(items().length).toBeLessThan(20);
    expect(items()[0]).toHaveAttribute('aria-setsize', String(count));
    expect(screen.getByRole('status')).toHaveTextContent(`Showing ${count} of ${count} entries`);
  });

  it('masks the history for users without read access', () => {
    setup(SAMPLE, { security: { editable: false, readable: false, secured: true } });
    expect(screen.queryByRole('list')).toBeNull();
    expect(screen.getByText('****')).toBeInTheDocument();
  });

  it('speaks Portuguese from the 1046 resx', () => {
    const { mock } = setup(SAMPLE, { lcid: 1046 });
    expect(items('Histórico de sincronização, do mais recente para o mais antigo')[1]).toHaveTextContent('Falha');
    expect(mock.missingKeys.size).toBe(0);
  });
});
