/**
 * A plain `<textarea id="prompt">` composer in a `<form>` with
 * `<button type="submit">Skicka</button>`. Enter or the button sends.
 * Served as poe.com in the tests. After each send the page answers in
 * `#chat-messages` (inside `<main>`) with poe.com-like CSS-module markup: a
 * `ChatMessagesView_messagePair` of the user's `Message_humanMessageBubble`
 * and the bot's `Message_botMessageBubble`, the answer in the bot bubble's
 * `Markdown_markdownContainer` (the message's `data-complete="false"` while it
 * streams), then a "Kopiera" button (shared/answer.ts).
 */
import { copyIcon, h, mountTranscript, type AnswerSlot } from './shared/answer';
import { byId, mountWhenReady } from './shared/common';
import { wireTextareaComposer } from './shared/textarea-composer';

function poeTranscript(view: HTMLElement): (text: string) => void {
  let pair: HTMLElement = view;
  return mountTranscript({
    scroller: view,
    user(text, exchange) {
      pair = h(
        'div',
        { class: 'ChatMessagesView_messagePair__ZEXUz' },
        h(
          'div',
          { class: 'ChatMessage_chatMessage__xkgHx', id: `message-${2 * exchange - 1}`, 'data-complete': 'true' },
          h(
            'div',
            { class: 'ChatMessage_rightSideMessageWrapper__r0roB' },
            h(
              'div',
              { class: 'Message_rightSideMessageBubble__ioa_i Message_humanMessageBubble__DtRxA' },
              h('div', { class: 'Markdown_markdownContainer__Tz3HQ' }, h('p', {}, text)),
            ),
          ),
        ),
      );
      view.append(pair);
    },
    assistant(exchange): AnswerSlot {
      const answer = h('div', { class: 'Markdown_markdownContainer__Tz3HQ' });
      const actions = h('div', { class: 'ChatMessageActionBar_actionBar__gyeEs' });
      const message = h(
        'div',
        { class: 'ChatMessage_chatMessage__xkgHx', id: `message-${2 * exchange}`, 'data-complete': 'false' },
        h(
          'div',
          { class: 'ChatMessage_messageWrapper__4Ugd6' },
          h(
            'div',
            { class: 'Message_leftSideMessageBubble__VPdk6 Message_botMessageBubble__aYctV' },
            h('div', { class: 'Message_messageTextContainer__w64Sc' }, answer),
          ),
        ),
        actions,
      );
      pair.append(message);
      return {
        answer,
        finish() {
          message.setAttribute('data-complete', 'true');
          const copy = h('button', { type: 'button', class: 'turn-action Button_buttonBase__Bv9Vx' }, copyIcon(), 'Kopiera');
          actions.append(copy);
          return copy;
        },
      };
    },
  });
}

mountWhenReady('textarea', () => {
  const respond = poeTranscript(byId('chat-messages', HTMLDivElement));
  wireTextareaComposer(byId('composer-form', HTMLFormElement), byId('prompt', HTMLTextAreaElement), respond);
});
