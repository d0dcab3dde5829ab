/**
 * Textarea composer plus file uploads: `<input type="file" id="file">` and an
 * upload button (`#upload-button`, "Ladda upp") that records the selected
 * files; files dropped or pasted on the composer are recorded at once.
 * Every upload lands in `window.__uploads` as { name, text, via }.
 */
import { byId, mountWhenReady, recordUpload, type MockUpload } from './shared/common';
import { wireTextareaComposer } from './shared/textarea-composer';

async function upload(files: Iterable<File>, via: MockUpload['via']): Promise<void> {
  for (const file of files) recordUpload({ name: file.name, text: await file.text(), via });
}

mountWhenReady('upload', () => {
  const form = byId('composer-form', HTMLFormElement);
  const textarea = byId('prompt', HTMLTextAreaElement);
  const input = byId('file', HTMLInputElement);
  wireTextareaComposer(form, textarea);

  byId('upload-button', HTMLButtonElement).addEventListener('click', () => {
    const files = [...(input.files ?? [])];
    input.value = '';
    void upload(files, 'input');
  });

  // The whole composer (form) is the drop zone, as on the chat sites.
  const hasFiles = (event: DragEvent) => event.dataTransfer?.types.includes('Files') ?? false;
  for (const type of ['dragenter', 'dragover'] as const) {
    form.addEventListener(type, (event) => {
      if (!hasFiles(event)) return;
      event.preventDefault();
      form.classList.add('drag-over');
    });
  }
  form.addEventListener('dragleave', () => form.classList.remove('drag-over'));
  form.addEventListener('drop', (event) => {
    form.classList.remove('drag-over');
    const files = [...(event.dataTransfer?.files ?? [])];
    if (files.length === 0) return; // dropped text: the textarea's default
    event.preventDefault();
    void upload(files, 'drop');
  });
  textarea.addEventListener('paste', (event) => {
    const files = [...(event.clipboardData?.files ?? [])];
    if (files.length === 0) return;
    event.preventDefault();
    void upload(files, 'paste');
  });
});
