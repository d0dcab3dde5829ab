import { defineBackground } from 'wxt/utils/define-background';

// Placeholder: the browser issue wires policy, counters and messaging here.
export default defineBackground(() => {});
