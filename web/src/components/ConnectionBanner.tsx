import { Button } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { retryRealtimeNow, useRealtimeStatus } from '../api/realtime';
import classes from './ConnectionBanner.module.css';

/** A drop shorter than this goes unmentioned (a server restart, a network switch). */
const GRACE_MS = 3_000;
/** How long "Back online" stays. */
const BACK_MS = 4_000;

type Tone = 'offline' | 'lost' | 'back';

/**
 * Says when the live connection is down: at once when the browser is offline, after a few seconds
 * when the socket is, with "Retry now"; and "Back online" for a moment once it returns. Silent on
 * page load and on the first connect. The text sits in a live region that is always in the page,
 * so screen readers hear each change.
 */
export function ConnectionBanner() {
  const { t } = useTranslation();
  const { state, downSince, everOpen, online } = useRealtimeStatus();
  const down = everOpen && state !== 'open' && downSince !== null;
  const [, rerender] = useState(0);
  const [back, setBack] = useState(false);
  const shownProblem = useRef(false);

  // Re-render when the grace period ends.
  useEffect(() => {
    if (!down) return;
    const wait = downSince + GRACE_MS - Date.now();
    if (wait <= 0) return;
    const timer = setTimeout(() => rerender((n) => n + 1), wait + 20);
    return () => clearTimeout(timer);
  }, [down, downSince]);

  // Measured against the clock; the timer above re-renders when the grace period ends.
  const lost = down && Date.now() - downSince >= GRACE_MS;
  const problem = !online || lost;

  useEffect(() => {
    if (problem) {
      shownProblem.current = true;
      setBack(false);
    } else if (shownProblem.current && state === 'open') {
      // Only after a problem the user was told about.
      shownProblem.current = false;
      setBack(true);
    }
  }, [problem, state]);

  useEffect(() => {
    if (!back) return;
    const timer = setTimeout(() => setBack(false), BACK_MS);
    return () => clearTimeout(timer);
  }, [back]);

  const tone: Tone | undefined = !online ? 'offline' : lost ? 'lost' : back ? 'back' : undefined;
  const text =
    tone === 'offline'
      ? t('realtime.offline')
      : tone === 'lost'
        ? t('realtime.lost')
        : tone === 'back'
          ? t('realtime.backOnline')
          : '';

  return (
    <div className={classes.root}>
      <div className={classes.bar} data-tone={tone} data-testid="connection-banner">
        <span role="status" aria-live="polite" className={classes.text}>
          {tone && <span className={classes.dot} aria-hidden="true" />}
          {text}
        </span>
        {tone === 'lost' && (
          <Button size="compact-sm" variant="default" onClick={retryRealtimeNow}>
            {t('realtime.retryNow')}
          </Button>
        )}
      </div>
    </div>
  );
}
