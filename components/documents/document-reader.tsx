'use client';
import { EditorContent, useEditor } from '@tiptap/react';
import StarterKit from '@tiptap/starter-kit';
import { useMemo } from 'react';
import { toTiptapDoc, type TextBlock } from '@/lib/editor/to-tiptap';

/**
 * The reading view: the document in a read-only Tiptap editor (the annotation workspace builds on
 * the same editor). Until the editor mounts, the same blocks are rendered as plain markup, so the
 * text is readable at first paint and nothing shifts when Tiptap takes over.
 */
export function DocumentReader({ text, blocks }: { text: string; blocks: TextBlock[] }) {
  const content = useMemo(() => toTiptapDoc(text, blocks), [text, blocks]);
  const editor = useEditor({
    extensions: [StarterKit.configure({ heading: { levels: [2, 3] } })],
    content,
    editable: false,
    immediatelyRender: false,
    editorProps: { attributes: { 'aria-label': 'Document text', role: 'article' } },
  });
  return (
    <div className="reader" data-testid="document-reader" data-ready={editor ? 'true' : 'false'}>
      {editor ? (
        <EditorContent editor={editor} />
      ) : (
        <div role="article" aria-label="Document text">
          {blocks.map((b, i) =>
            b.type === 'heading' ? (
              b.level === 3 ? <h3 key={i}>{text.slice(b.start, b.end)}</h3> : <h2 key={i}>{text.slice(b.start, b.end)}</h2>
            ) : (
              <p key={i}>{text.slice(b.start, b.end)}</p>
            ),
          )}
        </div>
      )}
    </div>
  );
}
