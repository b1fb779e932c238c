// Files dragged onto an area: highlighted while over it, handed over when dropped. One behaviour for the composer and the
// import's drop zone.
import { useState, type DragEvent } from 'react';

/** `enabled` false: the area takes no files (the browser keeps its default). `onFiles` gets the dropped files, if any. */
export function useFileDrop(enabled: boolean, onFiles: (files: File[]) => void) {
  const [dropping, setDropping] = useState(false);
  const handlers = {
    onDragOver: (event: DragEvent<HTMLElement>) => {
      if (!enabled || ![...event.dataTransfer.types].includes('Files')) return;
      event.preventDefault();
      event.dataTransfer.dropEffect = 'copy';
      setDropping(true);
    },
    onDragLeave: (event: DragEvent<HTMLElement>) => {
      if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setDropping(false);
    },
    onDrop: (event: DragEvent<HTMLElement>) => {
      setDropping(false);
      if (!enabled) return;
      const files = [...event.dataTransfer.files];
      if (files.length === 0) return;
      event.preventDefault();
      onFiles(files);
    },
  };
  return { dropping, handlers };
}
