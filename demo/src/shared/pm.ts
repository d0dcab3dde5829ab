/**
 * ProseMirror composer used by the chatgpt, claude and demo mock pages: the
 * real prosemirror-view/state/model/keymap/commands/history packages, wired
 * the way those sites wire them (Enter sends, Shift+Enter breaks the line,
 * the send handler reads the editor's own document, not the DOM).
 */
import { baseKeymap, chainCommands, splitBlock, exitCode } from 'prosemirror-commands';
import { history, redo, undo } from 'prosemirror-history';
import { keymap } from 'prosemirror-keymap';
import type { Node as PmNode } from 'prosemirror-model';
import { schema } from 'prosemirror-schema-basic';
import { EditorState, Plugin, type Command } from 'prosemirror-state';
import { Decoration, DecorationSet, EditorView } from 'prosemirror-view';
import { isImeKeydown } from './common';

export { schema };

/** Text of a document: top-level blocks joined by "\n"; hard breaks count as "\n". */
export function docText(doc: PmNode): string {
  const blocks: string[] = [];
  doc.forEach((block) => {
    blocks.push(block.textBetween(0, block.content.size, '\n', '\n'));
  });
  return blocks.join('\n');
}

/** Shows `text` as placeholder in the empty first paragraph (like chatgpt.com's `p.placeholder`). */
function placeholderPlugin(text: string): Plugin {
  return new Plugin({
    props: {
      decorations(state) {
        const { doc } = state;
        const first = doc.firstChild;
        if (doc.childCount !== 1 || !first || !first.isTextblock || first.content.size !== 0) return null;
        return DecorationSet.create(doc, [
          Decoration.node(0, first.nodeSize, { class: 'placeholder', 'data-placeholder': text }),
        ]);
      },
    },
  });
}

export interface PmEditorOptions {
  /** Element the editor is appended to. */
  parent: HTMLElement;
  /** Attributes of the contenteditable (ProseMirror always adds class "ProseMirror"). */
  attributes?: Record<string, string>;
  placeholder?: string;
  /** Initial text, one paragraph per line. */
  initialText?: string;
  /**
   * Called on a plain Enter (not Shift, not IME). Return true when handled;
   * when omitted, Enter splits the paragraph (a document editor, not a composer).
   */
  onEnter?: (view: EditorView) => boolean;
  /** What Shift+Enter inserts: a new paragraph (chatgpt.com) or a `<br>` hard break. */
  shiftEnter?: 'paragraph' | 'hard_break';
  /** Called after every state change (text typed, cleared, …). */
  onChange?: (view: EditorView) => void;
}

function docFromText(text: string): PmNode {
  const paragraphs = text.split('\n').map((line) =>
    schema.node('paragraph', null, line ? [schema.text(line)] : []),
  );
  return schema.node('doc', null, paragraphs);
}

const insertHardBreak: Command = (state, dispatch) => {
  dispatch?.(state.tr.replaceSelectionWith(schema.nodes.hard_break!.create()).scrollIntoView());
  return true;
};

export function createPmEditor(options: PmEditorOptions): EditorView {
  const { onEnter } = options;
  const shiftEnter: Command =
    options.shiftEnter === 'hard_break' ? chainCommands(exitCode, insertHardBreak) : splitBlock;
  const keys: Record<string, Command> = {
    'Mod-z': undo,
    'Shift-Mod-z': redo,
    'Mod-y': redo,
    'Shift-Enter': shiftEnter,
  };
  if (onEnter) keys.Enter = (_state, _dispatch, view) => (view ? onEnter(view) : false);

  const plugins = [history(), keymap(keys), keymap(baseKeymap)];
  if (options.placeholder) plugins.push(placeholderPlugin(options.placeholder));

  const state = EditorState.create({
    schema,
    plugins,
    ...(options.initialText ? { doc: docFromText(options.initialText) } : {}),
  });

  const view: EditorView = new EditorView(options.parent, {
    state,
    attributes: { translate: 'no', ...options.attributes },
    handleKeyDown(_view, event) {
      // ProseMirror itself ignores keydown while it knows a composition is
      // running; this also covers an IME Enter that arrives without a
      // compositionstart (keyCode 229 / isComposing): neither send nor split.
      return event.key === 'Enter' && isImeKeydown(event);
    },
    dispatchTransaction(tr) {
      view.updateState(view.state.apply(tr));
      options.onChange?.(view);
    },
  });
  options.onChange?.(view);
  return view;
}

/** The editor's own text (what a real site sends). */
export function editorText(view: EditorView): string {
  return docText(view.state.doc);
}

/** Empties the editor with a transaction (undoable, like the sites do), keeping focus. */
export function clearEditor(view: EditorView): void {
  const { state } = view;
  view.dispatch(state.tr.replaceWith(0, state.doc.content.size, schema.node('paragraph')));
}

/** Replaces the editor content with `text` (demo: example prompts). */
export function setEditorText(view: EditorView, text: string): void {
  const { state } = view;
  view.dispatch(state.tr.replaceWith(0, state.doc.content.size, docFromText(text).content));
  view.focus();
}
