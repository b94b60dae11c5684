// Entry point of the vendored editor bundle (wwwroot/lib/tiptap/tiptap.min.js): the pieces of
// Tiptap and ProseMirror the story editor uses, exposed as one global, CnTiptap.
export { Editor, Extension } from '@tiptap/core';
export { default as StarterKit } from '@tiptap/starter-kit';
export { Table, TableRow, TableHeader, TableCell } from '@tiptap/extension-table';
export { DOMParser, DOMSerializer } from '@tiptap/pm/model';
