import { useEffect, useRef, useState } from 'react';
import { client } from '../../platform/services';
import { LogBuffer } from './log-buffer';

const SLICE = 4 * 1024 * 1024;

export interface LogView {
  buffer: LogBuffer;
  /** Increments whenever lines were added (re-render trigger). */
  version: number;
  loading: boolean;
  exists: boolean;
  size: number;
  path: string;
  /**
   * While a long log loads, only its last slice is shown (`buffer` holds the tail; line numbers
   * are unknown); the fraction of the file read so far. Undefined once the whole log is loaded.
   */
  tailOnly?: number;
}

/** Above this size the tail is shown first and the log is read from the start behind it. */
const TAIL_FIRST = 2 * SLICE;

/**
 * The log of one attempt: read in byte slices from the start, then followed while the task runs.
 * The runner writes the file from a buffer (about once a second), so append events only say
 * "read on": the file stays the single source, and nothing is shown twice or lost.
 */
export function useLog(instanceId: string, task: string, runNum: number, running: boolean): LogView {
  const [view, setView] = useState<LogView>(() => ({
    buffer: new LogBuffer(),
    version: 0,
    loading: true,
    exists: false,
    size: 0,
    path: '',
  }));
  const readRef = useRef<() => void>(() => {});
  const key = `${instanceId}\u0000${task}\u0000${runNum}`;

  useEffect(() => {
    const buffer = new LogBuffer();
    const s = { offset: 0, reading: false, again: false };
    let disposed = false;
    setView({ buffer, version: 0, loading: true, exists: false, size: 0, path: '' });
    const read = async (): Promise<void> => {
      if (s.reading) {
        s.again = true;
        return;
      }
      s.reading = true;
      try {
        for (;;) {
          s.again = false;
          const slice = await client.runner.readLog({
            instanceId,
            task,
            runNum,
            offset: s.offset,
            limit: SLICE,
          });
          if (disposed) return;
          if (s.offset === 0 && slice.size > TAIL_FIRST) {
            // A long log: paint its end at once, then read it from the start behind the scenes.
            const from = slice.size - SLICE;
            const tail = await client.runner.readLog({
              instanceId,
              task,
              runNum,
              offset: from,
              limit: SLICE,
            });
            if (disposed) return;
            const tailBuffer = new LogBuffer();
            tailBuffer.append(tail.text.slice(tail.text.indexOf('\n') + 1));
            setView((v) => ({
              buffer: tailBuffer,
              version: v.version + 1,
              loading: false,
              exists: true,
              size: slice.size,
              path: slice.path,
              tailOnly: 0,
            }));
          }
          s.offset = slice.nextOffset;
          buffer.append(slice.text);
          const behind = s.offset < slice.size && slice.text.length > 0;
          setView((v) =>
            v.tailOnly !== undefined && behind
              ? { ...v, tailOnly: s.offset / slice.size }
              : {
                  buffer,
                  version: v.version + 1,
                  loading: false,
                  exists: slice.exists,
                  size: slice.size,
                  path: slice.path,
                },
          );
          if (slice.nextOffset < slice.size && slice.text.length > 0) continue;
          if (!s.again) break;
        }
      } catch {
        if (!disposed) setView((v) => ({ ...v, loading: false }));
      } finally {
        s.reading = false;
      }
    };
    readRef.current = () => void read();
    void read();
    return () => {
      disposed = true;
      readRef.current = () => {};
    };
  }, [key, instanceId, task, runNum]);

  useEffect(() => {
    const read = (): void => readRef.current();
    if (!running) {
      // The last flush lands right around the state change.
      const t = setTimeout(read, 300);
      return () => clearTimeout(t);
    }
    let pending: ReturnType<typeof setTimeout> | null = null;
    const off = client.runner.onDidAppendLog((c) => {
      if (c.instanceId !== instanceId || c.task !== task || c.runNum !== runNum || pending) return;
      pending = setTimeout(() => {
        pending = null;
        read();
      }, 250);
    });
    const poll = setInterval(read, 1000);
    return () => {
      off();
      clearInterval(poll);
      if (pending) clearTimeout(pending);
    };
  }, [key, running, instanceId, task, runNum]);

  return view;
}
