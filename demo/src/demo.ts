/**
 * Offline demo chat page for newcomers (`npm start`): a chatgpt.com-style
 * ProseMirror composer with Swedish text. Sent prompts appear as chat bubbles
 * in `<ul id="sent">`; nothing leaves the computer.
 */
import { byId, mountWhenReady } from './shared/common';
import { mountChatgptComposer } from './shared/chatgpt-composer';
import { setEditorText } from './shared/pm';

const EXAMPLES: [label: string, text: string][] = [
  ['Personnummer', 'Skriv ett vänligt avslag till Per Nilsson, 640823-4174, på hans ansökan om parkeringstillstånd.'],
  ['Sekretessmarkering', 'Sammanfatta i tre punkter:\n\nKONFIDENTIELL\nBeredskapsplan för vattenförsörjning vid höjd beredskap …'],
  ['Hälsouppgift', 'min kollega Lena är sjukskriven för utmattningssyndrom, hjälp mig skriva en plan för arbetsträning'],
  ['Ofarlig fråga', 'Vilka symtom har astma hos barn? Skriv en kort text till förskolans föräldrabrev.'],
];

mountWhenReady('demo', () => {
  const status = byId('status', HTMLParagraphElement);
  const composer = mountChatgptComposer({
    root: byId('root', HTMLDivElement),
    form: byId('composer-form', HTMLFormElement),
    editorParent: byId('composer-editor', HTMLDivElement),
    sendSlot: byId('send-slot', HTMLSpanElement),
    placeholder: 'Skriv en prompt …',
    sendLabel: 'Skicka prompt',
    editorLabel: 'Skriv en prompt',
    afterSend: () => {
      status.textContent = 'Skickat – men bara till den här sidan. Inget lämnade datorn.';
      byId('sent', HTMLUListElement).lastElementChild?.scrollIntoView({ block: 'nearest' });
    },
  });

  const examples = byId('examples', HTMLDivElement);
  for (const [label, text] of EXAMPLES) {
    const chip = document.createElement('button');
    chip.type = 'button';
    chip.className = 'example';
    chip.textContent = label;
    chip.title = text;
    chip.addEventListener('click', () => setEditorText(composer.view, text));
    examples.append(chip);
  }
  composer.view.focus();
});
