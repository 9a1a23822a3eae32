/**
 * The editor's Tiptap extensions. Imported only by RichTextEditor, so Tiptap and ProseMirror
 * load with the editor screen and nowhere else.
 */
import type { Extensions } from '@tiptap/core';
import { Image } from '@tiptap/extension-image';
import { Table, TableCell, TableHeader, TableRow } from '@tiptap/extension-table';
import { StarterKit } from '@tiptap/starter-kit';
import { displaySrc } from './gkLinks.ts';

const IMAGE_ATTRS = ['alt', 'title', 'width', 'height'] as const;

/**
 * Images keep `src="gk:file:<id>"` in the document (and so in the saved HTML, which comes
 * from the schema's renderHTML); only the node view shown in the editor points at the
 * download URL, because the browser cannot load the gk: scheme.
 */
export const GkImage = Image.extend({
  addNodeView() {
    return ({ node }) => {
      const img = document.createElement('img');
      const apply = (attrs: Record<string, unknown>) => {
        const src = displaySrc(typeof attrs.src === 'string' ? attrs.src : null);
        if (img.getAttribute('src') !== src) img.setAttribute('src', src);
        for (const a of IMAGE_ATTRS) {
          const v = attrs[a];
          if (v === null || v === undefined || v === '') img.removeAttribute(a);
          else img.setAttribute(a, String(v));
        }
      };
      apply(node.attrs);
      return {
        dom: img,
        update: (next) => {
          if (next.type !== node.type) return false;
          apply(next.attrs);
          return true;
        },
      };
    };
  },
});

export function editorExtensions(): Extensions {
  return [
    StarterKit.configure({
      // h1 is the page's title; the sanitiser turns any h1 into h2 anyway.
      heading: { levels: [2, 3, 4, 5, 6] },
      link: {
        openOnClick: false,
        autolink: true,
        // No target/rel: the sanitiser drops target and adds rel to external links itself.
        HTMLAttributes: { target: null, rel: null },
        // Internal references (gk:article:, gk:file:) are links the server understands.
        isAllowedUri: (url, ctx) => url.startsWith('gk:') || ctx.defaultValidate(url),
      },
    }),
    GkImage.configure({ inline: false, allowBase64: false }),
    Table.configure({ resizable: false }),
    TableRow,
    TableHeader,
    TableCell,
  ];
}
