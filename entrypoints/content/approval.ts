/**
 * The approval of one send: the user chose "Mask and send" or "Send anyway",
 * or the background found a held prompt clean. The guard then replays the
 * send through the site's own control, and only that send may pass:
 *
 * - every event of the replay passes when it carries exactly the approved
 *   text: the click on the send button and the form's submit that the click
 *   causes, or the Enter and the page's requestSubmit() (they follow each
 *   other synchronously, inside the replay);
 * - when no event of the replay reached the guard (the site sends a moment
 *   later, or through a control the guard does not know), the next send check
 *   within `ttlMs` passes if it carries exactly that text; whatever it
 *   carries, it uses the approval up.
 *
 * A page script cannot reuse an approval for other text, a second time, or
 * later: synthetic clicks and key presses are checked like the user's own.
 */
export class SendApproval {
  private replaying: string | null = null;
  private pending: { text: string; until: number } | null = null;

  constructor(
    private readonly now: () => number = () => Date.now(),
    private readonly ttlMs = 1000,
  ) {}

  /** Dispatches the approved send; events of it pass (see `admits`). */
  replay(text: string, dispatch: () => void): void {
    this.pending = { text, until: this.now() + this.ttlMs };
    this.replaying = text;
    try {
      dispatch();
    } finally {
      this.replaying = null;
    }
  }

  /**
   * Approves the employee's own next send of exactly `text` within `ms`: the
   * replay did not send it, and the dialog asked them to send it again.
   */
  allow(text: string, ms: number): void {
    this.pending = { text, until: this.now() + ms };
  }

  /** Whether a send of `text` is the approved one. Called once per send event the guard sees. */
  admits(text: string): boolean {
    if (this.replaying !== null) {
      if (text !== this.replaying) return false;
      // The replay reached the guard: nothing is left to approve afterwards.
      this.pending = null;
      return true;
    }
    const pending = this.pending;
    this.pending = null;
    return pending !== null && pending.text === text && this.now() <= pending.until;
  }
}
