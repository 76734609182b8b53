import * as React from 'react';
import {
  DefaultButton,
  Dropdown,
  FocusRects,
  getTheme,
  mergeStyleSets,
  type IDropdownOption,
  type ITheme,
} from '@fluentui/react';
import { LiveRegion } from '../../../shared/live-region';
import { badgeClass, cachedFor, sharedClassNames, type SharedClassNames, type Tone } from '../../../shared/styles';
import { fill, type Strings } from '../../../shared/strings';
import {
  DIRECTION_FILTERS,
  RESULT_FILTERS,
  filterTimeline,
  type DirectionFilter,
  type ResultFilter,
  type TimelineItem,
} from '../lib/timeline';
import type { AuditTrailStringKey } from '../strings';
import { AUDIT_DIRECTIONS, AUDIT_RESULTS } from '../../../../flows/audit/entry';

export interface AuditTrailViewProps {
  items: readonly TimelineItem[];
  masked: boolean;
  pageSize: number;
  strings: Strings<AuditTrailStringKey>;
  /** Formats an entry's UTC time for the user (platform formatting API). */
  formatTime: (iso: string) => string | undefined;
}

type S = Strings<AuditTrailStringKey>;
type ClassNames = SharedClassNames & ReturnType<typeof buildListClassNames>;

const TONES: Record<string, Tone> = { Succeeded: 'success', Failed: 'error', Skipped: 'neutral', Warning: 'warning' };

