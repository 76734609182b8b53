/** @jsx h */
import * as React from 'react';
import { h } from '../../../shared/jsx';
import { Dropdown, FocusRects, Link, mergeStyleSets, type ITheme } from '@fluentui/react';
import { LiveRegion } from '../../../shared/live-region';
import { cachedFor, sharedClassNames, type SharedClassNames, type Tone } from '../../../shared/styles';
import { fill, type Strings } from '../../../shared/strings';
import {
  DIRECTION_FILTERS,
  RESULT_FILTERS,
  filterTimeline,
  type DirectionFilter,
  type ResultFilter,
  type TimelineItem,
} from '../lib/timeline';
import { heightCache, windowOf } from '../lib/window';
import type { AuditTrailStringKey } from '../strings';

export interface AuditTrailViewProps {
  /** The modern theme when the app uses it; the host's v8 theme otherwise. */
  theme?: ITheme;
  items: readonly TimelineItem[];
  masked: boolean;
  strings: Strings<AuditTrailStringKey>;
  /** Formats an entry's UTC time for the user (platform formatting API). */
  formatTime: (iso: string) => string | undefined;
}

type S = Strings<AuditTrailStringKey>;
type ClassNames = SharedClassNames & ReturnType<typeof buildListClassNames>;

const TONES: Record<string, Tone> = { Succeeded: 'success', Failed: 'error', Skipped: 'neutral', Warning: 'warning' };

/** The list scrolls inside this height; the window of rendered entries is computed for it. */
const VIEWPORT = 480;
/** Rendered beyond the visible part, above and below, so small scrolls find entries already there. */
const OVERSCAN = 360;

function buildListClassNames(theme: ITheme) {
  const { palette } = theme;
  return mergeStyleSets({
    list: {
      listStyle: 'none',
      margin: '8px 0',
      padding: 0,
      maxHeight: VIEWPORT,
      // Focusable for keyboard scrolling; the browser's own focus ring shows it (also in high contrast).
      overflowY: 'auto',
    },
    // No vertical margins: an entry's offsetHeight is exactly the space it takes in the list.
    item: { padding: '6px 0 10px 12px', borderLeft: `2px solid ${palette.neutralQuaternary}`, marginLeft: 4 },
    plain: { whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' },
  });
}

/**
 * A value's translated name (resx key `<prefix>_<value>`), or the value as written when there is
 * none: loadStrings answers a missing key with the key itself. So a direction, result or operation
 * a later flow version writes still shows.
 */
function label(s: S, prefix: string, value: string): string {
  const key = `${prefix}_${value}`;
  const text = s[key as AuditTrailStringKey];
  return text && text !== key ? text : value;
}

type FilterKind = 'Result' | 'Direction';

/** One filter drop-down; memoised so scrolling the list doesn't re-render it. */
const Filter = React.memo(function Filter(props: {
  kind: FilterKind;
  keys: readonly string[];
  selected: string;
  onSelect: (kind: FilterKind, key: string) => void;
  s: S;
}) {
  const { s, kind } = props;
  return (
    <Dropdown
      label={s[`Filter_${kind}`]}
      options={props.keys.map((key) => ({
        key,
        text: key === 'all' ? s.Filter_All : key === 'other' ? s.Filter_Other : label(s, kind, key),
      }))}
      selectedKey={props.selected}
      onChange={(_e, o) => o && props.onSelect(kind, o.key as string)}
      styles={{ root: { minWidth: 180 } }}
    />
  );
});

const Entry = React.memo(function Entry(props: {
  item: TimelineItem;
  s: S;
  c: ClassNames;
  formatTime: AuditTrailViewProps['formatTime'];
  /** Position in the (filtered) history and its length: only a window of it is in the DOM. */
  pos: number;
  size: number;
}) {
  const { item, s, c } = props;
  const li = { className: c.item, 'aria-posinset': props.pos, 'aria-setsize': props.size };
  if (item.kind === 'plain')
    return (
      <li {...li}>
        <span className={c.detail}>{s.Plain_Label}: </span>
        <span className={c.plain}>{item.text}</span>
      </li>
    );
  const e = item.entry;
  // Few elements per entry: the window holds a dozen or two, re-rendered as the list scrolls.
  const what = [label(s, 'Direction', e.direction), label(s, 'Operation', e.operation)];
  if (e.referralId) what.push(fill(s.Referral, e.referralId));
  return (
    <li {...li}>
      <div className={c.row}>
        <time dateTime={e.time}>{props.formatTime(e.time) ?? e.time}</time>
        <span className={c[TONES[e.result] ?? 'neutral']}>{label(s, 'Result', e.result)}</span>
        <span>{what.join(' · ')}</span>
      </div>
      {e.changedFields[0] ? <div className={c.detail}>{fill(s.Changed, e.changedFields.join(', '))}</div> : null}
      {item.message ? <div className={e.result === 'Failed' ? c.errorText : c.plain}>{item.message}</div> : null}
      {item.runHref ? (
        <Link href={item.runHref} target="_blank" rel="noopener noreferrer" aria-label={s.Open_Run_Label}>
          {s.Open_Run}
        </Link>
      ) : e.flowRunUrl ? (
        <div className={c.detail}>{fill(s.Run_Text, e.flowRunUrl.slice(0, 300))}</div>
      ) : null}
    </li>
  );
});

/**
 * The sync history, newest first, with result and direction filters. The list scrolls inside a
 * bounded height and only the entries near the visible part are in the DOM, so a history of
 * thousands of entries renders as fast as a short one. All text is rendered as text.
 */
export const AuditTrailView = React.memo(function AuditTrailView(props: AuditTrailViewProps): React.ReactElement {
  const s = props.strings;
  const c = React.useMemo<ClassNames>(
    () => ({ ...sharedClassNames(props.theme), ...cachedFor(props.theme, buildListClassNames) }),
    [props.theme],
  );
  const [result, setResult] = React.useState<ResultFilter>('all');
  const [direction, setDirection] = React.useState<DirectionFilter>('all');
  const [top, setTop] = React.useState(0);
  const [, remeasured] = React.useReducer((n: number) => n + 1, 0);
  const heights = React.useMemo(() => heightCache(64), []);
  const list = React.useRef<HTMLOListElement>(null);
  const focusInside = React.useRef(false);
  // True while the list should stay at its end (End key, or scrolled down to it): entries measured on
  // the way can be taller than estimated, which would otherwise leave the end a little further down.
  const atEnd = React.useRef(false);

  const filtered = React.useMemo(
    () => filterTimeline(props.items, result, direction),
    [props.items, result, direction],
  );
  const onFilter = React.useCallback((kind: FilterKind, key: string) => {
    if (kind === 'Result') setResult(key as ResultFilter);
    else setDirection(key as DirectionFilter);
    // A new filter shows its newest entries first.
    atEnd.current = false;
    if (list.current) list.current.scrollTop = 0;
    setTop(0);
  }, []);

  const w = windowOf(heights.sizesOf(filtered), top, VIEWPORT, OVERSCAN);
  // After each commit: record the real heights of the rendered entries and render again (before the
  // browser paints) when they differ from what the window assumed. When the entry holding the
  // keyboard focus scrolled out of the window, focus goes to the list rather than to the page.
  React.useLayoutEffect(() => {
    const el = list.current;
    if (!el) return;
    let changed = false;
    // Children are: spacer, the rendered entries, spacer.
    for (let i = 1; i < el.children.length - 1; i++)
      changed = heights.set(filtered[w.start + i - 1].key, (el.children[i] as HTMLElement).offsetHeight) || changed;
    if (changed) remeasured();
    else if (atEnd.current) el.scrollTop = el.scrollHeight;
    if (focusInside.current && !el.contains(document.activeElement)) el.focus({ preventScroll: true });
  });

  if (props.masked)
    return (
      <div className={c.root}>
        <span className={c.masked}>{s.Masked}</span>
      </div>
    );

  const status =
    props.items.length === 0
      ? s.Empty
      : filtered.length === 0
        ? s.NoMatch
        : fill(s.Count, filtered.length, props.items.length);
  return (
    <div className={c.root}>
      <FocusRects />
      {props.items.length > 0 ? (
        <div className={c.row}>
          <Filter kind="Result" keys={RESULT_FILTERS} selected={result} onSelect={onFilter} s={s} />
          <Filter kind="Direction" keys={DIRECTION_FILTERS} selected={direction} onSelect={onFilter} s={s} />
        </div>
      ) : null}
      <LiveRegion className={c.detail} text={status} />
      {filtered.length > 0 ? (
        // Focusable so the history can be scrolled by keyboard (arrows, Page Up/Down, Home/End).
        <ol
          ref={list}
          className={c.list}
          aria-label={s.List_Label}
          tabIndex={0}
          onScroll={({ currentTarget: t }) => {
            // Scrolling up lets go of the end.
            if (t.scrollTop < top) atEnd.current = false;
            else if (t.scrollTop + t.clientHeight > t.scrollHeight - 2) atEnd.current = true;
            setTop(t.scrollTop);
          }}
          // End jumps at once (a smooth scroll would aim at where the end was before the entries on the
          // way were measured); any other key lets go of the end before its scroll starts, as keeping
          // the list there would cancel it. Wheel and scroll bar let go on their first scroll up.
          onKeyDown={(e) => {
            if ((atEnd.current = e.key === 'End')) {
              e.preventDefault();
              e.currentTarget.scrollTop = e.currentTarget.scrollHeight;
            }
          }}
          onFocus={() => (focusInside.current = true)}
          onBlur={(e) => (focusInside.current = e.currentTarget.contains(e.relatedTarget as Node))}
        >
          {/* Spacers keep the height of the entries not rendered (padding would grow the scroll box itself). */}
          <li aria-hidden style={{ height: w.before }} />
          {filtered.slice(w.start, w.end).map((item, i) => (
            <Entry
              key={item.key}
              item={item}
              s={s}
              c={c}
              formatTime={props.formatTime}
              pos={w.start + i + 1}
              size={filtered.length}
            />
          ))}
          <li aria-hidden style={{ height: w.after }} />
        </ol>
      ) : null}
    </div>
  );
});