function buildListClassNames(theme: ITheme) {
  const { palette, semanticColors } = theme;
  return mergeStyleSets({
    list: { listStyle: 'none', margin: '8px 0', padding: 0 },
    // content-visibility lets the browser skip style and layout of entries scrolled out of view, so a
    // long page of entries costs little more than the visible ones; they stay in the accessibility tree.
    item: {
      padding: '6px 0 6px 12px',
      borderLeft: `2px solid ${palette.neutralQuaternary}`,
      margin: '0 0 4px 4px',
      contentVisibility: 'auto',
      containIntrinsicSize: 'auto 72px',
    },
    plain: { whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' },
    link: {
      color: semanticColors.link,
      selectors: {
        ':hover': { color: semanticColors.linkHovered },
        ':focus-visible': { outline: `2px solid ${palette.themePrimary}`, outlineOffset: 1 },
      },
    },
  });
}

/** Operations with a translated name; any other operation is shown as written. */
const KNOWN_OPERATIONS = ['Create', 'Update', 'Close', 'Retry', 'Validate', 'WebhookCheck', 'Accept', 'Decline'];

function label(s: S, prefix: string, known: readonly string[], value: string): string {
  return known.includes(value) ? s[`${prefix}_${value}` as AuditTrailStringKey] : value;
}
const resultLabel = (s: S, v: string) => label(s, 'Result', AUDIT_RESULTS, v);
const directionLabel = (s: S, v: string) => label(s, 'Direction', AUDIT_DIRECTIONS, v);
const operationLabel = (s: S, v: string) => label(s, 'Operation', KNOWN_OPERATIONS, v);

const Entry = React.memo(function Entry(props: {
  item: TimelineItem;
  s: S;
  c: ClassNames;
  formatTime: AuditTrailViewProps['formatTime'];
}) {
  const { item, s, c } = props;
  if (item.kind === 'plain')
    return (
      <li className={c.item}>
        <span className={c.detail}>{s.Plain_Label}: </span>
        <span className={c.plain}>{item.text}</span>
      </li>
    );
  const e = item.entry;
  // Few elements per entry: a page can hold hundreds of them.
  const what = [directionLabel(s, e.direction), operationLabel(s, e.operation)];
  if (e.referralId) what.push(fill(s.Referral, e.referralId));
  return (
    <li className={c.item}>
      <div className={c.row}>
        <time dateTime={e.time}>{props.formatTime(e.time) ?? e.time}</time>
        <span className={badgeClass(c, TONES[e.result] ?? 'neutral')}>{resultLabel(s, e.result)}</span>
        <span>{what.join(' · ')}</span>
      </div>
      {e.changedFields.length > 0 ? (
        <div className={c.detail}>{fill(s.Changed, e.changedFields.join(', '))}</div>
      ) : null}
      {item.message ? <div className={e.result === 'Failed' ? c.errorText : c.plain}>{item.message}</div> : null}
      {item.runHref ? (
        <a
          className={c.link}
          href={item.runHref}
          target="_blank"
          rel="noopener noreferrer"
          aria-label={`${s.Open_Run} ${s.Open_NewTab}`}
        >
          {s.Open_Run}
        </a>
      ) : e.flowRunUrl ? (
        <div className={c.detail}>{fill(s.Run_Text, e.flowRunUrl.slice(0, 300))}</div>
      ) : null}
    </li>
  );
});

/** The sync history, newest first, with result and direction filters and paging. All text is rendered as text. */
export const AuditTrailView = React.memo(function AuditTrailView(props: AuditTrailViewProps): React.ReactElement {
  const s = props.strings;
  const c = React.useMemo<ClassNames>(() => {
    const theme = getTheme();
    return { ...sharedClassNames(theme), ...cachedFor(theme, buildListClassNames) };
  }, []);
  const [result, setResult] = React.useState<ResultFilter>('all');
  const [direction, setDirection] = React.useState<DirectionFilter>('all');
  const [shown, setShown] = React.useState(props.pageSize);

  const filtered = React.useMemo(
    () => filterTimeline(props.items, result, direction),
    [props.items, result, direction],
  );
  const resultOptions = React.useMemo<IDropdownOption[]>(
    () =>
      RESULT_FILTERS.map((key) => ({
        key,
        text: key === 'all' ? s.Filter_All : key === 'other' ? s.Filter_Other : resultLabel(s, key),
      })),
    [s],
  );
  const directionOptions = React.useMemo<IDropdownOption[]>(
    () =>
      DIRECTION_FILTERS.map((key) => ({
        key,
        text: key === 'all' ? s.Filter_All : key === 'other' ? s.Filter_Other : directionLabel(s, key),
      })),
    [s],
  );
  const onResult = React.useCallback(
    (_e: unknown, o?: IDropdownOption) => {
      if (o) {
        setResult(o.key as ResultFilter);
        setShown(props.pageSize);
      }
    },
    [props.pageSize],
  );
  const onDirection = React.useCallback(
    (_e: unknown, o?: IDropdownOption) => {
      if (o) {
        setDirection(o.key as DirectionFilter);
        setShown(props.pageSize);
      }
    },
    [props.pageSize],
  );
  const onMore = React.useCallback(() => setShown((n) => n + props.pageSize), [props.pageSize]);

  if (props.masked)
    return (
      <div className={c.root}>
        <span className={c.masked}>{s.Masked}</span>
      </div>
    );

  const visible = filtered.slice(0, shown);
  const status =
    props.items.length === 0
      ? s.Empty
      : filtered.length === 0
        ? s.NoMatch
        : fill(s.Count, visible.length, filtered.length);
  return (
    <div className={c.root}>
      <FocusRects />
      {props.items.length > 0 ? (
        <div className={c.row}>
          <Dropdown
            label={s.Filter_Result}
            options={resultOptions}
            selectedKey={result}
            onChange={onResult}
            styles={{ root: { minWidth: 160 } }}
          />
          <Dropdown
            label={s.Filter_Direction}
            options={directionOptions}
            selectedKey={direction}
            onChange={onDirection}
            styles={{ root: { minWidth: 200 } }}
          />
        </div>
      ) : null}
      <LiveRegion className={c.detail} text={status} />
      {visible.length > 0 ? (
        <ol className={c.list} aria-label={s.List_Label}>
          {visible.map((item) => (
            <Entry key={item.key} item={item} s={s} c={c} formatTime={props.formatTime} />
          ))}
        </ol>
      ) : null}
      {filtered.length > visible.length ? <DefaultButton text={s.Show_More} onClick={onMore} /> : null}
    </div>
  );
});
